package dev.switchboard.loadtest;

import dev.switchboard.mcp.transport.ClientLimits;
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
    if (results.auth() != null) {
      auth(out, results.auth());
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
    if (results.noisy() != null) {
      noisy(out, results.noisy());
    }
    if (results.cluster() != null) {
      ClusterReport.console(out, results.cluster());
    }
    // the cluster runs alone, and calls in flight on the node it kills are expected to fail
    out.append(!results.clean() ? "\nResult: PROBLEMS FOUND (see above).\n"
        : results.cluster() != null ? "\nResult: " + ClusterReport.verdict(results.cluster()) + ".\n"
            : "\nResult: every reply reached its caller; no errors; no leaked sessions.\n");
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

  private static void auth(StringBuilder out, AuthCost.Result auth) {
    List<Results.Aggregate> endpoints = auth.byTarget();
    if (endpoints.isEmpty()) {
      return;
    }
    comparison(out, "Authorization on one Switchboard server: " + authWorkload(endpoints), endpoints, true);
    out.append("  ").append(auth.describe()).append('\n');
  }

  /** The auth rounds' workload and endpoints, in words the console and the report share. */
  static String authWorkload(List<Results.Aggregate> endpoints) {
    Workload workload = endpoints.get(0).rounds().get(0).workload();
    return workload.describe() + "; " + AuthCost.OPEN + " at /mcp, and at " + InProcessServers.PROTECTED_PATH
        + " an RS256 JWT (its own per agent) verified on every request";
  }

  /** The server's client limits, as {@code ClientLimits} names them. */
  static String limits(ClientLimits limits) {
    return String.format(Locale.ROOT, "sessionsPerClient %,d, callsPerSession %,d, callsPerClient %,d, "
        + "streamsPerClient %,d, callsInFlight %,d", limits.sessionsPerClient(), limits.callsPerSession(),
        limits.callsPerClient(), limits.streamsPerClient(), limits.callsInFlight());
  }

  /** The noisy-neighbour ratios and whether the p99 target was met. */
  static String noisyRatios(NoisyNeighbour.Result noisy) {
    return String.format(Locale.ROOT, "flood / quiet: throughput %s, p99 %s (target: p99 at most %.0f×: %s)",
        ratio(noisy.throughputRatio()), ratio(noisy.p99Ratio()), NoisyNeighbour.P99_TARGET,
        noisy.targetMet() ? "met" : "missed");
  }

  /**
   * What the flooder was refused with 429, limit by limit: {@code sessionsPerClient 1,234, ...}, with
   * the calls refused when they began (a JSON-RPC error in a 200) after a {@code +}.
   */
  static String refusals(Flooder.Result flooder) {
    StringBuilder refused = new StringBuilder();
    for (Flooder.Limit limit : Flooder.Limit.values()) {
      long whenBegun = flooder.refusedWhenBegun(limit);
      refused.append(refused.length() == 0 ? "" : ", ").append(limit.option())
          .append(String.format(Locale.ROOT, " %,d", flooder.refused(limit)))
          .append(whenBegun == 0 ? "" : String.format(Locale.ROOT, " + %,d", whenBegun));
    }
    return refused.toString();
  }

  private static void noisy(StringBuilder out, NoisyNeighbour.Result noisy) {
    Workload workload = noisy.quiet().workload();
    out.append("\nNoisy neighbour: ").append(workload.describeCalls())
        .append(", one session and one client name each, against ").append(noisy.quiet().target())
        .append(" with the default client limits (").append(limits(noisy.limits())).append(String.format(Locale.ROOT,
            "); %.0f s alone (quiet), then %.0f s beside a flooder (flood)%n", noisy.quiet().seconds(),
            noisy.flood().seconds()));
    out.append(String.format(Locale.ROOT, "  %-8s %12s %10s %10s %10s %10s %7s %9s%n", "", "calls/s", "p50", "p90", "p99",
        "max", "errors", "misrouted"));
    for (RunResult run : List.of(noisy.quiet(), noisy.flood())) {
      Latencies echo = Latencies.of(run.latency(Op.ECHO));
      out.append(String.format(Locale.ROOT, "  %-8s %12s %10s %10s %10s %10s %7d %9d%n", run.label(),
          rate(run.callsPerSecond()), echo.p50(), echo.p90(), echo.p99(), echo.max(), run.stats().errorCount(),
          run.stats().misrouted()));
    }
    out.append("  ").append(noisyRatios(noisy)).append('\n');
    for (RunResult run : List.of(noisy.quiet(), noisy.flood())) {
      out.append("  ").append(run.label()).append(", calls per second:");
      run.stats().toolCallsPerSecond().forEach(calls -> out.append(String.format(Locale.ROOT, " %,d", calls)));
      out.append('\n');
    }
    Flooder.Result flooder = noisy.flooder();
    out.append("  flooder (").append(flooder.plan().describe()).append(String.format(Locale.ROOT,
        "): %,.0f answers/s over %.1f s%n", flooder.responses() / flooder.seconds(), flooder.seconds()));
    out.append(String.format(Locale.ROOT, "    got: sessions %,d, GET streams held %,d, slow calls completed %,d%n",
        flooder.sessionsOpened(), flooder.streamsOpened(), flooder.callsCompleted()));
    out.append("    refused with 429: ").append(refusals(flooder)).append('\n');
    out.append("      (+ n: calls admitted on arrival, refused by the same limit as they began: 200 with a"
        + " JSON-RPC error)\n");
    out.append(String.format(Locale.ROOT, "    503: %,d; other: %,d%n", flooder.unavailable(), flooder.otherCount()));
    for (Map.Entry<String, Long> other : flooder.other().entrySet()) {
      out.append("      ").append(other.getValue()).append(" × ").append(other.getKey()).append('\n');
    }
    for (String example : flooder.examples()) {
      out.append("      e.g. ").append(example).append('\n');
    }
    out.append("  sessions on the server afterwards: ").append(noisy.sessionsAfter())
        .append(" (the flooders', never deleted; the agents deleted theirs)\n");
    for (RunResult run : List.of(noisy.quiet(), noisy.flood())) {
      for (Map.Entry<String, Long> error : run.errors().entrySet()) {
        out.append("  ").append(run.label()).append(": ").append(error.getValue()).append(" × ").append(error.getKey())
            .append('\n');
      }
      for (String example : run.stats().examples()) {
        out.append("    e.g. ").append(example).append('\n');
      }
    }
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
    if (run.stats().sessionsLost() > 0) {
      out.append("  sessions lost (404 on a session in use; a new one opened) ").append(run.stats().sessionsLost())
          .append('\n');
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
