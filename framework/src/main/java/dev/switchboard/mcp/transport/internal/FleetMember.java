package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.session.internal.ClientQuotas;
import dev.switchboard.mcp.session.internal.SessionMirror;
import dev.switchboard.mcp.session.internal.SessionStore;
import dev.switchboard.mcp.transport.RedisFleet;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What an endpoint shares with the other instances of its fleet: its sessions' facts, its changes,
 * its clients' shares. Made only when a {@link RedisFleet} is configured, so that Lettuce is loaded
 * only then.
 */
final class FleetMember {
  private static final Duration MOST_BETWEEN_RENEWALS = Duration.ofMinutes(5);
  private static final Duration RECOUNT_EVERY = Duration.ofSeconds(5);

  private final FleetLink link;
  private final TimeSource time;
  private final RedisSessions sessions;
  private final FleetQuotas quotas;
  private final RedisEvents events;
  private final Duration renewEvery;
  private @Nullable FleetChanges changes;
  private @Nullable Repeating renewal;
  private @Nullable Repeating recount;

  FleetMember(RedisFleet config, TimeSource time, Duration idleTimeout, int logEvents) {
    this.link = new FleetLink(config, time);
    this.time = time;
    this.sessions = new RedisSessions(link, idleTimeout);
    this.quotas = new FleetQuotas(link);
    this.events = new RedisEvents(link, idleTimeout, logEvents);
    // A copy outlives the idle timeout by a third of it at most, and is renewed well before it expires.
    Duration third = idleTimeout.dividedBy(3);
    this.renewEvery = third.compareTo(MOST_BETWEEN_RENEWALS) < 0 ? third : MOST_BETWEEN_RENEWALS;
  }

  SessionMirror mirror() {
    return sessions;
  }

  SharedEvents events() {
    return events;
  }

  ClientQuotas.FleetCounts counts() {
    return quotas;
  }

  /**
   * Joins the fleet: connects, relays changes both ways, renews the copies of the sessions held here.
   *
   * @throws IllegalStateException when Redis cannot be reached
   */
  void start(ServerCore server, SessionStore store, ClientQuotas clientQuotas) {
    FleetChanges relay = new FleetChanges(link, server, store);
    link.start(relay::heard);
    server.addListener(relay);
    changes = relay;
    renewal = Repeating.every(time, renewEvery, () -> sessions.renewAll(store));
    recount = Repeating.every(time, RECOUNT_EVERY, () -> quotas.rewrite(clientQuotas));
  }

  /** Leaves the fleet; the copies of the sessions held here stay until they expire or are taken over. */
  void stop(ServerCore server) {
    if (changes != null) {
      server.removeListener(changes);
    }
    if (renewal != null) {
      renewal.cancel();
    }
    if (recount != null) {
      recount.cancel();
    }
    link.stop();
  }

  /** How many Redis commands failed since the start. */
  long errors() {
    return link.errors();
  }
}
