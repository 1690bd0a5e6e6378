package dev.switchboard.mcp.server.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.internal.ClientInfo;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.schema.internal.JsonSchemaGenerator;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.session.internal.Caller;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The working part of an {@link McpServer}: what the transport drives. {@code McpServer} is the
 * user's handle, with nothing a transport needs in its public surface; a transport reaches the core
 * with {@link #of(McpServer)}.
 */
public final class ServerCore {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCore.class);
  /** The result of {@code server/discover}, before the 2026-07-28 decoration. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DiscoverResult(List<String> supportedVersions, Map<String, Object> capabilities,
      @Nullable String instructions) {}

  /** The result of {@code initialize}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record InitializeResult(String protocolVersion, Map<String, Object> capabilities,
      Implementation serverInfo, @Nullable String instructions) {}

  // Set once by McpServer's class initializer. Any caller of of(server) holds an McpServer, so the
  // class is initialized and the accessor is there.
  private static volatile @Nullable Function<McpServer, ServerCore> accessor;

  private final ServerSettings settings;
  private final Registry registry;
  private final Access access;
  private final Dispatcher dispatcher;
  private final Subscriptions subscriptions;
  private final JsonRpcCodec codec = JsonRpcCodec.create();
  private final List<CallObserver> callObservers = new CopyOnWriteArrayList<>();

  /**
   * Builds the core of a server.
   *
   * @param settings what the builder settled
   * @param registrations what it offers
   */
  public ServerCore(ServerSettings settings, Registrations registrations) {
    this.settings = settings;
    this.registry = registrations.registry();
    this.access = registrations.access();
    Executor executor = settings.executor() != null ? settings.executor() : HandlerExecutors.createDefault();
    ClientRequests clientRequests = new ClientRequests(settings.mapper(),
        new JsonSchemaGenerator(settings.mapper(), Registrations.propertyHints()), settings.clientRequestTimeout());
    ModernResults modern = new ModernResults(codec.mapper(), settings.serverInfo());
    Rounds rounds = new Rounds(new RequestStates(settings.requestStateKey(), settings.requestStateLifetime(),
        settings.time(), codec.mapper()));
    this.subscriptions = new Subscriptions(registry, modern);
    registry.addListener(subscriptions);
    this.dispatcher = new Dispatcher(this, registry, executor, clientRequests, modern, rounds, subscriptions);
  }

  /**
   * Lets {@link McpServer} say how to find the core of an instance; called once, by its class initializer.
   *
   * @param access returns a server's core
   */
  public static void installAccessor(Function<McpServer, ServerCore> access) {
    if (accessor != null) {
      throw new IllegalStateException("the accessor is installed already");
    }
    accessor = Objects.requireNonNull(access, "access");
  }

  /**
   * Returns the core of a server.
   *
   * @param server the server
   * @return its core
   */
  public static ServerCore of(McpServer server) {
    Objects.requireNonNull(server, "server");
    return Objects.requireNonNull(accessor, "McpServer is not initialized").apply(server);
  }

  /** Returns what the builder settled. */
  public ServerSettings settings() {
    return settings;
  }

  /** Returns what the server offers. */
  public Registry registry() {
    return registry;
  }

  /**
   * Returns the scopes a request needs: those of the tool it calls, the prompt it gets or the
   * resource it reads; empty for anything else.
   *
   * @param request the request
   * @return the scope names
   */
  public Set<String> requiredScopes(JsonRpcRequest request) {
    return access.requiredFor(request, registry);
  }

  /** Who may see what in lists. */
  Access access() {
    return access;
  }

  /** Returns the codec of the protocol's own messages (independent of the application's mapper). */
  public JsonRpcCodec codec() {
    return codec;
  }

  /** Returns the application's mapper: arguments, results, schemas. */
  public JsonMapper mapper() {
    return settings.mapper();
  }

  /** Returns the server's clock and timers. */
  public TimeSource time() {
    return settings.time();
  }

  /** Registers a listener for changes the sessions must hear about. */
  public void addListener(ServerListener listener) {
    registry.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Tells this server's listeners of a change another instance of a fleet announced, except those
   * that relay changes to the fleet (which would send it round again).
   *
   * @param event what to tell each listener
   */
  public void tellFromFleet(Consumer<ServerListener> event) {
    registry.tell(Objects.requireNonNull(event, "event"), false);
  }

  /**
   * Adds an observer of every call that ends (metrics).
   *
   * @param observer quick and thread-safe
   */
  public void addCallObserver(CallObserver observer) {
    callObservers.add(Objects.requireNonNull(observer, "observer"));
  }

  /** Removes an observer added with {@link #addCallObserver}. */
  public void removeCallObserver(CallObserver observer) {
    callObservers.remove(observer);
  }

  void callEnded(String kind, String name, CallObserver.Outcome outcome, long nanos) {
    for (CallObserver observer : callObservers) {
      try {
        observer.ended(kind, name, outcome, nanos);
      } catch (RuntimeException e) {
        LOG.warn("call observer failed", e);
      }
    }
  }

  /** Unregisters a listener. */
  public void removeListener(ServerListener listener) {
    registry.removeListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Reads an {@code initialize} request and negotiates its revision: the client's when supported,
   * otherwise the newest this server speaks.
   *
   * @throws McpException with -32602 when the parameters are unusable
   */
  public InitializeRequest negotiate(JsonRpcRequest request) {
    JsonNode params = request.params();
    JsonNode version = params == null ? null : params.get("protocolVersion");
    if (params == null || version == null || !version.isString()) {
      throw McpException.invalidParams("initialize needs a string \"protocolVersion\"");
    }
    ProtocolVersion negotiated = ProtocolVersion.fromWire(version.stringValue())
        .filter(ProtocolVersion.SESSION_REVISIONS::contains)
        .orElse(ProtocolVersion.LATEST_WITH_SESSIONS);
    JsonNode info = params.path("clientInfo");
    Implementation clientInfo = ClientInfo.read(info);
    return new InitializeRequest(negotiated, clientInfo, ClientCapabilities.fromJson(params.get("capabilities")));
  }

  /**
   * Serves one message, of a session or of a stateless request. A request's response (and anything sent while it runs) goes to
   * {@code channel}, the stream of the POST that carried it; handlers run on the handler executor, so
   * this method may return before they finish. Notifications and client responses are consumed at
   * once and never write to the channel.
   */
  public void handle(JsonRpcMessage message, Caller caller, OutboundChannel channel) {
    if (message instanceof JsonRpcRequest request) {
      dispatcher.request(request, caller, channel);
    } else if (message instanceof JsonRpcNotification notification) {
      dispatcher.notification(notification, caller);
    } else if (message instanceof JsonRpcResponse response) {
      dispatcher.response(response, caller);
    }
  }

  /**
   * Returns the arguments of a tool the client mirrors into {@code Mcp-Param-*} headers (2026-07-28).
   *
   * @param tool the tool's name
   * @return the declarations; empty for an unknown tool or one without any
   */
  public List<HeaderParam> headerParams(String tool) {
    Registry.ToolEntry entry = registry.toolCatalog().get(tool);
    return entry == null ? List.of() : entry.headerParams();
  }

  /** Ends every {@code subscriptions/listen} stream with its final result (a graceful shutdown). */
  public void endSubscriptions() {
    subscriptions.endAll();
  }

  /** How many {@code subscriptions/listen} streams are open. */
  public int subscriptionCount() {
    return subscriptions.size();
  }

  /**
   * Waits until at most {@code count} {@code subscriptions/listen} streams are open (for tests and
   * shutdown diagnostics).
   *
   * @return false when the timeout came first
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitSubscriptionsAtMost(int count, Duration timeout) throws InterruptedException {
    return subscriptions.awaitAtMost(count, timeout);
  }

  DiscoverResult discoverResult() {
    return new DiscoverResult(ProtocolVersion.STATELESS_REVISIONS.stream().map(ProtocolVersion::wireName).toList(),
        registry.capabilities(), settings.instructions());
  }

  InitializeResult initializeResult(ProtocolVersion version) {
    return new InitializeResult(version.wireName(), registry.capabilities(), settings.serverInfo(),
        settings.instructions());
  }
}
