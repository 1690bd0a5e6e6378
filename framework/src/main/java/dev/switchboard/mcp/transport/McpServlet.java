package dev.switchboard.mcp.transport;

import dev.switchboard.mcp.protocol.internal.Limits;
import dev.switchboard.mcp.server.HttpRequestInfo;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.session.SessionListener;
import dev.switchboard.mcp.transport.internal.ByteBudget;
import dev.switchboard.mcp.transport.internal.Endpoint;
import dev.switchboard.mcp.transport.internal.HealthServlet;
import dev.switchboard.mcp.transport.internal.RequestGuards;
import dev.switchboard.mcp.transport.internal.ResourceMetadataServlet;
import dev.switchboard.mcp.transport.internal.TransportInternals;
import dev.switchboard.mcp.transport.internal.TransportSettings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Streamable HTTP endpoint of an {@link McpServer}: POST for messages, GET for the session's
 * stream of server-initiated messages, DELETE to end a session. Mount it at one path, with async
 * support enabled. Build it with {@link #builder(McpServer)}.
 *
 * <p>Every rejection is an HTTP status with a JSON-RPC error body. Answers always go to the response
 * of the POST that carried the request. Building a servlet starts no thread: its timers start when the
 * container initializes it, and run on the server's {@link TimeSource}.
 */
public final class McpServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  static {
    TransportInternals.installAccessor(servlet -> servlet.endpoint);
  }

  private final transient Endpoint endpoint;
  private final transient ServerCore server;

  private McpServlet(Builder builder) {
    this.server = ServerCore.of(builder.server);
    TransportSettings settings = new TransportSettings(builder.maxRequestBytes, builder.maxQueuedBytes,
        builder.heartbeatInterval, builder.standaloneStream, builder.allowedOrigins, builder.allowedHosts,
        builder.logEvents, builder.logBytes, builder.reconnectDelay, builder.pollingInterval, builder.clientLimits,
        builder.clientKey, new ByteBudget(ByteBudget.DEFAULT_BYTES), new ByteBudget(ByteBudget.DEFAULT_BYTES),
        builder.authorization, null);
    this.endpoint = TransportInternals.newEndpoint(server, settings, builder.sessionIdleTimeout, builder.maxSessions,
        builder.sessionListener, builder.fleet);
    if (builder.meterRegistry != null) {
      endpoint.bindMeters(builder.meterRegistry, builder.meterTags);
    }
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
   * Returns how this endpoint checks its callers.
   *
   * @return the authorization; empty when anyone may call
   */
  public Optional<Authorization> authorization() {
    return Optional.ofNullable(endpoint.settings().authorization());
  }

  /**
   * Returns a servlet that answers a load balancer's health check for this endpoint: 200 while it takes
   * work, 503 once it has begun to shut down. The launcher serves it at {@code /health}.
   *
   * @return the servlet
   */
  public HttpServlet healthServlet() {
    return new HealthServlet(endpoint);
  }

  /**
   * Returns a servlet that serves this endpoint's Protected Resource Metadata (RFC 9728). The launcher
   * and {@code JettyMcpServer.mount} publish it; an endpoint mounted otherwise must publish it at
   * {@link Authorization#metadataUrl()} (and may at {@code /.well-known/oauth-protected-resource}), on
   * the host's root.
   *
   * @return the servlet
   * @throws IllegalStateException when the endpoint has no authorization
   */
  public HttpServlet resourceMetadataServlet() {
    return new ResourceMetadataServlet(authorization().orElseThrow(
        () -> new IllegalStateException("this endpoint has no authorization: set McpServlet.Builder.authorization")));
  }

  /**
   * Returns how many sessions are live now, for monitoring.
   *
   * @return the count
   */
  public int sessionCount() {
    return endpoint.sessions().size();
  }

  /** Starts the endpoint's timers; the container calls it before the first request. */
  @Override
  public void init() throws ServletException {
    endpoint.start();
  }

  /**
   * Shuts the endpoint down gracefully: new sessions and requests are refused with 503, the calls in
   * flight get up to {@code grace} to finish (their clients may still answer elicitations), then every
   * session ends, which cancels what is left and closes every stream cleanly. Call it before stopping
   * the server that hosts this servlet; {@link dev.switchboard.mcp.jetty.JettyMcpServer} does.
   *
   * @param grace how long calls in flight may take to finish
   * @throws InterruptedException when interrupted while waiting
   */
  public void shutdown(Duration grace) throws InterruptedException {
    Objects.requireNonNull(grace, "grace");
    endpoint.shutdown(grace);
  }

  /** Ends every session at once (see {@link #shutdown} for a graceful stop) and stops the timers. */
  @Override
  public void destroy() {
    endpoint.stop();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    endpoint.service(request, response);
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
    private @Nullable Authorization authorization;
    private Duration sessionIdleTimeout = Duration.ofMinutes(30);
    private int maxSessions = 10_000;
    private SessionListener sessionListener = new SessionListener() {};
    private int logEvents = 512;
    private long logBytes = 4L * 1024 * 1024;
    private Duration reconnectDelay = Duration.ofSeconds(1);
    private @Nullable Duration pollingInterval;
    private ClientLimits clientLimits = ClientLimits.defaults();
    private @Nullable Function<HttpRequestInfo, String> clientKey;
    private @Nullable RedisFleet fleet;
    // Typed Object so that a servlet built without metrics never loads Micrometer (an optional dependency).
    private @Nullable Object meterRegistry;
    private String[] meterTags = {};

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
     * Sets the names clients reach the server under, checked against the Host header (DNS-rebinding
     * protection). By default only localhost names pass, whatever address the server listens on: a
     * server reached under another name must list it here.
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
     * Accepts any Host header: for a server behind a proxy or gateway that checks Host itself. Prefer
     * {@link #allowedHosts} wherever the names are known.
     *
     * @return this builder
     */
    public Builder allowAnyHost() {
      this.allowedHosts = Set.of(RequestGuards.ANY_HOST);
      return this;
    }

    /**
     * Sets how many recent events each session keeps so that a client can resume a stream with
     * {@code Last-Event-ID} after losing its connection. Events beyond either bound are dropped,
     * oldest first.
     *
     * @param maxEvents the most events kept per session; 0 turns resumption off (default 512)
     * @param maxBytes the most bytes kept per session (default 4 MiB)
     * @return this builder
     */
    public Builder eventLog(int maxEvents, long maxBytes) {
      if (maxEvents < 0 || (maxEvents > 0 && maxBytes < 1024)) {
        throw new IllegalArgumentException("eventLog needs maxEvents >= 0 and maxBytes >= 1024, was "
            + maxEvents + ", " + maxBytes);
      }
      this.logEvents = maxEvents;
      this.logBytes = maxBytes;
      return this;
    }

    /**
     * Sets the reconnection delay sent to clients ({@code retry:}) before the server closes a
     * connection whose stream goes on.
     *
     * @param delay between 0 and 1 minute; default 1 s
     * @return this builder
     */
    public Builder reconnectDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("reconnectDelay must be between 0 and 1 min, was " + delay);
      }
      this.reconnectDelay = delay;
      return this;
    }

    /**
     * Makes clients of 2025-11-25 sessions poll long calls (SEP-1699): a call's SSE connection is
     * closed after this long, after a {@code retry:}; the call goes on, and the client resumes its
     * stream with {@code Last-Event-ID}. Off by default: connections stay open until the answer.
     *
     * @param interval at least 100 ms
     * @return this builder
     */
    public Builder pollingInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.toMillis() < 100) {
        throw new IllegalArgumentException("pollingInterval must be at least 100 ms, was " + interval);
      }
      this.pollingInterval = interval;
      return this;
    }

    /**
     * Sets how long a session may stay idle before it ends: no request, nothing in flight, no open GET
     * stream. Idle time counts from the end of the last call; expiry runs on a timer, with no traffic
     * needed.
     *
     * @param timeout a positive duration; default 30 minutes
     * @return this builder
     */
    public Builder sessionIdleTimeout(Duration timeout) {
      this.sessionIdleTimeout = Limits.positive(timeout, "sessionIdleTimeout");
      return this;
    }

    /**
     * Sets the most sessions live at once. Beyond it, {@code initialize} gets 503 with
     * {@code Retry-After}; live sessions are never evicted to make room.
     *
     * @param max at least 1; default 10,000
     * @return this builder
     */
    public Builder maxSessions(int max) {
      this.maxSessions = Limits.atLeastOne(max, "maxSessions");
      return this;
    }

    /**
     * Sets each client's share of the endpoint: sessions, calls in flight, GET streams, and the time
     * a new session has to finish its handshake. What goes over a share gets 429 with
     * {@code Retry-After}.
     *
     * @param limits the shares; default {@link ClientLimits#defaults()}
     * @return this builder
     */
    public Builder clientLimits(ClientLimits limits) {
      this.clientLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Checks who calls, as an OAuth 2.1 resource server: every request needs a bearer token the
     * authorization's verifier accepts (or a principal from the embedding application), sessions are
     * bound to the principal that opened them, scopes are checked before a handler runs, and the
     * Protected Resource Metadata is published (by the launcher, or {@link #resourceMetadataServlet}
     * for a mounted endpoint). Off by default.
     *
     * @param authorization the resource, its authorization servers, and how tokens are verified
     * @return this builder
     */
    public Builder authorization(Authorization authorization) {
      this.authorization = Objects.requireNonNull(authorization, "authorization");
      return this;
    }

    /**
     * Sets what identifies a client for its share of the limits: by default the principal of its
     * token when the endpoint checks authorization, else its remote address. Behind a proxy every
     * client has the proxy's address; return a header the proxy sets (and that clients cannot), or an
     * authenticated identity.
     *
     * @param key from the request's headers and remote address to a client's key
     * @return this builder
     */
    public Builder clientKey(Function<HttpRequestInfo, String> key) {
      this.clientKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Sets a listener told of every session that opens or ends, for metrics or to free application state.
     *
     * @param listener the listener; it must return quickly
     * @return this builder
     */
    public Builder sessionListener(SessionListener listener) {
      this.sessionListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Makes this endpoint one instance of a fleet that shares sessions, changes and client shares
     * through Redis. The endpoint connects when the container initializes it, and fails to start if
     * Redis cannot be reached.
     *
     * @param fleet the fleet's configuration
     * @return this builder
     */
    public Builder fleet(RedisFleet fleet) {
      this.fleet = Objects.requireNonNull(fleet, "fleet");
      return this;
    }

    /**
     * Registers the endpoint's meters in the application's Micrometer registry: sessions open, opened,
     * expired, deleted, taken over and rejected; SSE connections open; requests rejected by status (429
     * and 503 are limits that fired); calls by kind, tool or prompt name, and outcome, with their
     * latency ({@code mcp.calls}, outcome {@code input_required} counting multi-round calls' rounds);
     * failed Redis commands of a fleet. Needs {@code io.micrometer:micrometer-core} on the class path.
     *
     * @param registry the registry
     * @param tags name-value pairs every meter of this endpoint carries, to tell endpoints apart
     * @return this builder
     */
    @SuppressWarnings("exports") // Micrometer is read only by modules that call this, which require it themselves
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry, String... tags) {
      if (tags.length % 2 != 0) {
        throw new IllegalArgumentException("tags are name-value pairs: an even number of strings");
      }
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      this.meterTags = tags.clone();
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
