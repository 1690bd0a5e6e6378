package dev.switchboard.mcp.session.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.SessionClosedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol state of one MCP session ({@code Mcp-Session-Id}): the revision and capabilities
 * negotiated by {@code initialize}, the log level, the calls in flight, the server-to-client requests
 * awaiting answers, subscriptions, and the transport's streams. Nothing in it is shared with another
 * session.
 *
 * <p>Sessions are created and ended by a {@link SessionStore}; a session that has a call in flight
 * or an open standalone stream is pinned and does not expire. One lock guards the mutable state;
 * flags that are read on every request are volatile so reading them takes no lock. No lock is held
 * while calling out (the store, a call's cancellation, the transport).
 */
// activity is volatile so the store's expiry reads it without the lock, and changed only under the lock.
@SuppressWarnings("NonAtomicVolatileUpdate")
public final class SessionState implements McpSession, Caller {
  private final String id;
  private final ProtocolVersion protocolVersion;
  private final Implementation clientInfo;
  private final ClientCapabilities clientCapabilities;
  private final String client;
  private final @Nullable String owner;
  private final SessionStore store;
  private final ReentrantLock lock = new ReentrantLock();

  // Written under the lock. An idle session is kept small: every table is made on first use (most
  // sessions never subscribe, get asked anything, or keep attributes).
  private volatile boolean closed;
  private volatile boolean initialized;
  private volatile int activity;
  private volatile @Nullable LoggingLevel logLevel;
  private volatile long generation;
  private volatile boolean moved;
  private volatile @Nullable ConcurrentMap<String, Object> attributes;
  private volatile @Nullable ResourceSubscriptions subscriptions;
  private volatile @Nullable PendingRequests pendingRequests;
  private volatile @Nullable SessionTransport transport;
  private @Nullable Set<InFlightCall> calls;

  SessionState(String id, ProtocolVersion protocolVersion, Implementation clientInfo,
      ClientCapabilities clientCapabilities, String client, @Nullable String owner, SessionStore store) {
    this.client = client;
    this.owner = owner;
    this.id = id;
    this.protocolVersion = protocolVersion;
    this.clientInfo = clientInfo;
    this.clientCapabilities = clientCapabilities;
    this.store = store;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ProtocolVersion protocolVersion() {
    return protocolVersion;
  }

  @Override
  public Implementation clientInfo() {
    return clientInfo;
  }

  @Override
  public ClientCapabilities clientCapabilities() {
    return clientCapabilities;
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  @Override
  public ConcurrentMap<String, Object> attributes() {
    return made(() -> attributes, ConcurrentHashMap::new, made -> attributes = made);
  }

  @Override
  public boolean notifyElicitationComplete(String elicitationId) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("elicitationId", Objects.requireNonNull(elicitationId, "elicitationId"));
    return sendNotification("notifications/elicitation/complete", params);
  }

  @Override
  public Optional<SessionState> session() {
    return Optional.of(this);
  }

  @Override
  public String describe() {
    return "session " + loggedId();
  }

  /** The id as logs show it: its first characters (an id is all a client needs to use a session). */
  public String loggedId() {
    return id.substring(0, Math.min(6, id.length())) + "…";
  }

  /** Whether the client sent {@code notifications/initialized}. */
  public boolean isInitialized() {
    return initialized;
  }

  /** Records that the client sent {@code notifications/initialized}: the session now gets the full idle timeout. */
  public void markInitialized() {
    if (!initialized) {
      initialized = true;
      store.refreshExpiry(this);
      store.mirror().changed(this);
    }
  }

  /** What identifies the client that opened the session, for its share of the limits. */
  public String client() {
    return client;
  }

  /** Marks the session as taken over by another instance, before the store lets go of it. */
  void markMoved() {
    moved = true;
  }

  /** Whether another instance took the session over, which ended it here. */
  boolean hasMoved() {
    return moved;
  }

  /** How many times the session was taken over by another instance of a fleet (0 if never). */
  public long generation() {
    return generation;
  }

  /** The key of the principal that opened the session, or null without authorization. */
  public @Nullable String owner() {
    return owner;
  }

  /**
   * Whether a request acting for {@code principalKey} may use this session: only the principal that
   * opened it may (both null when authorization is off).
   */
  public boolean ownedBy(@Nullable String principalKey) {
    return Objects.equals(owner, principalKey);
  }

  @Override
  public Optional<LoggingLevel> logLevel() {
    return Optional.ofNullable(logLevel);
  }

  /** Sets the minimum level of log notifications sent to this client. */
  public void setLogLevel(LoggingLevel level) {
    this.logLevel = Objects.requireNonNull(level, "level");
    store.mirror().changed(this);
  }

  /** The server-to-client requests awaiting the client's response. */
  public PendingRequests pendingRequests() {
    return made(() -> pendingRequests, PendingRequests::new, made -> pendingRequests = made);
  }

  /**
   * Returns the transport's state for this session, making it on first use; it is closed when the
   * session ends (at once, if the session has ended already).
   *
   * @param factory makes it
   * @param <T> the transport's type for it
   * @return the one instance for this session
   */
  @SuppressWarnings("unchecked")
  public <T extends SessionTransport> T transport(Supplier<T> factory) {
    T made = (T) made(() -> transport, factory, value -> transport = value);
    if (closed) {
      made.close();
    }
    return made;
  }

  @Override
  public @Nullable InFlightCall beginCall(RequestId requestId) {
    InFlightCall call = new InFlightCall(requestId);
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      if (calls == null) {
        calls = new HashSet<>(4); // identity: InFlightCall keeps Object's equals, so each call is its own entry
      }
      store.admitCall(calls.size(), client);
      calls.add(call);
    } finally {
      lock.unlock();
    }
    if (!pin()) {
      removeCall(call);
      store.quotas().give(ClientQuotas.Kind.CALLS, client);
      return null;
    }
    store.callStarted();
    if (closed) {
      endCall(call); // close() may have swept the table before this call was in it
      callAnswered();
      return null;
    }
    return call;
  }

  @Override
  public void endCall(InFlightCall call) {
    if (removeCall(call)) {
      unpin();
    }
  }

  @Override
  public void callAnswered() {
    store.quotas().give(ClientQuotas.Kind.CALLS, client);
    store.callEnded();
  }

  private boolean removeCall(InFlightCall call) {
    lock.lock();
    try {
      return calls != null && calls.remove(call);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Cancels the calls that carry a request id ({@code notifications/cancelled}). A client that reuses
   * ids concurrently cannot say which of them it meant, so all of them are cancelled.
   *
   * @return how many calls were cancelled
   */
  public int cancelCalls(RequestId requestId) {
    int cancelled = 0;
    for (InFlightCall call : calls()) {
      if (call.requestId().equals(requestId) && call.cancel()) {
        cancelled++;
      }
    }
    return cancelled;
  }

  /** How many calls are in flight. */
  public int callsInFlight() {
    lock.lock();
    try {
      return calls == null ? 0 : calls.size();
    } finally {
      lock.unlock();
    }
  }

  private List<InFlightCall> calls() {
    lock.lock();
    try {
      return calls == null ? List.of() : new ArrayList<>(calls);
    } finally {
      lock.unlock();
    }
  }

  /** Sends a notification that belongs to no request, on the session's GET stream; false when none is open. */
  public boolean sendNotification(String method, @Nullable JsonNode params) {
    return sendNotification(new JsonRpcNotification(Objects.requireNonNull(method, "method"), params));
  }

  /** Sends a notification (possibly shared by many sessions) on the session's GET stream; false when none is open. */
  public boolean sendNotification(JsonRpcNotification notification) {
    SessionTransport current = transport;
    return current != null && current.deliver(notification);
  }

  /** The resources the client subscribed to; made on first use. */
  public ResourceSubscriptions subscriptions() {
    return made(() -> subscriptions, () -> new ResourceSubscriptions(this, store.mirror()), made -> subscriptions = made);
  }

  /** Takes the durable facts of a session another instance held (the store's take-over). */
  void restore(SessionMirror.SessionFacts facts) {
    initialized = facts.initialized();
    generation = facts.generation();
    logLevel = facts.logLevel();
    if (!facts.subscriptions().isEmpty()) {
      subscriptions = ResourceSubscriptions.restored(this, store.mirror(), facts.subscriptions());
    }
  }

  /** Whether the client subscribed to a resource. */
  public boolean isSubscribed(String uri) {
    ResourceSubscriptions subscribed = subscriptions;
    return subscribed != null && subscribed.contains(uri);
  }

  /** Whether something is active, which keeps the session from expiring. Read by the store's expiry, without the lock. */
  boolean isPinned() {
    return activity > 0;
  }

  /**
   * Keeps the session from expiring until {@link #unpin()}, for the transport's standalone stream.
   *
   * @return false when the session has ended (nothing was pinned)
   */
  public boolean pin() {
    boolean first;
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      first = activity++ == 0;
    } finally {
      lock.unlock();
    }
    // The expiry depends only on whether activity > 0, so only the 0 -> 1 and 1 -> 0 transitions
    // refresh it, outside the lock (the store's expiry reads activity under its own lock). Each
    // refresh reads the count as it is then, and the last transition is always followed by its own.
    if (first && !store.refreshExpiry(this)) {
      lock.lock();
      try {
        activity--;
      } finally {
        lock.unlock();
      }
      return false;
    }
    return true;
  }

  /** Undoes one {@link #pin()}; the idle time starts when nothing is active. */
  public void unpin() {
    boolean last;
    lock.lock();
    try {
      last = --activity == 0;
    } finally {
      lock.unlock();
    }
    if (last) {
      store.refreshExpiry(this);
    }
  }

  /**
   * Ends the session: cancels its calls, fails its pending server-to-client requests, closes the
   * transport's streams. Called by the store when the session is removed; idempotent.
   *
   * @param reason why it ended, given to code that waits on the session
   */
  void close(String reason) {
    List<InFlightCall> running;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      running = calls == null ? List.of() : new ArrayList<>(calls);
    } finally {
      lock.unlock();
    }
    // A call added concurrently with this sees closed and ends itself; subscriptions, attributes or
    // pending requests added after this die with the session.
    running.forEach(InFlightCall::cancel);
    PendingRequests pending = pendingRequests;
    if (pending != null) {
      pending.failAll(new SessionClosedException("session " + reason));
    }
    SessionTransport streams = transport;
    if (streams != null) {
      streams.close();
    }
    ResourceSubscriptions subscribed = subscriptions;
    if (subscribed != null) {
      subscribed.clear();
    }
    ConcurrentMap<String, Object> attributeTable = attributes;
    if (attributeTable != null) {
      attributeTable.clear();
    }
  }

  /** A field made on first use, under the lock; read without it once made. */
  private <T> T made(Supplier<@Nullable T> current, Supplier<? extends T> factory, Consumer<T> set) {
    T value = current.get();
    if (value != null) {
      return value;
    }
    lock.lock();
    try {
      value = current.get();
      if (value == null) {
        value = Objects.requireNonNull(factory.get());
        set.accept(value);
      }
      return value;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SessionState[" + loggedId() + ", " + protocolVersion + ", "
        + clientInfo.name() + "]";
  }
}
