package dev.switchboard.mcp.transport;

import dev.switchboard.mcp.protocol.internal.Limits;
import java.time.Duration;

/**
 * Each client's share of an endpoint, so that one careless or hostile client cannot take what the
 * others need. A client is who {@link McpServlet.Builder#clientKey} says (by default, the remote
 * address). What goes over a share gets 429 with {@code Retry-After}; what goes over the endpoint's
 * own capacity gets 503. Immutable; start from {@link #defaults()}.
 *
 * @param sessionsPerClient sessions one client may hold at once
 * @param callsPerSession calls one session may have in flight
 * @param callsPerClient calls one client may have in flight, over all its sessions and stateless requests
 * @param streamsPerClient GET streams one client may hold open
 * @param callsInFlight calls in flight on the whole endpoint
 * @param handshakeTimeout how long a session that has not sent {@code notifications/initialized} may stay idle
 */
public record ClientLimits(int sessionsPerClient, int callsPerSession, int callsPerClient, int streamsPerClient,
    int callsInFlight, Duration handshakeTimeout) {

  /** Checks the invariants. */
  public ClientLimits {
    Limits.atLeastOne(sessionsPerClient, "sessionsPerClient");
    Limits.atLeastOne(callsPerSession, "callsPerSession");
    Limits.atLeastOne(callsPerClient, "callsPerClient");
    Limits.atLeastOne(streamsPerClient, "streamsPerClient");
    Limits.atLeastOne(callsInFlight, "callsInFlight");
    Limits.positive(handshakeTimeout, "handshakeTimeout");
  }

  /**
   * The defaults: 256 sessions, 32 calls per session, 64 calls and 100 GET streams per client, 2,000
   * calls on the endpoint, 30 seconds to finish the handshake.
   *
   * @return the defaults
   */
  public static ClientLimits defaults() {
    // 64 calls per client: on Java 17 handlers share a pool of 200 threads, and one client's slow
    // calls must leave most of it to the others.
    return new ClientLimits(256, 32, 64, 100, 2_000, Duration.ofSeconds(30));
  }

  /**
   * Returns these limits with another number of sessions per client.
   *
   * @param max at least 1
   * @return the changed limits
   */
  public ClientLimits withSessionsPerClient(int max) {
    return new ClientLimits(max, callsPerSession, callsPerClient, streamsPerClient, callsInFlight, handshakeTimeout);
  }

  /**
   * Returns these limits with another number of calls in flight per session.
   *
   * @param max at least 1
   * @return the changed limits
   */
  public ClientLimits withCallsPerSession(int max) {
    return new ClientLimits(sessionsPerClient, max, callsPerClient, streamsPerClient, callsInFlight, handshakeTimeout);
  }

  /**
   * Returns these limits with another number of calls in flight per client.
   *
   * @param max at least 1
   * @return the changed limits
   */
  public ClientLimits withCallsPerClient(int max) {
    return new ClientLimits(sessionsPerClient, callsPerSession, max, streamsPerClient, callsInFlight, handshakeTimeout);
  }

  /**
   * Returns these limits with another number of GET streams per client.
   *
   * @param max at least 1
   * @return the changed limits
   */
  public ClientLimits withStreamsPerClient(int max) {
    return new ClientLimits(sessionsPerClient, callsPerSession, callsPerClient, max, callsInFlight, handshakeTimeout);
  }

  /**
   * Returns these limits with another number of calls in flight on the whole endpoint.
   *
   * @param max at least 1
   * @return the changed limits
   */
  public ClientLimits withCallsInFlight(int max) {
    return new ClientLimits(sessionsPerClient, callsPerSession, callsPerClient, streamsPerClient, max, handshakeTimeout);
  }

  /**
   * Returns these limits with another handshake timeout.
   *
   * @param timeout a positive duration
   * @return the changed limits
   */
  public ClientLimits withHandshakeTimeout(Duration timeout) {
    return new ClientLimits(sessionsPerClient, callsPerSession, callsPerClient, streamsPerClient, callsInFlight, timeout);
  }
}
