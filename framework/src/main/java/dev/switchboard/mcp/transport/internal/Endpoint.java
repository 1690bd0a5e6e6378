package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.internal.DecodedBody;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.protocol.internal.MalformedMessageException;
import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.server.internal.CallObserver;
import dev.switchboard.mcp.server.internal.InitializeRequest;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.session.internal.ClientQuotas;
import dev.switchboard.mcp.session.internal.SessionLimitException;
import dev.switchboard.mcp.session.internal.SessionMirror;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionStore;
import dev.switchboard.mcp.transport.internal.HttpErrors.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request logic behind {@link dev.switchboard.mcp.transport.McpServlet}: header checks, session resolution, and hand-off of
 * every message to the server with the exchange of the POST that carried it.
 */
public final class Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);
  static final String SESSION_HEADER = SessionHeaders.SESSION_HEADER;
  static final String VERSION_HEADER = SessionHeaders.VERSION_HEADER;

  private final ServerCore server;
  private final SessionStore sessions;
  private final TransportSettings settings;
  private final RequestGuards guards;
  private final JsonRpcCodec codec;
  private final TimeSource time;
  private final Timers timers;
  private final GetStreams getStreams;
  private final ChangeNotifier notifier;
  private final OpenConnections open = new OpenConnections();
  private final StatelessRequests stateless;
  private final Admission admission;
  private final @Nullable BearerCheck bearer;
  private final @Nullable FleetMember fleet;
  private final Rejections rejections = new Rejections();
  private final ClientQuotas quotas;
  private volatile @Nullable CallObserver meters;
  private static final Duration STREAMS_GRACE = Duration.ofSeconds(2);
  private volatile boolean draining;
  private final CompletableFuture<Void> drainingStarted = new CompletableFuture<>();

  /**
   * Prepares the endpoint; it starts no timer until {@link #start()}.
   *
   * @param server the server it serves
   * @param sessions its sessions
   * @param settings its limits and policies
   * @param quotas what each client holds, shared by its sessions and stateless requests
   * @param fleet what it shares with the other instances of a fleet, or null when it runs alone
   */
  Endpoint(ServerCore server, SessionStore sessions, TransportSettings settings, ClientQuotas quotas,
      @Nullable FleetMember fleet) {
    this.fleet = fleet;
    this.quotas = quotas;
    this.server = server;
    this.codec = server.codec();
    this.time = server.time();
    this.sessions = sessions;
    this.settings = settings;
    this.guards = new RequestGuards(settings);
    this.timers = new Timers(time, new SlowCalls(time, settings.heartbeatInterval()));
    this.admission = new Admission(sessions, settings.clientLimits(), quotas);
    this.getStreams = new GetStreams(codec, settings, time, open, quotas);
    this.notifier = new ChangeNotifier(sessions);
    this.stateless = new StatelessRequests(server, settings, timers, open, quotas, admission::overloaded);
    admission.stateless(stateless.calls());
    this.bearer = settings.authorization() == null ? null : new BearerCheck(settings.authorization(), codec);
  }

  /** Starts the endpoint's timers and its hearing of server changes; the servlet calls it when the container initializes it. */
  public void start() {
    if (fleet != null) {
      fleet.start(server, sessions, quotas);
    }
    timers.slowCalls().start();
    server.addListener(notifier);
  }

  /** Ends every session at once and stops the timers (the servlet is destroyed). */
  public void stop() {
    CallObserver bound = meters;
    if (bound != null) {
      server.removeCallObserver(bound);
    }
    server.removeListener(notifier);
    server.endSubscriptions();
    sessions.close();
    stateless.calls().close();
    timers.slowCalls().stop();
    if (fleet != null) {
      fleet.stop(server);
    }
  }

  /**
   * Runs {@code action} once no SSE connection is open: now, or when the last one closes.
   *
   * @param action what to run; quick
   */
  public void whenNoStreamsOpen(Runnable action) {
    open.whenNone(action);
  }

  /**
   * Completes once a shutdown has begun refusing new work and its grace timer is set, so a test on
   * fake time knows when moving the clock reaches it.
   *
   * @return the future
   */
  public CompletableFuture<Void> drainingStarted() {
    return drainingStarted;
  }

  /** Returns the endpoint's limits and policies. */
  public TransportSettings settings() {
    return settings;
  }

  /**
   * Registers the endpoint's meters in an application's Micrometer registry (Micrometer must be on
   * the class path; it is loaded only by this call).
   *
   * @param registry an {@code io.micrometer.core.instrument.MeterRegistry}
   * @param tags name-value pairs every meter of this endpoint carries
   */
  public void bindMeters(Object registry, String... tags) {
    meters = EndpointMeters.bind(registry, tags, server, sessions, open, rejections, fleet);
  }

  /** Returns the endpoint's sessions. */
  public SessionStore sessions() {
    return sessions;
  }

  /**
   * Serves one HTTP request.
   *
   * @param request the request
   * @param response its response
   * @throws IOException when the body cannot be read
   */
  public void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try {
      if (!guards.originAllowed(request)) {
        reject(response, Rejection.of(HttpServletResponse.SC_FORBIDDEN, "Forbidden: Origin not allowed"));
      } else if (!guards.hostAllowed(request)) {
        reject(response, Rejection.of(HttpServletResponse.SC_FORBIDDEN, "Forbidden: Host not allowed (the server"
            + " accepts localhost names unless McpServlet.Builder.allowedHosts(...) lists others)"));
      } else if (bearer != null && !bearer.admit(request, response)) {
        return; // answered 400, 401 or 503
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
    Rejection rejection = RequestGuards.checkPostHeaders(request);
    if (rejection != null) {
      reject(response, rejection);
      return;
    }
    byte[] body = RequestGuards.bodyOrAnswer(request, response, codec, settings.maxRequestBytes());
    if (body == null) {
      return; // answered 408 or 413
    }
    DecodedBody decoded;
    try {
      decoded = codec.decode(body);
    } catch (MalformedMessageException e) {
      HttpErrors.send(response, codec, HttpServletResponse.SC_BAD_REQUEST, e.response());
      return;
    }
    if (bearer != null && !bearer.scopesGranted(request, response, decoded, server)) {
      return;
    }
    if (StatelessRequests.isStateless(request, decoded)) {
      stateless.serve(request, response, decoded, draining);
      return;
    }
    // One pass over the messages: the count of requests is passed on rather than taken again.
    int requests = 0;
    JsonRpcRequest initialize = null;
    for (JsonRpcMessage message : decoded.messages()) {
      if (message instanceof JsonRpcRequest call) {
        requests++;
        if (initialize == null && "initialize".equals(call.method())) {
          initialize = call;
        }
      }
    }
    if (initialize != null) {
      initialize(request, response, decoded, initialize, requests);
    } else {
      postToSession(request, response, decoded, requests);
    }
  }

  /** {@code initialize} creates the session, atomically, with a fresh id; it is never part of one. */
  private void initialize(HttpServletRequest request, HttpServletResponse response, DecodedBody decoded,
      JsonRpcRequest initialize, int requests) {
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
    if (draining) {
      shuttingDown(response);
      return;
    }
    SessionState session;
    try {
      InitializeRequest negotiated = server.negotiate(initialize);
      session = sessions.create(negotiated.protocolVersion(), negotiated.clientInfo(), negotiated.capabilities(),
          settings.clientOf(request), Callers.ownerOf(request));
    } catch (McpException e) {
      HttpErrors.send(response, codec, HttpServletResponse.SC_BAD_REQUEST,
          JsonRpcResponse.failure(initialize.id(), JsonRpcError.of(e)));
      return;
    } catch (SessionLimitException e) {
      rejections.session();
      response.setHeader("Retry-After", "30");
      reject(response, e.perClient()
          ? new Rejection(429, ErrorCodes.INVALID_REQUEST, "Too Many Requests: " + e.getMessage()
              + "; end some with DELETE, or retry later", initialize.id())
          : new Rejection(HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCodes.INTERNAL_ERROR,
              "Service Unavailable: too many sessions, retry later", initialize.id()));
      return;
    } catch (SessionStore.ClosedException e) {
      rejections.session();
      reject(response, Rejection.of(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable: shutting down"));
      return;
    } catch (SessionMirror.UnavailableException e) {
      rejections.session();
      response.setHeader("Retry-After", "5");
      reject(response, new Rejection(HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCodes.INTERNAL_ERROR,
          "Service Unavailable: the fleet's shared session store cannot be reached, retry later", initialize.id()));
      return;
    }
    response.setHeader(SESSION_HEADER, session.id());
    dispatch(request, response, session, decoded, requests);
  }

  private void postToSession(HttpServletRequest request, HttpServletResponse response, DecodedBody decoded,
      int requests) {
    SessionState session = resolveSession(request, response);
    if (session == null) {
      return;
    }
    if (decoded.batch() && !session.protocolVersion().allowsBatches()) {
      reject(response, Rejection.of(HttpServletResponse.SC_BAD_REQUEST,
          "Invalid Request: batches are not allowed in protocol version " + session.protocolVersion()));
      return;
    }
    if (draining && requests > 0) {
      shuttingDown(response); // notifications and answers still pass: calls in flight may need them
      return;
    }
    Rejection overLimit = requests == 0 ? null : admission.callsFor(session, requests);
    if (overLimit != null) {
      response.setHeader("Retry-After", "1");
      reject(response, overLimit);
      return;
    }
    if (requests == 0) {
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
    dispatch(request, response, session, decoded, requests);
  }

  /** Hands every message to the server; answers go to this POST's exchange, which picks JSON or SSE. */
  private void dispatch(HttpServletRequest request, HttpServletResponse response, SessionState session,
      DecodedBody decoded, int requests) {
    PostExchange exchange = new PostExchange(request, response, session, codec, settings, timers, open,
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
    SessionState session = resolveSession(request, response);
    if (session == null) {
      return;
    }
    if (draining) {
      shuttingDown(response);
      return;
    }
    Rejection rejection = getStreams.serve(request, response, session);
    if (rejection != null) {
      reject(response, rejection);
    }
  }

  private void delete(HttpServletRequest request, HttpServletResponse response) {
    SessionHeaders.Lookup lookup = SessionHeaders.find(request, sessions);
    SessionState session = lookup.session();
    if (session == null) {
      reject(response, Objects.requireNonNull(lookup.rejection()));
    } else if (sessions.delete(session.id())) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    } else {
      reject(response, SessionHeaders.UNKNOWN_SESSION);
    }
  }

  /** Finds the request's session; null (after answering 400 or 404) when there is none. */
  private @Nullable SessionState resolveSession(HttpServletRequest request, HttpServletResponse response) {
    SessionHeaders.Lookup lookup = SessionHeaders.find(request, sessions);
    if (lookup.session() == null) {
      reject(response, Objects.requireNonNull(lookup.rejection()));
    } else if (fleet != null) {
      // Every answer names its session, so a balancer that lost track of it (it restarted, or the
      // instance died) learns again which instance holds it now.
      response.setHeader(SESSION_HEADER, lookup.session().id());
    }
    return lookup.session();
  }

  private void shuttingDown(HttpServletResponse response) {
    response.setHeader("Retry-After", "5");
    reject(response, Rejection.of(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
        "Service Unavailable: the server is shutting down"));
  }

  /**
   * Shuts down gracefully: refuses new sessions and requests (503), waits up to {@code grace} for the
   * calls in flight to finish, ends every session (which cancels what is left and closes every
   * stream), then waits briefly for the streams to finish writing. Both waits run on the server's
   * clock, woken when the last call or stream ends rather than by polling.
   *
   * @param grace how long calls in flight may take to finish
   * @throws InterruptedException when interrupted while waiting
   */
  public void shutdown(Duration grace) throws InterruptedException {
    draining = true;
    server.endSubscriptions(); // listen streams never end by themselves
    CompletableFuture<Void> drained = new CompletableFuture<>();
    Future<?> graceTimer = time.schedule(() -> drained.complete(null), grace);
    sessions.whenNoCallsInFlight(() -> stateless.calls().whenNoneInFlight(() -> drained.complete(null)));
    drainingStarted.complete(null);
    try {
      drained.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      graceTimer.cancel(false);
    }
    sessions.close();
    stateless.calls().close();
    timers.slowCalls().stop();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    open.whenNone(() -> closed.complete(null));
    await(closed, STREAMS_GRACE);
    if (open.count() > 0) {
      LOG.warn("{} stream(s) still writing at shutdown", open.count());
    }
  }

  /** Waits until {@code done} completes or the time is up, on the server's clock. */
  private void await(CompletableFuture<Void> done, Duration timeout) throws InterruptedException {
    Future<?> timer = time.schedule(() -> done.complete(null), timeout);
    try {
      done.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      timer.cancel(false);
    }
  }

  private void methodNotAllowed(HttpServletResponse response) {
    response.setHeader("Allow", settings.standaloneStream() ? "GET, POST, DELETE" : "POST, DELETE");
    reject(response, Rejection.of(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed"));
  }

  private void reject(HttpServletResponse response, Rejection rejection) {
    rejections.request(rejection.status());
    HttpErrors.send(response, codec, rejection);
  }
}
