package dev.switchboard.mcp.session;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpcMessage;
import dev.switchboard.mcp.protocol.JsonRpcNotification;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The protocol state of one MCP session ({@code Mcp-Session-Id}): the revision and capabilities
 * negotiated by {@code initialize}, the log level, the requests in flight, the server-to-client
 * requests awaiting answers, and the standalone stream. Nothing in it is shared with another session.
 *
 * <p>Sessions are created and ended by a {@link SessionStore}; a session that has a request in
 * flight or an open standalone stream does not expire.
 */
public final class McpSession {
  private final String id;
  private final ProtocolVersion protocolVersion;
  private final Implementation clientInfo;
  private final ClientCapabilities clientCapabilities;
  private final SessionStore store;

  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger activity = new AtomicInteger();
  private final AtomicLong nextCallKey = new AtomicLong();
  private final AtomicLong nextStreamNumber = new AtomicLong();
  private final Map<Long, InFlightCall> calls = new ConcurrentHashMap<>();
  private final PendingRequests pendingRequests = new PendingRequests();
  private final AtomicReference<@Nullable OutboundChannel> standaloneStream = new AtomicReference<>();
  private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
  private final Map<Long, OutboundChannel> streams = new ConcurrentHashMap<>();
  private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicReference<@Nullable EventLog> eventLog = new AtomicReference<>();
  private final AtomicLong standaloneNumber = new AtomicLong();
  private volatile boolean initialized;
  private volatile @Nullable LoggingLevel logLevel;

  McpSession(String id, ProtocolVersion protocolVersion, Implementation clientInfo,
      ClientCapabilities clientCapabilities, SessionStore store) {
    this.id = id;
    this.protocolVersion = protocolVersion;
    this.clientInfo = clientInfo;
    this.clientCapabilities = clientCapabilities;
    this.store = store;
  }

  /**
   * Returns the session id sent in {@code Mcp-Session-Id}.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the revision negotiated by {@code initialize}.
   *
   * @return the revision
   */
  public ProtocolVersion protocolVersion() {
    return protocolVersion;
  }

  /**
   * Returns the client's name and version as sent in {@code initialize}.
   *
   * @return the client info
   */
  public Implementation clientInfo() {
    return clientInfo;
  }

  /**
   * Returns the capabilities the client declared in {@code initialize}.
   *
   * @return the capabilities
   */
  public ClientCapabilities clientCapabilities() {
    return clientCapabilities;
  }

  /**
   * Returns whether the client sent {@code notifications/initialized}.
   *
   * @return true after the handshake completed
   */
  public boolean isInitialized() {
    return initialized;
  }

  /** Records that the client sent {@code notifications/initialized}. */
  public void markInitialized() {
    initialized = true;
  }

  /**
   * Returns the minimum level the client asked for with {@code logging/setLevel}.
   *
   * @return the level, or empty when the client never set one (then every level is sent)
   */
  public Optional<LoggingLevel> logLevel() {
    return Optional.ofNullable(logLevel);
  }

  /**
   * Sets the minimum level of log notifications sent to this client.
   *
   * @param level the level
   */
  public void setLogLevel(LoggingLevel level) {
    this.logLevel = Objects.requireNonNull(level, "level");
  }

  /**
   * Returns application state kept for the life of this session, for example per-client caches.
   *
   * @return a thread-safe map, cleared when the session ends
   */
  public ConcurrentMap<String, Object> attributes() {
    return attributes;
  }

  /**
   * Returns the table of server-to-client requests awaiting the client's response.
   *
   * @return the table
   */
  public PendingRequests pendingRequests() {
    return pendingRequests;
  }

  /**
   * Returns a number for a new stream of this session, so that event ids naming it are unique
   * within the session.
   *
   * @return a number, starting at 1
   */
  public long nextStreamNumber() {
    return nextStreamNumber.incrementAndGet();
  }

  /**
   * Returns whether the session is still live.
   *
   * @return false once it expired, was deleted, or the server stopped
   */
  public boolean isOpen() {
    return !closed.get();
  }

