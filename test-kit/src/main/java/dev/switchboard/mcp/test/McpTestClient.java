package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP client that speaks the real wire, for tests: Streamable HTTP with sessions (revisions
 * 2025-03-26 to 2025-11-25: {@code initialize}, {@code notifications/initialized}, answers as JSON or
 * SSE, the GET stream, DELETE) or stateless (2026-07-28: the {@code _meta} envelope and the
 * {@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name} and {@code Mcp-Param-*}
 * headers, multi-round results). The revision chosen decides the era; every method works in both.
 *
 * <p>It keeps every HTTP exchange ({@link #exchanges()}), answers the server's questions with the
 * test's {@link ClientScript}, sends a progress token with every tool call, asks for log messages
 * (at {@code debug} unless told otherwise), and waits no longer than its timeout for anything. A
 * session is opened on the first request. Thread-safe: several calls may be in flight at once.
 * Close it to end its session (DELETE) and its streams.
 */
public final class McpTestClient implements AutoCloseable {
  static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String META_CLIENT = "io.modelcontextprotocol/clientInfo";
  static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";

  /** Runs calls sent with {@link ToolCall#sendAsync()}. */
  private static final ExecutorService ASYNC = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "switchboard-test-call");
    thread.setDaemon(true);
    return thread;
  });

  private final Wire wire;
  private final Envelope envelope;
  private final Requests requests;
  private final ProtocolVersion revision;
  private final ObjectNode capabilities;
  private final String clientName;
  private final String clientVersion;
  private final ClientScript script;
  private final LoggingLevel logLevel;
  private final boolean logLevelChosen;
  private final Duration timeout;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Tool> tools = new ConcurrentHashMap<>();
  private final List<NotificationStream> streams = new CopyOnWriteArrayList<>();
  private final Object handshake = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean initialized;
  private volatile String sessionId;
  private volatile String negotiated;
  private volatile JsonNode serverResult;

  private McpTestClient(Builder builder) {
    this.revision = builder.revision;
    this.capabilities = builder.capabilities.deepCopy();
    this.clientName = builder.clientName;
    this.clientVersion = builder.clientVersion;
    this.script = builder.script;
    this.logLevel = builder.logLevel;
    this.logLevelChosen = builder.logLevelChosen;
    this.timeout = builder.timeout;
    HttpClient http = builder.http != null ? builder.http : Wire.newHttpClient();
    this.wire = new Wire(http, builder.endpoint, builder.headers, exchanges::add);
    this.envelope = new Envelope(revision, capabilities, clientName, clientVersion, logLevel, this::findTool);
    this.requests = new Requests(this, wire, envelope, ids);
  }

  /**
   * Starts a client of an endpoint, such as {@code http://127.0.0.1:8080/mcp}.
   *
   * @param endpoint the MCP endpoint's URI
   * @return a builder with the defaults: revision 2025-11-25, capabilities for elicitation,
   *     sampling and roots, no scripted answers, log level {@code debug}, 30 s per request
   */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /** Configures a {@link McpTestClient}. */
  public static final class Builder {
    private final URI endpoint;
    private ProtocolVersion revision = ProtocolVersion.LATEST_WITH_SESSIONS;
    private ObjectNode capabilities = defaultCapabilities();
    private String clientName = "switchboard-test";
    private String clientVersion = "1.0.0";
    private ClientScript script = ClientScript.none();
    private LoggingLevel logLevel = LoggingLevel.DEBUG;
    private boolean logLevelChosen;
    private Duration timeout = Duration.ofSeconds(30);
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpClient http;

    private Builder(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    private static ObjectNode defaultCapabilities() {
      ObjectNode capabilities = Json.object();
      capabilities.putObject("elicitation");
      capabilities.putObject("sampling");
      capabilities.putObject("roots").put("listChanged", true);
      return capabilities;
    }

    /**
     * The revision to speak. A session revision (2025-03-26, 2025-06-18, 2025-11-25) opens a
     * session; 2026-07-28 sends stateless requests.
     *
     * @param version the revision
     * @return this builder
     */
    public Builder revision(ProtocolVersion version) {
      this.revision = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * The capabilities the client declares, as JSON text (by default elicitation, sampling and
     * roots).
     *
     * @param json a JSON object, such as {@code {"elicitation": {}}}; {@code {}} declares none
     * @return this builder
     */
    public Builder capabilities(String json) {
      JsonNode parsed = Json.parse(json);
      if (!parsed.isObject()) {
        throw new IllegalArgumentException("capabilities are a JSON object, not " + json);
      }
      this.capabilities = (ObjectNode) parsed;
      return this;
    }

    /**
     * The name and version the client gives.
     *
     * @param name the client's name
     * @param version its version
     * @return this builder
     */
    public Builder clientInfo(String name, String version) {
      this.clientName = Objects.requireNonNull(name, "name");
      this.clientVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * The answers to the server's questions, for every request of the client (a call may add its
     * own with {@link ToolCall#answering(ClientScript)}).
     *
     * @param answers the script
     * @return this builder
     */
    public Builder answering(ClientScript answers) {
      this.script = Objects.requireNonNull(answers, "answers");
      return this;
    }

    /**
     * The lowest level of log messages the client asks for: on a session it sends
     * {@code logging/setLevel} after the handshake; in 2026-07-28 every request carries it. By
     * default {@code debug} (on a session, the server's own default, so nothing is sent).
     *
     * @param level the level, or null for none at all in 2026-07-28 (sessions then keep the
     *     server's default)
     * @return this builder
     */
    public Builder logLevel(LoggingLevel level) {
      this.logLevel = level;
      this.logLevelChosen = true;
      return this;
    }

    /**
     * How long one request may take, answers and rounds included.
     *
     * @param limit the time allowed (30 s by default)
     * @return this builder
     */
    public Builder timeout(Duration limit) {
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("a timeout is positive, not " + limit);
      }
      this.timeout = limit;
      return this;
    }

    /**
     * A header sent with every request, such as {@code Authorization}.
     *
     * @param name the header's name
     * @param value its value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The JDK HTTP client to send with (by default one of the client's own, HTTP/1.1).
     *
     * @param client the HTTP client
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Builds the client; nothing is sent until the first request.
     *
     * @return the client
     */
    public McpTestClient build() {
      return new McpTestClient(this);
    }
  }

  /**
   * The endpoint.
   *
   * @return its URI
   */
  public URI uri() {
    return wire.uri();
  }

  /**
   * The revision the client speaks (on a session, the one it asks for; see
   * {@link #negotiatedRevision()}).
   *
   * @return the revision
   */
  public ProtocolVersion revision() {
    return revision;
  }

  /**
   * Whether the client sends stateless (2026-07-28) requests.
   *
   * @return true in the stateless era
   */
  public boolean isStateless() {
    return revision.isStateless();
  }

  /**
   * The session's id, once the handshake is done.
   *
   * @return the {@code Mcp-Session-Id}, if there is a session
   */
  public Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }

  /**
   * The revision the server chose for the session (or the stateless revision).
   *
   * @return the negotiated revision's wire name
   */
  public String negotiatedRevision() {
    if (isStateless()) {
      return revision.wireName();
    }
    ensureSession();
    return negotiated;
  }

  /** Opens the session before a request (sessions only: a stateless request needs nothing first). */
  private void ensureSession() {
    if (!isStateless()) {
      initialize();
    }
  }

  /**
   * Opens the session (sessions: {@code initialize} then {@code notifications/initialized}; every
   * request does it first when needed) or discovers the server (2026-07-28: {@code server/discover},
   * which other requests do not need), once; later calls return the same.
   *
   * @return the {@code initialize} or {@code server/discover} result
   */
  public JsonNode initialize() {
    if (!initialized) {
      synchronized (handshake) {
        if (!initialized) {
          if (isStateless()) {
            serverResult = request("server/discover", Json.object(), null).json();
            negotiated = revision.wireName();
          } else {
            openSession();
          }
          initialized = true;
        }
      }
    }
    return serverResult.deepCopy();
  }

  private void openSession() {
    ObjectNode params = Json.object().put("protocolVersion", revision.wireName());
    params.set("capabilities", capabilities.deepCopy());
    params.putObject("clientInfo").put("name", clientName).put("version", clientVersion);
    Call call = newCall("initialize", null, null, null);
    JsonNode result = requests.exchange(call, "initialize", params, Map.of(), reply -> {
      reply.header("Mcp-Session-Id").ifPresent(id -> sessionId = id);
    });
    negotiated = result.path("protocolVersion").asString(revision.wireName());
    serverResult = result;
    Exchange initializedNote = notifyRaw("notifications/initialized", Json.object());
    if (initializedNote.status() != 202) {
      throw McpAssertions.failure("notifications/initialized got HTTP " + initializedNote.status()
          + " (expected 202)", List.of(initializedNote));
    }
    if (logLevelChosen && logLevel != null) {
      Call setLevel = newCall("logging/setLevel", null, null, null);
      requests.exchange(setLevel, "logging/setLevel", Json.object().put("level", logLevel.wireName()), sessionHeaders(), r -> { });
    }
  }

  /**
   * Lists the tools (every page).
   *
   * @return the tools, as the server declares them
   */
  public List<Tool> listTools() {
    List<Tool> listed = new ArrayList<>();
    for (JsonNode tool : listAll("tools/list", "tools")) {
      listed.add(Listings.tool(tool));
    }
    tools.keySet().retainAll(listed.stream().map(Tool::name).toList());
    listed.forEach(tool -> tools.put(tool.name(), tool));
    return List.copyOf(listed);
  }

  /**
   * A tool as {@code tools/list} declares it (the client lists the tools when it has not seen this
   * one; {@link #listTools()} lists them again).
   *
   * @param name the tool's name
   * @return the tool
   * @throws AssertionError when the server lists no such tool
   */
  public Tool tool(String name) {
    return findTool(name).orElseThrow(() -> McpAssertions.failure("the server lists no tool '" + name
        + "'; it lists " + tools.keySet(), exchanges.isEmpty() ? List.of() : List.of(lastExchange())));
  }

  Optional<Tool> findTool(String name) {
    Tool known = tools.get(name);
    if (known != null) {
      return Optional.of(known);
    }
    listTools();
    return Optional.ofNullable(tools.get(name));
  }

  /**
   * Lists the resources (every page).
   *
   * @return the resources
   */
  public List<Resource> listResources() {
    List<Resource> listed = new ArrayList<>();
    for (JsonNode resource : listAll("resources/list", "resources")) {
      listed.add(Listings.resource(resource));
    }
    return List.copyOf(listed);
  }

  /**
   * Lists the resource templates (every page).
   *
   * @return the templates
   */
  public List<ResourceTemplate> listResourceTemplates() {
    List<ResourceTemplate> listed = new ArrayList<>();
    for (JsonNode template : listAll("resources/templates/list", "resourceTemplates")) {
      listed.add(Listings.template(template));
    }
    return List.copyOf(listed);
  }

  /**
   * Lists the prompts (every page).
   *
   * @return the prompts
   */
  public List<Prompt> listPrompts() {
    List<Prompt> listed = new ArrayList<>();
    for (JsonNode prompt : listAll("prompts/list", "prompts")) {
      listed.add(Listings.prompt(prompt));
    }
    return List.copyOf(listed);
  }

  /** The raw entries of a list method, every page. */
  List<JsonNode> listAll(String method, String field) {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 1_000; page++) {
      ObjectNode params = Json.object();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      JsonNode result = request(method, params, null).json();
      result.path(field).forEach(all::add);
      JsonNode next = result.get("nextCursor");
      if (next == null || next.isNull() || next.asString("").isEmpty()) {
        return all;
      }
      cursor = next.asString();
    }
    throw McpAssertions.failure(method + " never stopped giving a nextCursor", List.of(lastExchange()));
  }

  /**
   * Starts a tool call, to add arguments, answers or {@code _meta} before sending it.
   *
   * @param tool the tool's name
   * @return the call, not sent yet
   */
  public ToolCall call(String tool) {
    return new ToolCall(this, tool);
  }

  /**
   * Calls a tool without arguments.
   *
   * @param tool the tool's name
   * @return the result
   */
  public ToolResult callTool(String tool) {
    return call(tool).send();
  }

  /**
   * Calls a tool.
   *
   * @param tool the tool's name
   * @param arguments the arguments by name (strings, numbers, booleans, lists, maps, records)
   * @return the result
   */
  public ToolResult callTool(String tool, Map<String, ?> arguments) {
    return call(tool).arguments(arguments).send();
  }

  /**
   * Calls a tool with arguments given as JSON text.
   *
   * @param tool the tool's name
   * @param argumentsJson a JSON object, such as {@code {"city": "Oslo"}}
   * @return the result
   */
  public ToolResult callTool(String tool, String argumentsJson) {
    return call(tool).arguments(argumentsJson).send();
  }

  /**
   * Reads a resource.
   *
   * @param uri the resource's URI
   * @return the result; {@link McpResult#text()} gives its text contents
   */
  public McpResult readResource(String uri) {
    return request("resources/read", Json.object().put("uri", uri), null);
  }

  /**
   * Gets a prompt.
   *
   * @param name the prompt's name
   * @param arguments its arguments
   * @return the result; {@link McpResult#text()} gives its messages' texts
   */
  public McpResult getPrompt(String name, Map<String, String> arguments) {
    ObjectNode params = Json.object().put("name", name);
    params.set("arguments", Json.objectOf(arguments));
    return request("prompts/get", params, null);
  }

  /**
   * Asks for completions of a prompt's argument.
   *
   * @param prompt the prompt's name
   * @param argument the argument's name
   * @param value what was typed so far
   * @return the completion
   */
  public Completion completePrompt(String prompt, String argument, String value) {
    return complete(Json.object().put("type", "ref/prompt").put("name", prompt), argument, value, Map.of());
  }

  /**
   * Asks for completions of a resource template's variable.
   *
   * @param uriTemplate the template, such as {@code db://tables/{name}}
   * @param argument the variable's name
   * @param value what was typed so far
   * @return the completion
   */
  public Completion completeResource(String uriTemplate, String argument, String value) {
    return complete(Json.object().put("type", "ref/resource").put("uri", uriTemplate), argument, value, Map.of());
  }

  /**
   * Asks for completions with the arguments already chosen ({@code context.arguments}).
   *
   * @param reference the reference: {@code {"type": "ref/prompt", "name": ...}} or
   *     {@code {"type": "ref/resource", "uri": ...}}, as JSON text
   * @param argument the argument's name
   * @param value what was typed so far
   * @param chosen the other arguments' values
   * @return the completion
   */
  public Completion complete(String reference, String argument, String value, Map<String, String> chosen) {
    return complete((ObjectNode) Json.parse(reference), argument, value, chosen);
  }

  private Completion complete(ObjectNode reference, String argument, String value, Map<String, String> chosen) {
    ObjectNode params = Json.object();
    params.set("ref", reference);
    params.putObject("argument").put("name", argument).put("value", value);
    if (!chosen.isEmpty()) {
      params.putObject("context").set("arguments", Json.objectOf(chosen));
    }
    JsonNode completion = request("completion/complete", params, null).json().path("completion");
    List<String> values = new ArrayList<>();
    completion.path("values").forEach(v -> values.add(v.asString()));
    return new Completion(values, completion.has("total") ? completion.get("total").asInt() : null,
        completion.has("hasMore") ? completion.get("hasMore").asBoolean() : null);
  }

  /**
   * Sends any request, with the client's answers to the server's questions and, in 2026-07-28,
   * every round it takes.
   *
   * @param method the method
   * @param paramsJson its params, a JSON object
   * @return the result
   * @throws McpResponseException when the server answers with an error
   */
  public McpResult request(String method, String paramsJson) {
    JsonNode params = Json.parse(paramsJson);
    if (!params.isObject()) {
      throw new IllegalArgumentException("params are a JSON object, not " + paramsJson);
    }
    return request(method, (ObjectNode) params, null);
  }

  /**
   * Sends a notification.
   *
   * @param method the method, such as {@code notifications/roots/list_changed}
   * @param paramsJson its params, a JSON object
   * @return the exchange (a server accepts a notification with 202)
   */
  public Exchange notify(String method, String paramsJson) {
    JsonNode params = Json.parse(paramsJson);
    if (!params.isObject()) {
      throw new IllegalArgumentException("params are a JSON object, not " + paramsJson);
    }
    ensureSession();
    return notifyRaw(method, (ObjectNode) params);
  }

  Exchange notifyRaw(String method, ObjectNode params) {
    ObjectNode message = Json.object().put("jsonrpc", "2.0").put("method", method);
    Map<String, String> headers;
    if (isStateless()) {
      ObjectNode withMeta = params.deepCopy();
      withMeta.set("_meta", envelope.meta(withMeta.path("_meta"), null));
      message.set("params", withMeta);
      headers = envelope.statelessHeaders(method, withMeta);
    } else {
      message.set("params", params);
      headers = sessionHeaders();
    }
    try (Wire.Reply reply = wire.post(Json.compact(message), headers, deadline(timeout))) {
      reply.readBody();
      return reply.finish("");
    } catch (Wire.WireException e) {
      throw McpAssertions.failure(method + ": " + e.exchange().note(), List.of(e.exchange()));
    }
  }

  /**
   * Listens for the server's notifications: on a session it subscribes to each resource
   * ({@code resources/subscribe}) and opens the session's GET stream (one at a time); in
   * 2026-07-28 it sends {@code subscriptions/listen} for list changes and the resources, and waits
   * for the acknowledgement. Either way, list changes and updates of the resources arrive on the
   * stream returned.
   *
   * @param resourceUris the resources whose updates to hear
   * @return the open stream; close it when done (closing the client closes it too)
   */
  public NotificationStream listen(String... resourceUris) {
    ensureSession();
    NotificationStream stream;
    if (isStateless()) {
      ObjectNode params = Json.object();
      ObjectNode filter = params.putObject("notifications");
      filter.put("toolsListChanged", true).put("promptsListChanged", true).put("resourcesListChanged", true);
      if (resourceUris.length > 0) {
        ArrayNode uris = filter.putArray("resourceSubscriptions");
        for (String uri : resourceUris) {
          uris.add(uri);
        }
      }
      long id = ids.incrementAndGet();
      params.set("_meta", envelope.meta(Json.NODES.missingNode(), null));
      ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", "subscriptions/listen");
      message.set("params", params);
      Wire.Reply reply = wire.post(Json.compact(message), envelope.statelessHeaders("subscriptions/listen", params),
          streamDeadline());
      stream = NotificationStream.open(reply, true, timeout);
    } else {
      for (String uri : resourceUris) {
        request("resources/subscribe", Json.object().put("uri", uri), null);
      }
      Wire.Reply reply = wire.get(sessionHeaders(), streamDeadline());
      stream = NotificationStream.open(reply, false, timeout);
    }
    streams.add(stream);
    return stream;
  }

  private static long streamDeadline() {
    return System.nanoTime() + TimeUnit.HOURS.toNanos(1);
  }

  /**
   * Ends the session with DELETE (sessions only).
   *
   * @return the HTTP status (204 when the session ended; 404 when it was gone already)
   * @throws IllegalStateException in 2026-07-28, which has no sessions
   */
  public int deleteSession() {
    if (isStateless()) {
      throw new IllegalStateException("2026-07-28 has no sessions to delete");
    }
    ensureSession();
    return wire.delete(sessionHeaders(), deadline(timeout)).status();
  }

  /**
   * Every HTTP exchange of this client, in order (the handshake, answers, retries and DELETE
   * included).
   *
   * @return a copy of the list
   */
  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /**
   * The last exchange that ended.
   *
   * @return the exchange
   * @throws IllegalStateException before any
   */
  public Exchange lastExchange() {
    if (exchanges.isEmpty()) {
      throw new IllegalStateException("no exchange yet");
    }
    return exchanges.get(exchanges.size() - 1);
  }

  /** Closes the client's streams and, on a session, ends it with DELETE. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (NotificationStream stream : streams) {
      stream.close();
    }
    if (sessionId != null) {
      try {
        wire.delete(sessionHeaders(), deadline(Duration.ofSeconds(5)));
      } catch (RuntimeException e) {
        // the server may be gone already
      }
    }
  }

  // ---- requests ------------------------------------------------------------------------------

  private static long deadline(Duration limit) {
    return System.nanoTime() + limit.toNanos();
  }

  private Call newCall(String method, ClientScript extra, String progressToken, Duration limit) {
    Duration allowed = limit == null ? timeout : limit;
    ClientScript answers = extra == null ? script : script.and(extra);
    return new Call(method, answers, progressToken, deadline(allowed), allowed.toMillis() + " ms");
  }

  McpResult request(String method, ObjectNode params, ClientScript extra) {
    ensureSession();
    Call call = newCall(method, extra, null, null);
    JsonNode result = requests.run(call, method, params);
    return call.result(result);
  }

  ToolResult runTool(String name, ObjectNode arguments, ClientScript extra, boolean progress, ObjectNode meta,
      Duration limit, Call given) {
    ensureSession();
    Call call = given != null ? given
        : newCall("tools/call", extra, progress ? "progress-" + ids.incrementAndGet() : null, limit);
    ObjectNode params = Json.object().put("name", name);
    params.set("arguments", arguments.deepCopy());
    if (!meta.isEmpty()) {
      params.set("_meta", meta.deepCopy());
    }
    JsonNode result = requests.run(call, "tools/call", params);
    if (result == null) {
      return null;
    }
    return new ToolResult(name, arguments, call.result(result), this);
  }

  PendingCall startTool(String name, ObjectNode arguments, ClientScript extra, boolean progress, ObjectNode meta,
      Duration limit) {
    ensureSession();
    Call call = newCall("tools/call", extra, progress ? "progress-" + ids.incrementAndGet() : null, limit);
    CompletableFuture<ToolResult> outcome = CompletableFuture.supplyAsync(
        () -> runTool(name, arguments, extra, progress, meta, limit, call), ASYNC);
    return new PendingCall(call, outcome, () -> requests.cancel(call));
  }

  /** The headers of a request on the session: its id and revision. */
  Map<String, String> sessionHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (sessionId != null) {
      headers.put("Mcp-Session-Id", sessionId);
    }
    if (negotiated != null) {
      headers.put("MCP-Protocol-Version", negotiated);
    }
    return headers;
  }

  /**
   * The client as text.
   *
   * @return its endpoint, revision and session
   */
  @Override
  public String toString() {
    return "McpTestClient[" + uri() + ", " + revision.wireName()
        + (sessionId == null ? "" : ", session " + sessionId) + "]";
  }

}
