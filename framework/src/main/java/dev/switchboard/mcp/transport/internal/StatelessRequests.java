package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.ClientInfo;
import dev.switchboard.mcp.protocol.internal.DecodedBody;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.protocol.internal.Texts;
import dev.switchboard.mcp.server.internal.HeaderParam;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.session.internal.ClientQuotas;
import dev.switchboard.mcp.session.internal.StatelessCaller;
import dev.switchboard.mcp.session.internal.StatelessCalls;
import dev.switchboard.mcp.transport.internal.HttpErrors.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the POSTs of the stateless revision (2026-07-28) on the same endpoint as sessions: tells them
 * apart, checks the request headers against the body, reads the client's description from
 * {@code _meta}, and hands the request to the server with a {@link StatelessExchange}. Nothing is
 * kept after the response.
 */
final class StatelessRequests {
  static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String META_CLIENT = "io.modelcontextprotocol/clientInfo";
  static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  private static final String METHOD_HEADER = "Mcp-Method";
  private static final String NAME_HEADER = "Mcp-Name";

  /** A request that cannot be served: the status, and the JSON-RPC error that says why. */
  record Refusal(int status, int code, String message, @Nullable JsonNode data) {
    static Refusal header(String message) {
      return new Refusal(HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.HEADER_MISMATCH, "Header mismatch: " + message,
          null);
    }

    static Refusal meta(String message) {
      return new Refusal(HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_PARAMS, "Invalid params: " + message,
          null);
    }
  }

  private final ServerCore server;
  private final JsonRpcCodec codec;
  private final TransportSettings settings;
  private final Timers timers;
  private final OpenConnections open;
  private final StatelessCalls calls;
  private final ClientQuotas quotas;
  private final IntFunction<@Nullable Rejection> overloaded;

  /**
   * @param overloaded the endpoint's check of its capacity for more calls
   */
  StatelessRequests(ServerCore server, TransportSettings settings, Timers timers, OpenConnections open,
      ClientQuotas quotas, IntFunction<@Nullable Rejection> overloaded) {
    this.calls = new StatelessCalls(quotas);
    this.quotas = quotas;
    this.overloaded = overloaded;
    this.server = server;
    this.codec = server.codec();
    this.settings = settings;
    this.timers = timers;
    this.open = open;
  }

  StatelessCalls calls() {
    return calls;
  }

  /**
   * Whether a POST belongs to the stateless revision: its message names its revision in
   * {@code _meta}, or it carries no session and a {@code MCP-Protocol-Version} no session revision
   * has. {@code initialize} without such {@code _meta} always starts a session.
   */
  static boolean isStateless(HttpServletRequest request, DecodedBody decoded) {
    for (JsonRpcMessage message : decoded.messages()) {
      if (meta(message).has(META_VERSION)) {
        return true;
      }
    }
    if (decoded.batch() || decoded.messages().isEmpty() || request.getHeader(Endpoint.SESSION_HEADER) != null) {
      return false;
    }
    if (decoded.messages().get(0) instanceof JsonRpcRequest call && "initialize".equals(call.method())) {
      return false;
    }
    String version = request.getHeader(Endpoint.VERSION_HEADER);
    return version != null
        && ProtocolVersion.fromWire(version.strip()).filter(ProtocolVersion.SESSION_REVISIONS::contains).isEmpty();
  }