  /**
   * Records a request that is about to be handled; the session will not expire while it runs.
   *
   * @param requestId the JSON-RPC id of the request
   * @return the call, or null when the session has ended
   */
  public @Nullable InFlightCall beginCall(RequestId requestId) {
    if (closed.get()) {
      return null;
    }
    InFlightCall call = new InFlightCall(nextCallKey.incrementAndGet(), requestId);
    calls.put(call.key(), call);
    if (!pin()) {
      calls.remove(call.key());
      return null;
    }
    if (closed.get()) {
      // close() may have swept the table before this call was in it.
      endCall(call);
      return null;
    }
    return call;
  }

  /**
   * Records that a call finished; the idle timeout starts again when nothing else is active.
   *
   * @param call the call returned by {@link #beginCall}
   */
  public void endCall(InFlightCall call) {
    if (calls.remove(call.key(), call)) {
      unpin();
    }
  }

  /**
   * Cancels the calls that carry a request id ({@code notifications/cancelled}). A client that reuses
   * ids concurrently cannot say which of them it meant, so all of them are cancelled.
   *
   * @param requestId the id named by the client
   * @return how many calls were cancelled
   */
  public int cancelCalls(RequestId requestId) {
    int cancelled = 0;
    for (InFlightCall call : calls.values()) {
      if (call.requestId().equals(requestId) && call.cancel()) {
        cancelled++;
      }
    }
    return cancelled;
  }

  /**
   * Returns how many calls are in flight.
   *
   * @return the count
   */
  public int callsInFlight() {
    return calls.size();
  }

  /**
   * Attaches the standalone stream (the GET stream for server-initiated messages).
   *
   * @param channel the stream
   * @return false when the session already has one, or has ended
   */
  public boolean attachStandaloneStream(OutboundChannel channel) {
    Objects.requireNonNull(channel, "channel");
    if (closed.get() || !standaloneStream.compareAndSet(null, channel)) {
      return false;
    }
    if (!pin()) {
      standaloneStream.compareAndSet(channel, null);
      return false;
    }
    if (closed.get()) {
      detachStandaloneStream(channel);
      return false;
    }
    return true;
  }

  /**
   * Detaches the standalone stream once it has closed.
   *
   * @param channel the stream passed to {@link #attachStandaloneStream}
   */
  public void detachStandaloneStream(OutboundChannel channel) {
    if (standaloneStream.compareAndSet(channel, null)) {
      unpin();
    }
  }

  /**
   * Returns whether a standalone stream is attached.
   *
   * @return true while the client listens on GET
   */
  public boolean hasStandaloneStream() {
    return standaloneStream.get() != null;
  }

  /**
   * Sends a notification on the session's standalone stream, the only stream for messages that
   * belong to no request.
   *
   * @param method the notification method, for example {@code notifications/resources/updated}
   * @param params the parameters, or null
   * @return false when no standalone stream is open (the notification was not delivered)
   */
  public boolean sendNotification(String method, @Nullable JsonNode params) {
    return sendOnStandaloneStream(new JsonRpcNotification(Objects.requireNonNull(method, "method"), params));
  }

  /**
   * Tells the client that a URL-mode elicitation has completed
   * ({@code notifications/elicitation/complete}, MCP 2025-11-25), on the standalone stream.
   *
   * @param elicitationId the id given when the elicitation was requested
   * @return false when no standalone stream is open
   */
  public boolean notifyElicitationComplete(String elicitationId) {
    tools.jackson.databind.node.ObjectNode params =
        dev.switchboard.mcp.protocol.JsonRpcCodec.standard().mapper().createObjectNode();
    params.put("elicitationId", Objects.requireNonNull(elicitationId, "elicitationId"));
    return sendNotification("notifications/elicitation/complete", params);
  }

  /**
   * Sends a message on the standalone stream.
   *
   * @param message the message
   * @return false when no standalone stream is open
   */
  public boolean sendOnStandaloneStream(JsonRpcMessage message) {
    OutboundChannel channel = standaloneStream.get();
    return channel != null && channel.send(message);
  }

