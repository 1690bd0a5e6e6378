package dev.switchboard.mcp.session.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What each client holds at once, so that one careless or hostile client cannot take what the others
 * need: sessions, calls in flight and open GET streams, per client key (the remote address, or what the
 * application says identifies a client). A client's entry exists only while it holds something.
 */
public final class ClientQuotas {
  /** What a quota counts. */
  public enum Kind {
    /** Live sessions. */
    SESSIONS,
    /** Calls in flight, of all the client's sessions and stateless requests. */
    CALLS,
    /** Open GET streams. */
    STREAMS
  }

  /**
   * Counts sessions and GET streams over a fleet of instances, so a client's share holds for the fleet.
   * Calls in flight are counted per instance: they end within a request.
   */
  public interface FleetCounts {
    /**
     * Takes one of a client's quota over the fleet.
     *
     * @return false when the client holds {@code max} over the fleet already (nothing was taken)
     */
    boolean tryTake(Kind kind, String client, int max);

    /** Gives back one taken with {@link #tryTake}. */
    void give(Kind kind, String client);
  }

  private final int maxSessions;
  private final int maxCalls;
  private final int maxStreams;
  private final @Nullable FleetCounts fleet;
  private final ConcurrentMap<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> streams = new ConcurrentHashMap<>();

  /**
   * @param maxSessions sessions one client may hold
   * @param maxCalls calls in flight one client may have
   * @param maxStreams GET streams one client may hold open
   */
  public ClientQuotas(int maxSessions, int maxCalls, int maxStreams) {
    this(maxSessions, maxCalls, maxStreams, null);
  }

  /**
   * @param fleet where sessions and streams are also counted over a fleet, or null for this instance alone
   */
  public ClientQuotas(int maxSessions, int maxCalls, int maxStreams, @Nullable FleetCounts fleet) {
    this.maxSessions = maxSessions;
    this.maxCalls = maxCalls;
    this.maxStreams = maxStreams;
    this.fleet = fleet;
  }

  /** No limits: for stores and tests built without an endpoint. */
  public static ClientQuotas unlimited() {
    return new ClientQuotas(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * Takes one of a client's quota.
   *
   * @return false when the client holds its maximum already (nothing was taken)
   */
  public boolean tryTake(Kind kind, String client) {
    int limit = max(kind);
    boolean[] taken = {false};
    table(kind).compute(client, (key, current) -> {
      AtomicInteger count = current == null ? new AtomicInteger() : current;
      if (count.get() < limit) {
        count.incrementAndGet();
        taken[0] = true;
      }
      return count.get() == 0 ? null : count;
    });
    if (taken[0] && fleet != null && kind != Kind.CALLS && !fleet.tryTake(kind, client, limit)) {
      give(kind, client, false);
      return false;
    }
    return taken[0];
  }

  /**
   * Takes one call from the client's share.
   *
   * @throws CallLimitException when the client has as many calls in flight as it may
   */
  void takeCall(String client) {
    if (!tryTake(Kind.CALLS, client)) {
      throw new CallLimitException("this client has " + max(Kind.CALLS) + " calls in flight, its limit");
    }
  }

  /** Gives back one taken with {@link #tryTake}. */
  public void give(Kind kind, String client) {
    give(kind, client, fleet != null && kind != Kind.CALLS);
  }

  private void give(Kind kind, String client, boolean toFleet) {
    table(kind).computeIfPresent(client, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    if (toFleet && fleet != null) {
      fleet.give(kind, client);
    }
  }

  /**
   * Returns how much of a quota a client holds.
   *
   * @return the count
   */
  public int held(Kind kind, String client) {
    AtomicInteger count = table(kind).get(client);
    return count == null ? 0 : count.get();
  }

  /**
   * Returns what every client holds of a quota now, for re-counting it over a fleet.
   *
   * @return client key to count; clients holding none are absent
   */
  public Map<String, Integer> holdings(Kind kind) {
    Map<String, Integer> held = new HashMap<>();
    table(kind).forEach((client, count) -> held.put(client, count.get()));
    return held;
  }

  /** The maximum of a quota. */
  public int max(Kind kind) {
    return switch (kind) {
      case SESSIONS -> maxSessions;
      case CALLS -> maxCalls;
      case STREAMS -> maxStreams;
    };
  }

  private ConcurrentMap<String, AtomicInteger> table(Kind kind) {
    return switch (kind) {
      case SESSIONS -> sessions;
      case CALLS -> calls;
      case STREAMS -> streams;
    };
  }
}
