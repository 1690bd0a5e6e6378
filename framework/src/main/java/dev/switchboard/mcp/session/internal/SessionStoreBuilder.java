package dev.switchboard.mcp.session.internal;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchboard.mcp.protocol.internal.Limits;
import dev.switchboard.mcp.session.SessionListener;
import java.time.Duration;
import java.util.Objects;

/** Configures a {@link SessionStore}. */
public final class SessionStoreBuilder {
  private Duration idleTimeout = Duration.ofMinutes(30);
  private Duration handshakeTimeout = Duration.ofSeconds(30);
  private int maxSessions = 10_000;
  private int maxCallsPerSession = Integer.MAX_VALUE;
  private ClientQuotas quotas = ClientQuotas.unlimited();
  private Ticker ticker = Ticker.systemTicker();
  private Scheduler scheduler = Scheduler.systemScheduler();
  private SessionListener listener = new SessionListener() {};
  private SessionMirror mirror = SessionMirror.NONE;

  SessionStoreBuilder() {}

  /**
   * Sets how long a session may stay idle (no request, nothing in flight, no open stream).
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public SessionStoreBuilder idleTimeout(Duration timeout) {
    this.idleTimeout = Limits.positive(timeout, "idleTimeout");
    return this;
  }

  /**
   * Sets the maximum number of live sessions.
   *
   * @param max at least 1
   * @return this builder
   */
  public SessionStoreBuilder maxSessions(int max) {
    this.maxSessions = Limits.atLeastOne(max, "maxSessions");
    return this;
  }

  /**
   * Sets how long a session that has not finished its handshake ({@code notifications/initialized})
   * may stay idle.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public SessionStoreBuilder handshakeTimeout(Duration timeout) {
    this.handshakeTimeout = Limits.positive(timeout, "handshakeTimeout");
    return this;
  }

  /**
   * Sets the client's share: calls one session may have in flight, and the quotas of sessions,
   * calls and streams per client, shared with the endpoint's stateless requests.
   *
   * @param callsPerSession at least 1
   * @param clientQuotas sessions, calls and streams per client
   * @return this builder
   */
  public SessionStoreBuilder shares(int callsPerSession, ClientQuotas clientQuotas) {
    this.maxCallsPerSession = Limits.atLeastOne(callsPerSession, "maxCallsPerSession");
    this.quotas = clientQuotas;
    return this;
  }

  /**
   * Sets the clock used for idle time (tests pass a fake one).
   *
   * @param ticker the clock
   * @return this builder
   */
  public SessionStoreBuilder ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  /**
   * Sets the scheduler that runs expiry when no traffic arrives.
   *
   * @param scheduler the scheduler; {@link Scheduler#disabledScheduler()} leaves expiry to traffic and {@code cleanUp()}
   * @return this builder
   */
  public SessionStoreBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Sets the listener told of sessions opening and ending.
   *
   * @param listener the listener
   * @return this builder
   */
  public SessionStoreBuilder listener(SessionListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Copies the sessions' durable facts to a fleet's shared store, and takes over sessions found there.
   *
   * @param mirror the shared store; {@link SessionMirror#NONE} (the default) keeps sessions in this process
   * @return this builder
   */
  public SessionStoreBuilder mirror(SessionMirror mirror) {
    this.mirror = Objects.requireNonNull(mirror, "mirror");
    return this;
  }

  /**
   * Creates the store.
   *
   * @return a new, empty store
   */
  public SessionStore build() {
    return new SessionStore(this);
  }

  SessionMirror mirror() {
    return mirror;
  }

  Duration idleTimeout() {
    return idleTimeout;
  }

  Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  int maxSessions() {
    return maxSessions;
  }

  int maxCallsPerSession() {
    return maxCallsPerSession;
  }

  ClientQuotas quotas() {
    return quotas;
  }

  Ticker ticker() {
    return ticker;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  SessionListener listener() {
    return listener;
  }
}