  /**
   * Registers a stream that a client may resume by number ({@code Last-Event-ID}); it is closed if the
   * session ends first.
   *
   * @param number the stream's number
   * @param stream the stream
   */
  public void registerStream(long number, OutboundChannel stream) {
    streams.put(number, Objects.requireNonNull(stream, "stream"));
    if (closed.get()) {
      stream.close();
    }
  }

  /**
   * Finds a registered stream, or registers the one {@code factory} makes; atomic, so two concurrent
   * callers get the same stream.
   *
   * @param number the stream's number
   * @param factory makes the stream when none is registered
   * @return the registered stream
   */
  public OutboundChannel streamOrRegister(long number, Supplier<OutboundChannel> factory) {
    OutboundChannel stream = streams.computeIfAbsent(number, n -> factory.get());
    if (closed.get()) {
      stream.close();
    }
    return stream;
  }

  /**
   * Returns the number of the session's GET stream, choosing it on first use. The stream keeps its
   * number across reconnections, so its event ids stay resumable.
   *
   * @return the number
   */
  public long standaloneStreamNumber() {
    long number = standaloneNumber.get();
    if (number == 0) {
      standaloneNumber.compareAndSet(0, nextStreamNumber());
      number = standaloneNumber.get();
    }
    return number;
  }

  /**
   * Finds a registered stream.
   *
   * @param number the stream's number
   * @return the stream, or null when none is registered under that number
   */
  public @Nullable OutboundChannel stream(long number) {
    return streams.get(number);
  }

  /**
   * Unregisters a stream that has ended.
   *
   * @param number the stream's number
   * @param stream the stream passed to {@link #registerStream}
   */
  public void unregisterStream(long number, OutboundChannel stream) {
    streams.remove(number, stream);
  }

  /**
   * Returns the session's event log, creating it on first use.
   *
   * @param factory makes the log, with the transport's bounds
   * @return the log
   */
  public EventLog eventLog(Supplier<EventLog> factory) {
    EventLog log = eventLog.get();
    if (log == null) {
      eventLog.compareAndSet(null, factory.get());
      log = Objects.requireNonNull(eventLog.get());
    }
    return log;
  }

  /**
   * Returns the session's event log if anything was ever logged.
   *
   * @return the log, or empty
   */
  public Optional<EventLog> eventLog() {
    return Optional.ofNullable(eventLog.get());
  }

  /**
   * Subscribes the client to updates of a resource ({@code resources/subscribe}).
   *
   * @param uri the resource
   */
  public void subscribe(String uri) {
    subscriptions.add(Objects.requireNonNull(uri, "uri"));
  }

  /**
   * Ends a subscription ({@code resources/unsubscribe}).
   *
   * @param uri the resource
   */
  public void unsubscribe(String uri) {
    subscriptions.remove(Objects.requireNonNull(uri, "uri"));
  }

  /**
   * Returns whether the client subscribed to a resource.
   *
   * @param uri the resource
   * @return true when subscribed
   */
  public boolean isSubscribed(String uri) {
    return subscriptions.contains(uri);
  }

  /** Whether something is active, which keeps the session from expiring. */
  boolean isPinned() {
    return activity.get() > 0;
  }

  private boolean pin() {
    activity.incrementAndGet();
    if (!store.refreshExpiry(this)) {
      activity.decrementAndGet();
      return false;
    }
    return true;
  }

  private void unpin() {
    activity.decrementAndGet();
    store.refreshExpiry(this);
  }

  /**
   * Ends the session: cancels its calls, fails its pending server-to-client requests, closes its
   * standalone stream. Called by the store when the session is removed; idempotent.
   *
   * @param reason why it ended, given to code that waits on the session
   */
  void close(String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (InFlightCall call : calls.values()) {
      call.cancel();
    }
    pendingRequests.failAll(new SessionClosedException("session " + reason));
    OutboundChannel channel = standaloneStream.getAndSet(null);
    if (channel != null) {
      channel.close();
    }
    for (OutboundChannel stream : streams.values()) {
      stream.close();
    }
    streams.clear();
    subscriptions.clear();
    attributes.clear();
  }

  @Override
  public String toString() {
    return "McpSession[" + id + ", " + protocolVersion + ", " + clientInfo.name() + "]";
  }
}