  /** Serves a stateless POST. */
  void serve(HttpServletRequest request, HttpServletResponse response, DecodedBody decoded, boolean draining) {
    if (decoded.batch() || decoded.messages().size() != 1) {
      refuse(response, null, new Refusal(HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
          "Invalid Request: batches are not allowed in 2026-07-28", null));
      return;
    }
    JsonRpcMessage message = decoded.messages().get(0);
    if (message instanceof JsonRpcNotification) {
      response.setStatus(HttpServletResponse.SC_ACCEPTED); // 2026-07-28 defines none a client sends over HTTP
      return;
    }
    if (!(message instanceof JsonRpcRequest call)) {
      refuse(response, null, new Refusal(HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
          "Invalid Request: a client sends no responses in 2026-07-28", null));
      return;
    }
    String client = settings.clientOf(request);
    StatelessCaller caller;
    try {
      caller = check(request, call, client);
    } catch (RefusedException e) {
      refuse(response, call.id(), e.refusal);
      return;
    }
    if (draining) {
      response.setHeader("Retry-After", "5");
      refuse(response, call.id(), new Refusal(HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCodes.INTERNAL_ERROR,
          "Service Unavailable: the server is shutting down", null));
      return;
    }
    Rejection overLimit = quotas.held(ClientQuotas.Kind.CALLS, client) >= quotas.max(ClientQuotas.Kind.CALLS)
        ? Rejection.of(429, "Too Many Requests: this client has the most calls in flight it may ("
            + quotas.max(ClientQuotas.Kind.CALLS) + "); wait for some to finish")
        : overloaded.apply(1);
    if (overLimit != null) {
      response.setHeader("Retry-After", "1");
      refuse(response, call.id(), new Refusal(overLimit.status(), overLimit.code(), overLimit.message(), null));
      return;
    }
    StatelessExchange exchange = new StatelessExchange(request, response, codec, settings, timers, open, caller::cancel);
    server.handle(call, caller, exchange);
    exchange.finishDispatch();
  }

  /** The checks of 2026-07-28, in the order its conformance suite expects them. */
  private StatelessCaller check(HttpServletRequest request, JsonRpcRequest call, String client)
      throws RefusedException {
    String versionHeader = request.getHeader(Endpoint.VERSION_HEADER);
    if (versionHeader == null) {
      throw new RefusedException(Refusal.header("the MCP-Protocol-Version header is required"));
    }
    JsonNode meta = meta(call);
    JsonNode version = meta.get(META_VERSION);
    if (version == null || !version.isString()) {
      throw new RefusedException(Refusal.meta("_meta[\"" + META_VERSION + "\"] is required"));
    }
    JsonNode capabilities = meta.get(META_CAPABILITIES);
    if (capabilities == null || !capabilities.isObject()) {
      throw new RefusedException(Refusal.meta("_meta[\"" + META_CAPABILITIES + "\"] is required (an object)"));
    }
    if (!versionHeader.strip().equals(version.stringValue())) {
      throw new RefusedException(Refusal.header("MCP-Protocol-Version is '" + Texts.echo(versionHeader.strip())
          + "' but _meta names '" + Texts.echo(version.stringValue()) + "'"));
    }
    ProtocolVersion revision = ProtocolVersion.fromWire(version.stringValue())
        .filter(ProtocolVersion::isStateless).orElse(null);
    if (revision == null) {
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      ArrayNode supported = data.putArray("supported");
      ProtocolVersion.STATELESS_REVISIONS.forEach(v -> supported.add(v.wireName()));
      data.put("requested", Texts.echo(version.stringValue()));
      throw new RefusedException(new Refusal(HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
          "Unsupported protocol version: " + Texts.echo(version.stringValue()), data));
    }
    String method = header(request, METHOD_HEADER);
    if (method == null || !method.equals(call.method())) {
      throw new RefusedException(Refusal.header(method == null ? "the Mcp-Method header is required"
          : "Mcp-Method is '" + Texts.echo(method) + "' but the body's method is '" + Texts.echo(call.method()) + "'"));
    }
    checkName(request, call);
    LoggingLevel logLevel = null;
    JsonNode level = meta.get(META_LOG_LEVEL);
    if (level != null && !level.isNull()) {
      logLevel = LoggingLevel.fromWire(level.asString("")).orElseThrow(
          () -> new RefusedException(Refusal.meta("unknown log level " + Texts.echo(level.toString()))));
    }
    Implementation clientInfo = ClientInfo.read(meta.path(META_CLIENT));
    return new StatelessCaller(revision, clientInfo, ClientCapabilities.fromJson(capabilities), logLevel, calls, client);
  }

