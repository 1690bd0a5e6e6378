package dev.switchboard.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console summary, and the number formats and figures the console and the HTML report share. */
final class Report {
  private Report() {}

  /** p50, p90, p99 and max of a histogram, formatted: the latency columns of every table. */
  record Latencies(String p50, String p90, String p99, String max) {
    static Latencies of(LatencyHistogram latency) {
      return new Latencies(millis(latency.percentileNanos(0.5)), millis(latency.percentileNanos(0.9)),
          millis(latency.percentileNanos(0.99)), millis(latency.maxNanos()));
    }
  }

  /** The comparison's ratios, one target over the other, formatted. */
  record Ratios(String throughput, String p99, String serverCpu) {
    static Ratios of(Results.Aggregate ours, Results.Aggregate theirs) {
      return new Ratios(ratio(ours.callsPerSecond() / theirs.callsPerSecond()),
          ratio((double) ours.echo().percentileNanos(0.99) / theirs.echo().percentileNanos(0.99)),
          ratio(ours.serverCpuMicrosPerCall() / theirs.serverCpuMicrosPerCall()));
    }
  }

  /**
   * What became of the abandoned sessions. The console and the report word it differently, so each
   * gives its own {@code format}, with these arguments: abandoned, TTL in seconds, grace in seconds,
   * reclaimed, reclaimed in %, leaked, then {@code expiryFormat} filled with the abandonment-to-expiry
   * p50 and max (left out when the server's expiries are unknown).
   */
  static String abandoned(OrphanTracker.Result orphans, String format, String expiryFormat) {
    LatencyHistogram reclaim = orphans.reclaimLatency();
    String expiry = reclaim.count() == 0 ? ""
        : String.format(Locale.ROOT, expiryFormat, millis(reclaim.percentileNanos(0.5)), millis(reclaim.maxNanos()));
    return String.format(Locale.ROOT, format, orphans.abandoned(), orphans.ttl().toSeconds(), OrphanTracker.GRACE.toSeconds(),
        orphans.reclaimed(), orphans.abandoned() == 0 ? 100.0 : 100.0 * orphans.reclaimed() / orphans.abandoned(),
        orphans.leaked(), expiry);
  }

  /** What a stateless run does not measure, said instead of zeros that would look measured. */
  static String statelessNote(RunResult run) {
    return run.workload().protocolVersion() + " has no sessions: no initialize or DELETE; session churn, "
        + "abandonment and reclaim do not apply";
  }

