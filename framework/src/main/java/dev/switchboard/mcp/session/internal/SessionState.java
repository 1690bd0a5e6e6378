package dev.switchboard.mcp.session.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.SessionClosedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol state of one MCP session ({@code Mcp-Session-Id}): the revision and capabilities
 * negotiated by {@code initialize}, the log level, the requests in flight, the server-to-client
 * requests awaiting answers, and the standalone stream. Nothing in it is shared with another session.
 *
 * <p>Sessions are created and ended by a {@link SessionStore}; a session that has a request in
 * flight or an open standalone stream does not expire.
 */
public final class SessionState implements McpSession {
  private final String id;
  private final ProtocolVersion protocolVersion;
  private final Implementation clientInfo;
  private final ClientCapabilities clientCapabilities;
  private final SessionStore store;

  // Thousands of sessions sit idle at once, so an idle session is kept small: counters and flags are
  // plain fields updated through VarHandles (not one Atomic* object each), and every table is made
  // on first use (most sessions never register a stream, subscribe, or get asked anything).
  private volatile boolean closed;
  private volatile int activity;
  private volatile long nextStreamNumber;
  private volatile long standaloneNumber;
  private volatile boolean initialized;
  private volatile @Nullable LoggingLevel logLevel;
  private volatile @Nullable OutboundChannel standaloneStream;
  private volatile @Nullable EventLog eventLog;
  private volatile @Nullable Set<InFlightCall> calls;
  private volatile @Nullable Map<Long, OutboundChannel> streams;
  private volatile @Nullable ConcurrentMap<String, Object> attributes;
  private volatile @Nullable Set<String> subscriptions;
  private volatile @Nullable PendingRequests pendingRequests;

