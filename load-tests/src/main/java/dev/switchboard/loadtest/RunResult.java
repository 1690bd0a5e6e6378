package dev.switchboard.loadtest;

import java.util.Map;

/**
 * What one run of the agents against one target measured.
 *
 * @param label the run's name in the output
 * @param target the server's name
 * @param workload what the agents did
 * @param measuredNanos length of the measured window
 * @param stats counts and latencies
 * @param generatorCpuNanos CPU time of the load generator's thread in the measured window
 * @param serverCpuNanos CPU time of the server in the window (the load driver's left out), or -1 when unknown
 * @param orphans what became of abandoned sessions, or null when none were abandoned
 * @param sessionsLeft live sessions on the server after the run and the orphan wait, or -1 when unknown
 */
record RunResult(String label, String target, Workload workload, long measuredNanos, Recorder.Snapshot stats,
    long generatorCpuNanos, long serverCpuNanos, OrphanTracker.Result orphans,
    int sessionsLeft) {

  double seconds() {
    return measuredNanos / 1e9;
  }

  double callsPerSecond() {
    return stats.toolCalls() / seconds();
  }

  double generatorCpuMicrosPerCall() {
    return stats.toolCalls() == 0 ? 0 : generatorCpuNanos / 1e3 / stats.toolCalls();
  }

  /** The server's CPU per call (with GC and JIT), when it is known; else NaN. */
  double serverCpuMicrosPerCall() {
    if (serverCpuNanos < 0 || stats.toolCalls() == 0) {
      return Double.NaN;
    }
    return serverCpuNanos / 1e3 / stats.toolCalls();
  }

  LatencyHistogram latency(Op op) {
    return stats.latencies().get(op);
  }

  Map<String, Long> errors() {
    return stats.errors();
  }

  /** No misroute, no error, no leaked session. */
  boolean clean() {
    return stats.misrouted() == 0 && stats.errorCount() == 0 && (orphans == null || orphans.leaked() == 0)
        && sessionsLeft <= 0;
  }
}