  static String millis(long nanos) {
    if (nanos <= 0) {
      return "–";
    }
    double ms = nanos / 1e6;
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms)
        : ms >= 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
  }

  static String bytes(long bytes) {
    return bytes >= 10 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
        : String.format(Locale.ROOT, "%,d B", bytes);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  static String micros(double micros) {
    return Double.isNaN(micros) ? "–" : String.format(Locale.ROOT, "%.1f µs", micros);
  }

  static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  static String console(Results results) {
    StringBuilder out = new StringBuilder();
    out.append('\n').append("Switchboard load test — ").append(results.environment()).append('\n');
    out.append("Machine before: ").append(results.loadAtStart().describe()).append('\n');
    out.append("Machine after:  ").append(results.loadAtEnd().describe()).append('\n');
    for (String warning : results.warnings()) {
      out.append("WARNING: ").append(warning).append('\n');
    }
    List<Results.Aggregate> comparison = results.comparisonByTarget();
    if (!comparison.isEmpty()) {
      Workload workload = comparison.get(0).rounds().get(0).workload();
      comparison(out, "Comparison: " + workload.describe(), comparison, false);
    }
    List<Results.Aggregate> eras = results.erasByTarget();
    if (!eras.isEmpty()) {
      Workload workload = eras.get(0).rounds().get(0).workload();
      comparison(out, "Eras on one Switchboard server: " + workload.describeCalls() + ", one session per agent ("
          + workload.protocolVersion() + ") or none (" + Wire.STATELESS_REVISION + ")", eras, true);
      if (eras.size() == 2) {
        out.append("  ").append(erasTarget(eras.get(0), eras.get(1))).append('\n');
      }
    }
    if (results.agents() != null) {
      agents(out, results.agents());
    }
    if (!results.idleSessions().isEmpty()) {
      out.append("\nIdle sessions (heap after GC, divided by the sessions):\n");
      for (IdleSessions.Result idle : results.idleSessions()) {
        out.append(String.format(Locale.ROOT, "  %-16s %,7d sessions  %10s per session, %10s after one call  opened at %s (p99 %s)%s%n",
            idle.target(), idle.sessions(), bytes(idle.bytesPerSession()), bytes(idle.bytesPerSessionAfterCall()),
            rate(idle.opensPerSecond()),
            millis(idle.openLatency().percentileNanos(0.99)),
            idle.failures() == 0 ? "" : "  FAILURES " + idle.failures() + ": " + idle.firstFailure()));
      }
    }
    IdleStreams.Result streams = results.idleStreams();
    if (streams != null) {
      out.append("\nIdle GET streams: ").append(streams.describe()).append('\n');
      if (streams.firstFailure() != null) {
        out.append("  first failure: ").append(streams.firstFailure()).append('\n');
      }
    }
    out.append(results.clean() ? "\nResult: every reply reached its caller; no errors; no leaked sessions.\n"
        : "\nResult: PROBLEMS FOUND (see above).\n");
    return out.toString();
  }

  /**
   * One comparison's table, its ratios (the first target over the second, or the second over the
   * first when {@code secondOverFirst}) and its rounds.
   */
  private static void comparison(StringBuilder out, String heading, List<Results.Aggregate> targets,
      boolean secondOverFirst) {
    Workload workload = targets.get(0).rounds().get(0).workload();
    out.append('\n').append(heading).append(", ").append(targets.get(0).rounds().size())
        .append(" rounds of ").append(workload.duration().toSeconds()).append(" s each, alternating\n");
    int width = Math.max(16, targets.stream().mapToInt(target -> target.target().length()).max().orElse(0));
    String header = "  %-" + width + "s %12s %10s %10s %10s %10s %14s %14s %7s %9s%n";
    String row = "  %-" + width + "s %12s %10s %10s %10s %10s %14s %14s %7d %9d%n";
    out.append(String.format(Locale.ROOT, header, "", "calls/s", "p50", "p90", "p99", "max", "server CPU/call",
        "driver CPU/call", "errors", "misrouted"));
    for (Results.Aggregate target : targets) {
      Latencies echo = Latencies.of(target.echo());
      out.append(String.format(Locale.ROOT, row, target.target(), rate(target.callsPerSecond()), echo.p50(),
          echo.p90(), echo.p99(), echo.max(), micros(target.serverCpuMicrosPerCall()),
          micros(target.generatorCpuMicrosPerCall()), target.errors(), target.misrouted()));
    }
    if (targets.size() == 2) {
      Results.Aggregate over = targets.get(secondOverFirst ? 1 : 0);
      Results.Aggregate under = targets.get(secondOverFirst ? 0 : 1);
      Ratios ratios = Ratios.of(over, under);
      out.append(String.format(Locale.ROOT, "  %s / %s: throughput %s, p99 %s, server CPU per call %s%n",
          over.target(), under.target(), ratios.throughput(), ratios.p99(), ratios.serverCpu()));
      out.append("  per round (calls/s):");
      for (Results.Aggregate target : targets) {
        out.append(' ').append(target.target()).append(' ');
        target.rounds().forEach(run -> out.append(rate(run.callsPerSecond())).append(' '));
      }
      out.append('\n');
    }
  }

  /**
   * Whether stateless echo met its target against the session era: at least its throughput, and no
   * higher p99 (a stateless request has no session to look up).
   */
  static String erasTarget(Results.Aggregate sessions, Results.Aggregate stateless) {
    boolean throughput = stateless.callsPerSecond() >= sessions.callsPerSecond();
    boolean p99 = stateless.echo().percentileNanos(0.99) <= sessions.echo().percentileNanos(0.99);
    return "target (stateless throughput at least the sessions', p99 no higher): "
        + (throughput && p99 ? "met" : "not met (" + (throughput ? "" : "throughput lower")
            + (throughput || p99 ? "" : ", ") + (p99 ? "" : "p99 higher") + ")");
  }

  private static void agents(StringBuilder out, RunResult run) {
    out.append("\nAgents against ").append(run.target()).append(": ").append(run.workload().describe())
        .append(String.format(Locale.ROOT, ", %.0f s measured%n", run.seconds()));
    out.append(String.format(Locale.ROOT, "  %-20s %10s %10s %10s %10s %10s%n", "operation", "count", "p50", "p90", "p99", "max"));
    for (Op op : Op.values()) {
      LatencyHistogram latency = run.latency(op);
      if (latency.count() > 0) {
        Latencies columns = Latencies.of(latency);
        out.append(String.format(Locale.ROOT, "  %-20s %,10d %10s %10s %10s %10s%n", op.label(), latency.count(),
            columns.p50(), columns.p90(), columns.p99(), columns.max()));
      }
    }
    if (run.latency(Op.MRTR).count() > 0) {
      out.append("  (").append(Op.MRTR.label()).append(": input_required, then the retry with the answer that completes;"
          + " both requests, timed and counted as one call)\n");
    }
    boolean stateless = run.workload().stateless();
    out.append(String.format(Locale.ROOT, "  tool calls %s%s, driver CPU %s per call, server CPU %s per call%n",
        rate(run.callsPerSecond()), stateless ? "" : ", sessions opened " + rate(run.stats().sessionsOpened() / run.seconds()),
        micros(run.generatorCpuMicrosPerCall()), micros(run.serverCpuMicrosPerCall())));
    if (stateless) {
      out.append("  ").append(statelessNote(run)).append('\n');
    }
    OrphanTracker.Result orphans = run.orphans();
    if (orphans != null) {
      out.append(abandoned(orphans, "  abandoned sessions %,d: reclaimed within TTL %d s + %d s %,d (%.1f%%), leaked %,d%s%n",
          ", abandonment to expiry p50 %s max %s"));
    }
    if (run.sessionsLeft() >= 0) {
      out.append("  sessions left on the server after the run: ").append(run.sessionsLeft()).append('\n');
    }
    out.append("  misrouted ").append(run.stats().misrouted()).append(", errors ").append(run.stats().errorCount());
    for (Map.Entry<String, Long> error : run.errors().entrySet()) {
      out.append("\n    ").append(error.getValue()).append(" × ").append(error.getKey());
    }
    out.append('\n');
    for (String example : run.stats().examples()) {
      out.append("    e.g. ").append(example).append('\n');
    }
  }
}