  private static final VarHandle CLOSED;
  private static final VarHandle ACTIVITY;
  private static final VarHandle NEXT_STREAM_NUMBER;
  private static final VarHandle STANDALONE_NUMBER;
  private static final VarHandle STANDALONE_STREAM;
  private static final VarHandle EVENT_LOG;
  private static final VarHandle CALLS;
  private static final VarHandle STREAMS;
  private static final VarHandle ATTRIBUTES;
  private static final VarHandle SUBSCRIPTIONS;
  private static final VarHandle PENDING_REQUESTS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CLOSED = lookup.findVarHandle(SessionState.class, "closed", boolean.class);
      ACTIVITY = lookup.findVarHandle(SessionState.class, "activity", int.class);
      NEXT_STREAM_NUMBER = lookup.findVarHandle(SessionState.class, "nextStreamNumber", long.class);
      STANDALONE_NUMBER = lookup.findVarHandle(SessionState.class, "standaloneNumber", long.class);
      STANDALONE_STREAM = lookup.findVarHandle(SessionState.class, "standaloneStream", OutboundChannel.class);
      EVENT_LOG = lookup.findVarHandle(SessionState.class, "eventLog", EventLog.class);
      CALLS = lookup.findVarHandle(SessionState.class, "calls", Set.class);
      STREAMS = lookup.findVarHandle(SessionState.class, "streams", Map.class);
      ATTRIBUTES = lookup.findVarHandle(SessionState.class, "attributes", ConcurrentMap.class);
      SUBSCRIPTIONS = lookup.findVarHandle(SessionState.class, "subscriptions", Set.class);
      PENDING_REQUESTS = lookup.findVarHandle(SessionState.class, "pendingRequests", PendingRequests.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  SessionState(String id, ProtocolVersion protocolVersion, Implementation clientInfo,
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
    return created(ATTRIBUTES, ConcurrentHashMap::new);
  }

  /**
   * Returns the table of server-to-client requests awaiting the client's response.
   *
   * @return the table
   */
  public PendingRequests pendingRequests() {
    return created(PENDING_REQUESTS, PendingRequests::new);
  }

  /**
   * Returns a number for a new stream of this session, so that event ids naming it are unique
   * within the session.
   *
   * @return a number, starting at 1
   */
  public long nextStreamNumber() {
    return (long) NEXT_STREAM_NUMBER.getAndAdd(this, 1L) + 1;
  }

  /**
   * Returns whether the session is still live.
   *
   * @return false once it expired, was deleted, or the server stopped
   */
  public boolean isOpen() {
    return !closed;
  }

  /**
   * Records a request that is about to be handled; the session will not expire while it runs.
   *
   * @param requestId the JSON-RPC id of the request
   * @return the call, or null when the session has ended
   */
  public @Nullable InFlightCall beginCall(RequestId requestId) {
    if (closed) {
      return null;
    }
    InFlightCall call = new InFlightCall(requestId);
    // An identity set (InFlightCall keeps Object's equals): each call is its own entry.
    Set<InFlightCall> table = created(CALLS, ConcurrentHashMap::newKeySet);
    table.add(call);
    if (!pin()) {
      table.remove(call);
      return null;
    }
    store.callStarted();
    if (closed) {
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
    Set<InFlightCall> table = calls;
    if (table != null && table.remove(call)) {
      store.callEnded();
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
    Set<InFlightCall> table = calls;
    if (table == null) {
      return 0;
    }
    for (InFlightCall call : table) {
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
    Set<InFlightCall> table = calls;
    return table == null ? 0 : table.size();
  }

  /**
   * Attaches the standalone stream (the GET stream for server-initiated messages).
   *
   * @param channel the stream
   * @return false when the session already has one, or has ended
   */
  public boolean attachStandaloneStream(OutboundChannel channel) {
    Objects.requireNonNull(channel, "channel");
    if (closed || !STANDALONE_STREAM.compareAndSet(this, null, channel)) {
      return false;
    }
    if (!pin()) {
      STANDALONE_STREAM.compareAndSet(this, channel, null);
      return false;
    }
    if (closed) {
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
    if (STANDALONE_STREAM.compareAndSet(this, channel, null)) {
      unpin();
    }
  }

  /**
   * Returns whether a standalone stream is attached.
   *
   * @return true while the client listens on GET
   */
  public boolean hasStandaloneStream() {
    return standaloneStream != null;
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
    ObjectNode params = JsonNodeFactory.instance.objectNode();
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
    OutboundChannel channel = standaloneStream;
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
    streamTable().put(number, Objects.requireNonNull(stream, "stream"));
    if (closed) {
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
    OutboundChannel stream = streamTable().computeIfAbsent(number, n -> factory.get());
    if (closed) {
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
    long number = standaloneNumber;
    if (number == 0) {
      STANDALONE_NUMBER.compareAndSet(this, 0L, nextStreamNumber());
      number = standaloneNumber;
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
    Map<Long, OutboundChannel> table = streams;
    return table == null ? null : table.get(number);
  }

  /**
   * Unregisters a stream that has ended.
   *
   * @param number the stream's number
   * @param stream the stream passed to {@link #registerStream}
   */
  public void unregisterStream(long number, OutboundChannel stream) {
    Map<Long, OutboundChannel> table = streams;
    if (table != null) {
      table.remove(number, stream);
    }
  }

  /**
   * Returns the session's event log, creating it on first use.
   *
   * @param factory makes the log, with the transport's bounds
   * @return the log
   */
  public EventLog eventLog(Supplier<EventLog> factory) {
    return created(EVENT_LOG, factory);
  }

  /**
   * Returns the session's event log if anything was ever logged.
   *
   * @return the log, or empty
   */
  public Optional<EventLog> eventLog() {
    return Optional.ofNullable(eventLog);
  }

  /**
   * Subscribes the client to updates of a resource ({@code resources/subscribe}).
   *
   * @param uri the resource
   */
  public void subscribe(String uri) {
    created(SUBSCRIPTIONS, ConcurrentHashMap::newKeySet).add(Objects.requireNonNull(uri, "uri"));
  }

  /**
   * Ends a subscription ({@code resources/unsubscribe}).
   *
   * @param uri the resource
   */
  public void unsubscribe(String uri) {
    Objects.requireNonNull(uri, "uri");
    Set<String> subscribed = subscriptions;
    if (subscribed != null) {
      subscribed.remove(uri);
    }
  }

  /**
   * Returns whether the client subscribed to a resource.
   *
   * @param uri the resource
   * @return true when subscribed
   */
  public boolean isSubscribed(String uri) {
    Set<String> subscribed = subscriptions;
    return subscribed != null && subscribed.contains(uri);
  }

  /** Whether something is active, which keeps the session from expiring. */
  boolean isPinned() {
    return activity > 0;
  }

  // The expiry depends only on whether activity > 0, so only the 0 -> 1 and 1 -> 0 transitions
  // refresh it. That is enough: each refresh reads the count as it is then, under the entry's lock,
  // and the last transition that changed the answer is always followed by its own refresh.
  private boolean pin() {
    if ((int) ACTIVITY.getAndAdd(this, 1) != 0) {
      // Already pinned; if the session has just left the store, the caller's closed check (or
      // close() sweeping what it added) refuses the work.
      return true;
    }
    if (!store.refreshExpiry(this)) {
      ACTIVITY.getAndAdd(this, -1);
      return false;
    }
    return true;
  }

  private void unpin() {
    if ((int) ACTIVITY.getAndAdd(this, -1) == 1) {
      store.refreshExpiry(this);
    }
  }

  /**
   * Ends the session: cancels its calls, fails its pending server-to-client requests, closes its
   * standalone stream. Called by the store when the session is removed; idempotent.
   *
   * @param reason why it ended, given to code that waits on the session
   */
  void close(String reason) {
    if (!CLOSED.compareAndSet(this, false, true)) {
      return;
    }
    // A call or stream added concurrently with this is checked by its adder, who sees closed and
    // ends it; subscriptions, attributes or pending requests added after this die with the session.
    Set<InFlightCall> callTable = calls;
    if (callTable != null) {
      callTable.forEach(InFlightCall::cancel);
    }
    PendingRequests pending = pendingRequests;
    if (pending != null) {
      pending.failAll(new SessionClosedException("session " + reason));
    }
    OutboundChannel channel = (OutboundChannel) STANDALONE_STREAM.getAndSet(this, (OutboundChannel) null);
    if (channel != null) {
      channel.close();
    }
    Map<Long, OutboundChannel> streamTable = streams;
    if (streamTable != null) {
      streamTable.values().forEach(OutboundChannel::close);
      streamTable.clear();
    }
    Set<String> subscribed = subscriptions;
    if (subscribed != null) {
      subscribed.clear();
    }
    ConcurrentMap<String, Object> attributeTable = attributes;
    if (attributeTable != null) {
      attributeTable.clear();
    }
  }

  private Map<Long, OutboundChannel> streamTable() {
    return created(STREAMS, ConcurrentHashMap::new);
  }

  /** The value of a lazily made field, making it on first use; racing makers agree on one. */
  @SuppressWarnings("unchecked")
  private <T> T created(VarHandle field, Supplier<? extends T> factory) {
    T value = (T) field.getAcquire(this);
    if (value != null) {
      return value;
    }
    T made = Objects.requireNonNull(factory.get());
    T witness = (T) field.compareAndExchange(this, (Object) null, made);
    return witness == null ? made : witness;
  }

  @Override
  public String toString() {
    return "SessionState[" + id + ", " + protocolVersion + ", " + clientInfo.name() + "]";
  }
}
