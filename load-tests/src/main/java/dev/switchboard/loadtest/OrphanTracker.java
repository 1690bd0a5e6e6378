package dev.switchboard.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Follows the sessions agents abandon without DELETE. When a session's idle timeout plus the grace
 * has passed, it asks the server about it (a ping carrying the session id): 404 means the server
 * reclaimed it, a reply means it leaked. For a server in this process it also reads when exactly
 * each session expired. Engine thread only.
 */
final class OrphanTracker {
  static final Duration GRACE = Duration.ofSeconds(2);
  private final HttpEngine engine;
  private final Wire wire;
  private final Duration ttl;
  private final Target target;
  private final Recorder recorder;
  private final List<Abandoned> abandoned = new ArrayList<>();
  private int probesPending;
  private int reclaimed;
  private int leaked;

  OrphanTracker(HttpEngine engine, Wire wire, Duration ttl, Target target, Recorder recorder) {
    this.engine = engine;
    this.wire = wire;
    this.ttl = ttl;
    this.target = target;
    this.recorder = recorder;
  }

  private record Abandoned(String sessionId, long at) {}

  void abandoned(String sessionId, String protocolVersion) {
    Abandoned session = new Abandoned(sessionId, System.nanoTime());
    abandoned.add(session);
    probesPending++;
    engine.schedule(ttl.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS, () -> probe(session, protocolVersion));
  }

  private void probe(Abandoned session, String protocolVersion) {
    byte[] ping = wire.post(session.sessionId, protocolVersion, Wire.ping(1));
    Probe probe = new Probe(session);
    engine.connect(wire.address(), connection -> probe.send(connection, ping), probe::onFailure);
  }

  /** One probe's handler; it keeps the probe's connection, to close it once answered. */
  private final class Probe implements HttpEngine.Handler {
    private final Abandoned session;
    private HttpEngine.Connection connection;

    Probe(Abandoned session) {
      this.session = session;
    }

    void send(HttpEngine.Connection opened, byte[] ping) {
      connection = opened;
      opened.send(ping, this);
    }

    @Override
    public void onResponse(HttpEngine.Response response) {
      connection.close();
      probesPending--;
      if (response.status() == 404) {
        reclaimed++;
      } else if (response.status() / 100 == 2) {
        leaked++;
        recorder.error("abandoned session not reclaimed within TTL + " + GRACE.toSeconds() + " s", session.sessionId);
      } else {
        recorder.error("orphan probe HTTP " + response.status(), response.text());
      }
    }

    @Override
    public void onFailure(Exception failure) {
      probesPending--;
      recorder.error("orphan probe failed", String.valueOf(failure.getMessage()));
    }
  }

  int probesPending() {
    return probesPending;
  }

  Result result() {
    LatencyHistogram reclaimLatency = new LatencyHistogram();
    if (target.reclaims() != null) {
      for (Abandoned session : abandoned) {
        OptionalLong expiredAt = target.reclaims().expiredAt(session.sessionId);
        if (expiredAt.isPresent()) {
          reclaimLatency.record(expiredAt.getAsLong() - session.at);
        }
      }
    }
    return new Result(abandoned.size(), reclaimed, leaked, ttl, reclaimLatency);
  }

  /**
   * What became of the abandoned sessions.
   *
   * @param abandoned sessions left without DELETE
   * @param reclaimed of those, how many the server had forgotten by TTL + grace
   * @param leaked how many it still answered for
   * @param ttl the idle timeout the server was told
   * @param reclaimLatency from abandonment to expiry, when the server is in this process
   */
  record Result(int abandoned, int reclaimed, int leaked, Duration ttl, LatencyHistogram reclaimLatency) {}
}
