package dev.switchboard.mcp.transport;

import dev.switchboard.mcp.protocol.DecodedBody;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpcMessage;
import dev.switchboard.mcp.protocol.JsonRpcRequest;
import dev.switchboard.mcp.protocol.JsonRpcResponse;
import dev.switchboard.mcp.protocol.MalformedMessageException;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.server.InitializeRequest;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.SessionLimitException;
import dev.switchboard.mcp.session.SessionStore;
import dev.switchboard.mcp.transport.HttpErrors.Rejection;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streamable HTTP endpoint of an {@link McpServer}: POST for messages, GET for the session's
 * stream of server-initiated messages, DELETE to end a session. Mount it at one path, with async
 * support enabled. Build it with {@link #builder(McpServer)}.
 *
 * <p>Every rejection is an HTTP status with a JSON-RPC error body. Sessions live in a
 * {@link SessionStore}; answers always go to the response of the POST that carried the request.
 */
public final class McpServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(McpServlet.class);
  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";
  private static final String SUPPORTED = ProtocolVersion.SESSION_REVISIONS.stream()
      .map(ProtocolVersion::wireName).collect(Collectors.joining(", "));

  private final transient McpServer server;
  private final transient SessionStore sessions;
  private final transient TransportSettings settings;
  private final transient RequestGuards guards;
  private final transient JsonRpcCodec codec = JsonRpcCodec.standard();
  private final transient ScheduledExecutorService scheduler;

  private McpServlet(Builder builder) {
    this.server = builder.server;
    this.sessions = builder.sessions != null ? builder.sessions : SessionStore.builder().build();
    this.settings = new TransportSettings(builder.maxRequestBytes, builder.maxQueuedBytes, builder.heartbeatInterval,
        builder.standaloneStream, builder.allowedOrigins, builder.allowedHosts);
    this.guards = new RequestGuards(settings);
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "mcp-sse-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    this.scheduler = timer;
  }

  /**
   * Starts configuring the endpoint of a server.
   *
   * @param server the server to serve
   * @return a builder with the defaults: 4 MiB bodies, 15 s heartbeats, GET streams on, localhost
   *     origins only, sessions idle out after 30 minutes, at most 10,000 sessions
   */
  public static Builder builder(McpServer server) {
    return new Builder(server);
  }

  /**
   * Returns the live sessions of this endpoint, for monitoring.
   *
   * @return the store
   */
  public SessionStore sessions() {
    return sessions;
  }

  /** Ends every session and stops the heartbeat timer. */
  @Override
  public void destroy() {
    sessions.close();
    scheduler.shutdownNow();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try {
      if (!guards.originAllowed(request)) {
        reject(response, Rejection.of(HttpServletResponse.SC_FORBIDDEN, "Forbidden: Origin not allowed"));
      } else if (!guards.hostAllowed(request)) {
        reject(response, Rejection.of(HttpServletResponse.SC_FORBIDDEN, "Forbidden: Host not allowed"));
      } else {
        switch (request.getMethod()) {
          case "POST" -> post(request, response);
          case "GET" -> get(request, response);
          case "DELETE" -> delete(request, response);
          default -> methodNotAllowed(response);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), e);
      reject(response, Rejection.of(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal error"));
    }
  }

  private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Rejection rejection = checkPostHeaders(request);
    byte[] body = rejection == null ? readBody(request, response) : null;
    if (rejection != null || body == null) {
      reject(response, rejection);
      return;
    }
    DecodedBody decoded;
    try {
      decoded = codec.decode(body);
    } catch (MalformedMessageException e) {
      HttpErrors.send(response, codec, HttpServletResponse.SC_BAD_REQUEST, e.response());
      return;
    }
    JsonRpcRequest initialize = findInitialize(decoded);
    if (initialize != null) {
      initialize(request, response, decoded, initialize);
    } else {
      postToSession(request, response, decoded);
    }
  }

  private @Nullable Rejection checkPostHeaders(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    if (!RequestGuards.accepts(accept, "application/json") || !RequestGuards.accepts(accept, "text/event-stream")) {
      return Rejection.of(HttpServletResponse.SC_NOT_ACCEPTABLE,
          "Not Acceptable: Accept must allow both application/json and text/event-stream");
    }
    if (!RequestGuards.isJson(request.getContentType())) {
      return Rejection.of(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
          "Unsupported Media Type: Content-Type must be application/json");
    }
    return null;
  }

  /** Reads the body up to the limit; null (after answering 413) when it is larger. */
  private byte @Nullable [] readBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long limit = settings.maxRequestBytes();
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      tooLarge(response);
      return null;
    }
    InputStream in = request.getInputStream();
    byte[] body = in.readNBytes((int) Math.min(limit + 1, declared >= 0 ? declared + 1 : limit + 1));
    if (body.length > limit) {
      tooLarge(response);
      return null;
    }
    return body;
  }

  private void tooLarge(HttpServletResponse response) {
    reject(response, Rejection.of(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        "Payload Too Large: the limit is " + settings.maxRequestBytes() + " bytes"));
  }

  private static @Nullable JsonRpcRequest findInitialize(DecodedBody decoded) {
    for (JsonRpcMessage message : decoded.messages()) {
      if (message instanceof JsonRpcRequest request && "initialize".equals(request.method())) {
        return request;
      }
    }
    return null;
  }

  /** {@code initialize} creates the session, atomically, with a fresh id; it is never part of one. */
  private void initialize(HttpServletRequest request, HttpServletResponse response, DecodedBody decoded,
      JsonRpcRequest initialize) {
    if (decoded.batch()) {
      reject(response, new Rejection(HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
          "Invalid Request: initialize must not be part of a batch", initialize.id()));
      return;
    }
    if (request.getHeader(SESSION_HEADER) != null) {
      reject(response, new Rejection(HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
          "Invalid Request: the session is already initialized; send initialize without Mcp-Session-Id to start a new one",
          initialize.id()));
      return;
    }
    McpSession session;
    try {
      InitializeRequest negotiated = server.negotiate(initialize);
      session = sessions.create(negotiated.protocolVersion(), negotiated.clientInfo(), negotiated.capabilities());
    } catch (McpException e) {
      HttpErrors.send(response, codec, HttpServletResponse.SC_BAD_REQUEST,
          JsonRpcResponse.failure(initialize.id(), e.toError()));
      return;
    } catch (SessionLimitException e) {
      response.setHeader("Retry-After", "30");
      reject(response, new Rejection(HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCodes.INTERNAL_ERROR,
          "Service Unavailable: too many sessions, retry later", initialize.id()));
      return;
    } catch (IllegalStateException e) {
      reject(response, Rejection.of(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable: shutting down"));
      return;
    }
    response.setHeader(SESSION_HEADER, session.id());
    dispatch(request, response, session, decoded);
  }

  private void postToSession(HttpServletRequest request, HttpServletResponse response, DecodedBody decoded) {
    McpSession session = resolveSession(request, response);
    if (session == null) {
      return;
    }
    if (decoded.batch() && !session.protocolVersion().allowsBatches()) {
      reject(response, Rejection.of(HttpServletResponse.SC_BAD_REQUEST,
          "Invalid Request: batches are not allowed in protocol version " + session.protocolVersion()));
      return;
    }
    if (!decoded.hasRequests()) {
      for (JsonRpcMessage message : decoded.messages()) {
        server.handle(message, session, ClosedChannel.INSTANCE);
      }
      if (decoded.rejected().isEmpty()) {
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
      } else {
        HttpErrors.send(response, HttpServletResponse.SC_BAD_REQUEST, Encoding.encodeBatch(codec, decoded.rejected()));
      }
      return;
    }
    dispatch(request, response, session, decoded);
  }

  /** Hands every message to the server; answers go to this POST's exchange, which picks JSON or SSE. */
  private void dispatch(HttpServletRequest request, HttpServletResponse response, McpSession session,
      DecodedBody decoded) {
    int requests = 0;
    for (JsonRpcMessage message : decoded.messages()) {
      if (message instanceof JsonRpcRequest) {
        requests++;
      }
    }
    PostExchange exchange = new PostExchange(request, response, session, codec, settings, scheduler,
        decoded.batch(), requests + decoded.rejected().size());
    for (JsonRpcResponse rejected : decoded.rejected()) {
      exchange.send(rejected);
    }
    for (JsonRpcMessage message : decoded.messages()) {
      server.handle(message, session, exchange);
    }
    exchange.finishDispatch();
  }

  private void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!settings.standaloneStream()) {
      methodNotAllowed(response);
      return;
    }
    if (!RequestGuards.accepts(request.getHeader("Accept"), "text/event-stream")) {
      reject(response, Rejection.of(HttpServletResponse.SC_NOT_ACCEPTABLE,
          "Not Acceptable: Accept must allow text/event-stream"));
      return;
    }
    McpSession session = resolveSession(request, response);
    if (session == null) {
      return;
    }
    AsyncContext async = request.startAsync(request, response);
    async.setTimeout(0);
    if (StandaloneStream.open(session, codec, async, response, settings, scheduler) == null) {
      response.reset();
      reject(response, Rejection.of(HttpServletResponse.SC_CONFLICT,
          "Conflict: this session already has a GET stream open"));
      async.complete();
    }
  }

  private void delete(HttpServletRequest request, HttpServletResponse response) {
    String id = request.getHeader(SESSION_HEADER);
    Rejection rejection = id == null ? missingSession() : checkVersionHeader(request);
    if (rejection != null) {
      reject(response, rejection);
    } else if (sessions.delete(id)) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    } else {
      reject(response, unknownSession());
    }
  }

  /** Finds the request's session; null (after answering 400 or 404) when there is none. */
  private @Nullable McpSession resolveSession(HttpServletRequest request, HttpServletResponse response) {
    String id = request.getHeader(SESSION_HEADER);
    Rejection rejection = id == null ? missingSession() : checkVersionHeader(request);
    if (rejection != null) {
      reject(response, rejection);
      return null;
    }
    McpSession session = sessions.find(id).orElse(null);
    if (session == null) {
      reject(response, unknownSession());
    }
    return session;
  }

  private static @Nullable Rejection checkVersionHeader(HttpServletRequest request) {
    String header = request.getHeader(VERSION_HEADER);
    if (header == null || ProtocolVersion.fromWire(header).filter(ProtocolVersion.SESSION_REVISIONS::contains).isPresent()) {
      return null;
    }
    return Rejection.of(HttpServletResponse.SC_BAD_REQUEST,
        "Bad Request: unsupported MCP-Protocol-Version '" + header + "' (supported: " + SUPPORTED + ")");
  }

  private static Rejection missingSession() {
    return Rejection.of(HttpServletResponse.SC_BAD_REQUEST,
        "Bad Request: Mcp-Session-Id header is required; send initialize first");
  }

  private static Rejection unknownSession() {
    return Rejection.of(HttpServletResponse.SC_NOT_FOUND,
        "Session not found: it expired or was deleted; send initialize to start a new one");
  }

  private void methodNotAllowed(HttpServletResponse response) {
    response.setHeader("Allow", settings.standaloneStream() ? "GET, POST, DELETE" : "POST, DELETE");
    reject(response, Rejection.of(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed"));
  }

  private void reject(HttpServletResponse response, @Nullable Rejection rejection) {
    if (rejection != null) {
      HttpErrors.send(response, codec, rejection);
    }
  }

  /** Configures a {@link McpServlet}; each setter checks its argument at once. */
  public static final class Builder {
    private final McpServer server;
    private long maxRequestBytes = 4L * 1024 * 1024;
    private long maxQueuedBytes = 16L * 1024 * 1024;
    private Duration heartbeatInterval = Duration.ofSeconds(15);
    private boolean standaloneStream = true;
    private @Nullable Set<String> allowedOrigins;
    private @Nullable Set<String> allowedHosts;
    private @Nullable SessionStore sessions;

    private Builder(McpServer server) {
      this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * Sets the largest request body accepted; larger ones get 413 without being read.
     *
     * @param bytes at least 1 KiB; default 4 MiB
     * @return this builder
     */
    public Builder maxRequestBytes(long bytes) {
      if (bytes < 1024 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxRequestBytes must be between 1024 and 2^31, was " + bytes);
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /**
     * Sets how many bytes may wait for a client that reads too slowly before its stream is dropped.
     *
     * @param bytes at least 64 KiB; default 16 MiB
     * @return this builder
     */
    public Builder maxQueuedBytes(long bytes) {
      if (bytes < 64 * 1024) {
        throw new IllegalArgumentException("maxQueuedBytes must be at least 65536, was " + bytes);
      }
      this.maxQueuedBytes = bytes;
      return this;
    }

    /**
     * Sets how often idle SSE streams get a heartbeat comment. A call that runs longer than this is
     * answered on an SSE stream, so it gets heartbeats too.
     *
     * @param interval between 10 ms and 10 minutes; default 15 s
     * @return this builder
     */
    public Builder heartbeatInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.toMillis() < 10 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("heartbeatInterval must be between 10 ms and 10 min, was " + interval);
      }
      this.heartbeatInterval = interval;
      return this;
    }

    /**
     * Sets whether GET opens a stream for server-initiated messages; when off, GET gets 405.
     *
     * @param enabled true to serve GET streams (the default)
     * @return this builder
     */
    public Builder standaloneStream(boolean enabled) {
      this.standaloneStream = enabled;
      return this;
    }

    /**
     * Replaces the default Origin allow-list (the localhost origins of the server's own port).
     * Requests without an Origin are always allowed.
     *
     * @param origins origins such as {@code https://app.example.com} or {@code http://localhost:5173}
     * @return this builder
     */
    public Builder allowedOrigins(String... origins) {
      this.allowedOrigins = Arrays.stream(origins).map(origin -> {
        String normalized = RequestGuards.normalizeOrigin(Objects.requireNonNull(origin, "origin"));
        if (normalized == null) {
          throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
        }
        return normalized;
      }).collect(Collectors.toUnmodifiableSet());
      return this;
    }

    /**
     * Replaces the default Host check (on a loopback bind, only localhost names). Use it when the
     * server is reached under a name of its own.
     *
     * @param hosts host names without ports, such as {@code mcp.example.com}
     * @return this builder
     */
    public Builder allowedHosts(String... hosts) {
      this.allowedHosts = Arrays.stream(hosts)
          .map(host -> Objects.requireNonNull(RequestGuards.hostName(Objects.requireNonNull(host, "host")),
              "host must not be blank"))
          .collect(Collectors.toUnmodifiableSet());
      return this;
    }

    /**
     * Sets the session store, to change the idle timeout, the session cap, or to observe sessions.
     * The servlet closes the store when it is destroyed.
     *
     * @param store the store
     * @return this builder
     */
    public Builder sessionStore(SessionStore store) {
      this.sessions = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Builds the servlet.
     *
     * @return the servlet, to be mounted with async support
     */
    public McpServlet build() {
      return new McpServlet(this);
    }
  }
}
