package dev.switchboard.loadtest;

import java.time.Duration;

/**
 * Heap per idle session: open N sessions on a warmed-up server, collect, and divide the heap that
 * stayed by N. The client's connections are opened before the baseline and its copies of the ids
 * live in an array allocated before it, so the delta is the server's.
 */
final class IdleSessions {
  private IdleSessions() {}

  /**
   * What opening and holding idle sessions cost.
   *
   * @param target the server's name
   * @param sessions how many were opened and held
   * @param bytesPerSession heap delta after GC divided by the sessions
   * @param openNanos time to open them all
   * @param openLatency latency of each open (initialize + initialized)
   * @param failures opens that failed
   * @param firstFailure the first failure, or null
   */
  record Result(String target, int sessions, long bytesPerSession, long openNanos, LatencyHistogram openLatency,
      int failures, String firstFailure) {
    double opensPerSecond() {
      return sessions * 1e9 / openNanos;
    }
  }

  static Result measure(HttpEngine engine, Target target, int sessions, String protocolVersion, ProgressLine progress)
      throws InterruptedException {
    Wire wire = new Wire(target.endpoint());
    try (SessionOpener opener = new SessionOpener(engine, wire, protocolVersion, 32, Math.max(sessions, 1_000))) {
      progress.update("[idle sessions " + target.name() + "] warming up");
      opener.open(1_000, new LatencyHistogram());
      opener.deleteAll();
      long before = Heap.usedAfterGc();
      progress.update("[idle sessions " + target.name() + "] opening " + sessions);
      LatencyHistogram latency = new LatencyHistogram();
      long openNanos = opener.open(sessions, latency);
      Thread.sleep(Duration.ofMillis(500).toMillis());
      long after = Heap.usedAfterGc();
      int opened = opener.opened();
      Result result = new Result(target.name(), opened, opened == 0 ? 0 : (after - before) / opened, openNanos,
          latency, opener.failures(), opener.firstFailure());
      opener.deleteAll();
      progress.done(String.format(java.util.Locale.ROOT, "[idle sessions %s] %,d sessions: %s per session, opened at %,.0f/s",
          target.name(), opened, Report.bytes(result.bytesPerSession()), result.opensPerSecond()));
      return result;
    }
  }
}
