package dev.switchboard.loadtest;

import java.time.Duration;
import java.util.Locale;

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
   * @param bytesPerSessionAfterCall the same for sessions that have also served one echo call
   * @param openNanos time to open them all
   * @param openLatency latency of each open (initialize + initialized)
   * @param failures opens that failed
   * @param firstFailure the first failure, or null
   */
  record Result(String target, int sessions, long bytesPerSession, long bytesPerSessionAfterCall, long openNanos, LatencyHistogram openLatency,
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
      // Both paths warm, so that pools the server fills once (Jetty's buffers) are in both baselines.
      int warmup = Math.min(1_000, sessions);
      opener.open(warmup, new LatencyHistogram(), opener.echoOnce());
      opener.deleteAll();
      opener.open(warmup, new LatencyHistogram());
      opener.deleteAll();
      LatencyHistogram latency = new LatencyHistogram(); // made before the baseline: it is the client's
      LatencyHistogram ignored = new LatencyHistogram();
      long before = Heap.usedAfterGc();
      progress.update("[idle sessions " + target.name() + "] opening " + sessions);
      long openNanos = opener.open(sessions, latency);
      Thread.sleep(Duration.ofMillis(500).toMillis());
      long after = Heap.usedAfterGc();
      int opened = opener.opened();
      long perSession = opened == 0 ? 0 : (after - before) / opened;
      opener.deleteAll();

      progress.update("[idle sessions " + target.name() + "] opening " + sessions + ", one call each");
      long beforeCalls = Heap.usedAfterGc();
      opener.open(sessions, ignored, opener.echoOnce());
      Thread.sleep(Duration.ofMillis(500).toMillis());
      long afterCalls = Heap.usedAfterGc();
      int called = opener.opened();
      long perSessionAfterCall = called == 0 ? 0 : (afterCalls - beforeCalls) / called;
      opener.deleteAll();

      Result result = new Result(target.name(), opened, perSession, perSessionAfterCall, openNanos, latency,
          opener.failures(), opener.firstFailure());
      progress.done(String.format(Locale.ROOT,
          "[idle sessions %s] %,d sessions: %s per session (%s after one call), opened at %,.0f/s", target.name(),
          opened, Report.bytes(perSession), Report.bytes(perSessionAfterCall), result.opensPerSecond()));
      return result;
    }
  }
}
