package dev.switchboard.mcp.session.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Interner;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.session.SessionEnd;
import dev.switchboard.mcp.session.SessionListener;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sessions of one endpoint, in a Caffeine cache with an idle timeout.
 *
 * <p>Sessions whose clients vanish without a DELETE are reclaimed on time: Caffeine's scheduler
 * expires them with no further traffic, and removal closes their streams, cancels their calls and
 * fails their pending requests. A session with a call in flight or an open standalone stream is
 * pinned and does not expire; its idle time starts when the last activity ends. The number of live
 * sessions is capped; beyond the cap, {@link #create} refuses rather than evicting anyone.
 */
public final class SessionStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);
  private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();
  /** What {@link #newId()} makes: only such ids are looked for in a fleet's shared store. */
  private static final Pattern ID_SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

  private final Cache<String, SessionState> sessions;
  private final long idleNanos;
  private final long handshakeNanos;
  private final int maxSessions;
  private final int maxCallsPerSession;
  private final ClientQuotas quotas;
  private final SessionMirror mirror;

  private final SessionListener listener;
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private final AtomicLong takenOver = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  // Calls in flight in all sessions, and who waits for them to end (a graceful shutdown).
  private final CountToZero callsInFlight = new CountToZero();
  // Most sessions come from a few clients that send the same (immutable) info and capabilities: one
  // shared copy each. Weak, so a value is kept only while some session holds it.
  private final Interner<Implementation> clientInfos = Interner.newWeakInterner();
  private final Interner<ClientCapabilities> capabilitySets = Interner.newWeakInterner();

  SessionStore(SessionStoreBuilder builder) {
    this.idleNanos = builder.idleTimeout().toNanos();
    this.handshakeNanos = Math.min(idleNanos, builder.handshakeTimeout().toNanos());
    this.maxSessions = builder.maxSessions();
    this.maxCallsPerSession = builder.maxCallsPerSession();
    this.quotas = builder.quotas();
    this.mirror = builder.mirror();
    this.listener = builder.listener();
    this.sessions = Caffeine.newBuilder()
        .ticker(builder.ticker())
        .scheduler(builder.scheduler())
        .executor(Runnable::run)
        .expireAfter(new IdleExpiry())
        .removalListener(this::onRemoval)
        .build();
  }

  /**
   * Starts a store configuration.
   *
   * @return a builder with the defaults: 30 minutes idle timeout, 10,000 sessions
   */
  public static SessionStoreBuilder builder() {
    return new SessionStoreBuilder();
  }

  /**
   * Creates a session with a new id (128 random bits from {@link SecureRandom}, base64url).
   *
   * @param protocolVersion the negotiated revision
   * @param clientInfo the client's name and version
   * @param capabilities the client's capabilities
   * @return the live session
   * @throws SessionLimitException when the store holds its maximum
   * @throws ClosedException when the store is closed
   */
  public SessionState create(ProtocolVersion protocolVersion, Implementation clientInfo, ClientCapabilities capabilities) {
    return create(protocolVersion, clientInfo, capabilities, "", null);
  }

  /**
   * Creates a session for a client, within that client's share of the sessions.
   *
   * @param client what identifies the client (its address, unless the application says otherwise)
   * @param owner the key of the principal that opens it, which alone may use it; null without authorization
   * @throws SessionLimitException when the store, or this client, holds its maximum
   * @throws ClosedException when the store is closed
   */
  public SessionState create(ProtocolVersion protocolVersion, Implementation clientInfo, ClientCapabilities capabilities,
      String client, @Nullable String owner) {
    if (closed.get()) {
      throw new ClosedException();
    }
    if (!quotas.tryTake(ClientQuotas.Kind.SESSIONS, client)) {
      throw new SessionLimitException(quotas.max(ClientQuotas.Kind.SESSIONS), true);
    }
    int count;
    do {
      count = live.get();
      if (count >= maxSessions) {
        quotas.give(ClientQuotas.Kind.SESSIONS, client);
        throw new SessionLimitException(maxSessions, false);
      }
    } while (!live.compareAndSet(count, count + 1));
    Implementation sharedInfo = clientInfos.intern(clientInfo);
    ClientCapabilities sharedCapabilities = capabilitySets.intern(capabilities);
    SessionState session;
    do {
      session = new SessionState(newId(), protocolVersion, sharedInfo, sharedCapabilities, client, owner, this);
    } while (sessions.asMap().containsKey(session.id()));
    try {
      mirror.opened(session);
    } catch (SessionMirror.UnavailableException e) {
      live.decrementAndGet();
      quotas.give(ClientQuotas.Kind.SESSIONS, client);
      throw e;
    }
    sessions.put(session.id(), session);
    created.incrementAndGet();
    listener.sessionOpened(session);
    return session;
  }

  /**
   * Takes one of a client's calls for a session that has {@code inFlight} calls already.
   *
   * @throws CallLimitException when the session, or its client, has its most calls in flight
   */
  void admitCall(int inFlight, String client) {
    if (inFlight >= maxCallsPerSession) {
      throw new CallLimitException("this session has " + inFlight + " calls in flight, its limit");
    }
    quotas.takeCall(client);
  }

  /** What each client holds across sessions and stateless requests. */
  ClientQuotas quotas() {
    return quotas;
  }

  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return ID_ENCODER.encodeToString(bytes);
  }

  /**
   * Finds a live session and restarts its idle timer.
   *
   * @param id the {@code Mcp-Session-Id}
   * @return the session, or empty when unknown, expired or deleted
   */
  public Optional<SessionState> find(String id) {
    SessionState session = sessions.getIfPresent(Objects.requireNonNull(id, "id"));
    return session != null && session.isOpen() ? Optional.of(session) : Optional.empty();
  }

  /**
   * Finds a live session, or takes over one another instance of the fleet held, if the request acts
   * for the principal that opened it.
   *
   * @param id the {@code Mcp-Session-Id}
   * @param principalKey who the request acts for (null without authorization)
   * @return the session, or empty when unknown, expired, deleted, or another principal's
   */
  public Optional<SessionState> findOrTakeOver(String id, @Nullable String principalKey) {
    Optional<SessionState> local = find(id);
    if (local.isPresent() || mirror == SessionMirror.NONE || closed.get() || !ID_SHAPE.matcher(id).matches()) {
      return local;
    }
    return Optional.ofNullable(takeOver(id, principalKey));
  }

  /**
   * Re-creates a session another instance held, from its shared facts, within the same limits as a new
   * one; null when there is no such session, it is another principal's, or there is no room for it.
   */
  private @Nullable SessionState takeOver(String id, @Nullable String principalKey) {
    SessionMirror.SessionFacts facts = mirror.recall(id);
    if (facts == null || !Objects.equals(facts.owner(), principalKey)
        || !quotas.tryTake(ClientQuotas.Kind.SESSIONS, facts.client())) {
      return null;
    }
    if (live.incrementAndGet() > maxSessions) {
      live.decrementAndGet();
      quotas.give(ClientQuotas.Kind.SESSIONS, facts.client());
      return null;
    }
    SessionState session = new SessionState(facts.id(), facts.protocolVersion(), clientInfos.intern(facts.clientInfo()),
        capabilitySets.intern(facts.capabilities()), facts.client(), facts.owner(), this);
    session.restore(facts);
    SessionState raced = sessions.asMap().putIfAbsent(id, session);
    if (raced != null) { // two requests of the session arrived at once: the first one's copy serves both
      live.decrementAndGet();
      quotas.give(ClientQuotas.Kind.SESSIONS, facts.client());
      return raced;
    }
    refreshExpiry(session); // it was initialized elsewhere: the idle timeout, not the handshake's
    mirror.adopted(session);
    takenOver.incrementAndGet();
    listener.sessionOpened(session);
    LOG.info("session {} taken over from the fleet's shared store", session.loggedId());
    return session;
  }

  /** Where the sessions' durable facts are copied ({@link SessionMirror#NONE} without a fleet). */
  SessionMirror mirror() {
    return mirror;
  }

  /**
   * Runs an action for every live session, for example to notify them all.
   *
   * @param action what to do with each session
   */
  public void forEach(Consumer<SessionState> action) {
    Objects.requireNonNull(action, "action");
    for (SessionState session : sessions.asMap().values()) {
      if (session.isOpen()) {
        action.accept(session);
      }
    }
  }

  /**
   * Lets go of a session another instance of the fleet took over: it ends here (its streams close, so
   * its client reconnects there) while its shared copy lives on.
   *
   * @param id the session id
   */
  public void movedAway(String id) {
    SessionState session = sessions.getIfPresent(Objects.requireNonNull(id, "id"));
    if (session != null) {
      session.markMoved();
      sessions.asMap().remove(id, session);
    }
  }

  /**
   * Ends a session at the client's request (HTTP DELETE).
   *
   * @param id the session id
   * @return false when no such session was live
   */
  public boolean delete(String id) {
    return sessions.asMap().remove(Objects.requireNonNull(id, "id")) != null;
  }

  /**
   * Returns the number of live sessions.
   *
   * @return the count
   */
  public int size() {
    return live.get();
  }

  /**
   * Returns how many sessions were created since the store started.
   *
   * @return the count
   */
  public long createdCount() {
    return created.get();
  }

  /**
   * Returns how many sessions expired for being idle.
   *
   * @return the count
   */
  public long expiredCount() {
    return expired.get();
  }

  /**
   * Returns how many sessions clients deleted.
   *
   * @return the count
   */
  public long deletedCount() {
    return deleted.get();
  }

  /** How many sessions were taken over from a fleet's shared store. */
  public long takenOverCount() {
    return takenOver.get();
  }

  /**
   * Runs {@code action} once no call is in flight in any session: now, or when the last one ends.
   *
   * @param action what to run; quick
   */
  public void whenNoCallsInFlight(Runnable action) {
    callsInFlight.whenZero(action);
  }

  /** How many calls are in flight in all sessions (answered ones excluded). */
  public int callsInFlight() {
    return callsInFlight.count();
  }

  void callStarted() {
    callsInFlight.increment();
  }

  void callEnded() {
    callsInFlight.decrement();
  }

  /** Runs pending expiry work now; the scheduler does this on its own, so only tests need it. */
  public void cleanUp() {
    sessions.cleanUp();
  }

  /** Ends every session and refuses new ones. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      sessions.invalidateAll();
      sessions.cleanUp();
    }
  }

  /**
   * Recomputes a session's expiry after it became busy or idle.
   *
   * @return false when the session is no longer in the store
   */
  boolean refreshExpiry(SessionState session) {
    // A write, not a read: Caffeine applies a read's new expiry on a best-effort basis (a busy read
    // buffer drops it), which could leave a session that just went idle scheduled to expire never.
    // computeIfPresent re-evaluates the expiry under the entry's lock, from the activity count as it
    // is then, and reschedules it reliably. SessionState calls this only when the count goes 0 -> 1 or
    // 1 -> 0, the only changes that alter the expiry, and the last of them is always followed by one.
    return sessions.asMap().computeIfPresent(session.id(), (id, current) -> current) == session;
  }

  private void onRemoval(@Nullable String id, @Nullable SessionState session, RemovalCause cause) {
    if (session == null) {
      return;
    }
    live.decrementAndGet();
    quotas.give(ClientQuotas.Kind.SESSIONS, session.client());
    SessionEnd reason;
    if (cause == RemovalCause.EXPIRED) {
      reason = SessionEnd.EXPIRED;
      expired.incrementAndGet();
    } else if (session.hasMoved()) {
      reason = SessionEnd.MOVED;
    } else if (closed.get()) {
      reason = SessionEnd.SHUTDOWN;
    } else {
      reason = SessionEnd.DELETED;
      deleted.incrementAndGet();
    }
    session.close(reason.name().toLowerCase(Locale.ROOT));
    try {
      mirror.ended(session, reason);
    } catch (RuntimeException e) {
      LOG.warn("could not remove session {} from the shared store", session.loggedId(), e);
    }
    LOG.debug("session {} ended: {}", session.loggedId(), reason);
    try {
      listener.sessionClosed(session, reason);
    } catch (RuntimeException e) {
      LOG.warn("session listener failed for {}", session.loggedId(), e);
    }
  }

  /** Idle expiry that pins a session while it has something in flight. */
  private final class IdleExpiry implements Expiry<String, SessionState> {
    @Override
    public long expireAfterCreate(String key, SessionState session, long now) {
      return handshakeNanos;
    }

    @Override
    public long expireAfterUpdate(String key, SessionState session, long now, long remaining) {
      return idleFor(session);
    }

    @Override
    public long expireAfterRead(String key, SessionState session, long now, long remaining) {
      return idleFor(session);
    }

    /** A session that never finished its handshake gets only the short handshake timeout. */
    private long idleFor(SessionState session) {
      return session.isPinned() ? Long.MAX_VALUE : session.isInitialized() ? idleNanos : handshakeNanos;
    }
  }

  /** Thrown by {@link #create} once the store is closed (the endpoint is stopping). */
  public static final class ClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ClosedException() {
      super("the session store is closed", null);
    }
  }
}