  /** {@code Mcp-Name} must name what the body names; a tool's header arguments must agree too. */
  private void checkName(HttpServletRequest request, JsonRpcRequest call) throws RefusedException {
    String field = switch (call.method()) {
      case "tools/call", "prompts/get" -> "name";
      case "resources/read" -> "uri";
      default -> null;
    };
    if (field == null) {
      return;
    }
    JsonNode params = call.params();
    JsonNode named = params == null ? null : params.get(field);
    String name = header(request, NAME_HEADER);
    if (name == null) {
      throw new RefusedException(Refusal.header("the Mcp-Name header is required for " + call.method()));
    }
    if (params == null || named == null || !named.isString() || !named.stringValue().equals(name)) {
      throw new RefusedException(Refusal.header("Mcp-Name does not match params." + field));
    }
    if ("tools/call".equals(call.method())) {
      JsonNode arguments = params.path("arguments");
      for (HeaderParam param : server.headerParams(name)) {
        checkParam(request, param, arguments.get(param.property()));
      }
    }
  }

  private static void checkParam(HttpServletRequest request, HeaderParam param, @Nullable JsonNode value)
      throws RefusedException {
    String header = header(request, param.headerName());
    if (value == null || value.isNull()) {
      return; // nothing to mirror, so nothing is expected
    }
    if (header == null) {
      throw new RefusedException(Refusal.header("the " + param.headerName() + " header is required when the argument '"
          + param.property() + "' is given"));
    }
    boolean matches;
    if (value.isString()) {
      matches = value.stringValue().equals(header);
    } else if (value.isNumber()) {
      matches = sameNumber(value, header);
    } else if (value.isBoolean()) {
      matches = String.valueOf(value.booleanValue()).equals(header);
    } else {
      return; // objects and arrays cannot travel in a header; the spec leaves them unchecked
    }
    if (!matches) {
      throw new RefusedException(Refusal.header(param.headerName() + " does not match the argument '"
          + param.property() + "'"));
    }
  }

  private static boolean sameNumber(JsonNode value, String header) {
    try {
      return value.decimalValue().compareTo(new BigDecimal(header)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * A request header's value as the spec compares it: optional whitespace trimmed, characters
   * checked, and {@code =?base64?...?=} decoded strictly (padding and alphabet).
   *
   * @return the value, or null when absent
   * @throws RefusedException when the value has invalid characters or invalid Base64
   */
  static @Nullable String header(HttpServletRequest request, String name) throws RefusedException {
    String raw = request.getHeader(name);
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c > 0x7e) {
        throw new RefusedException(Refusal.header(name + " has characters a header value cannot have"));
      }
    }
    if (value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
      String encoded = value.substring(9, value.length() - 2);
      if (encoded.length() % 4 != 0) {
        throw new RefusedException(Refusal.header(name + " is not valid Base64 (padding is required)"));
      }
      try {
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new RefusedException(Refusal.header(name + " is not valid Base64"));
      }
    }
    return value;
  }

  private static JsonNode meta(JsonRpcMessage message) {
    JsonNode params = message instanceof JsonRpcRequest call ? call.params()
        : message instanceof JsonRpcNotification notification ? notification.params() : null;
    JsonNode meta = params == null ? null : params.get("_meta");
    return meta != null && meta.isObject() ? meta : MissingNode.getInstance();
  }

  private void refuse(HttpServletResponse response, @Nullable RequestId id, Refusal refusal) {
    HttpErrors.send(response, codec, refusal.status(),
        JsonRpcResponse.failure(id, new JsonRpcError(refusal.code(), refusal.message(), refusal.data())));
  }

  /** Carries a refusal out of the checks. */
  private static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Refusal refusal;

    RefusedException(Refusal refusal) {
      super(refusal.message(), null, false, false);
      this.refusal = refusal;
    }
  }
}
