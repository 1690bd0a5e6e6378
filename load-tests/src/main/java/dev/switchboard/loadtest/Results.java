package dev.switchboard.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one invocation measured; parts that were not run are empty or null.
 *
 * @param environment the JVM and machine, one line
 * @param command the options as given
 * @param comparison the comparison's runs, in the order they ran
 * @param eras the rounds of one Switchboard server's two eras (sessions, stateless), in the order they ran
 * @param auth one Switchboard server's rounds without and with access tokens to check, or null
 * @param agents the agents run, or null
 * @param idleSessions heap per idle session, per target
 * @param idleStreams the idle-streams figures, or null
 * @param noisy the noisy-neighbour phases, or null
 * @param cluster the cluster's throughput, failover and notification checks, or null
 * @param warnings why the figures may not be comparable (runs shorter than recommended)
 * @param loadAtStart how busy the machine was before the run
 * @param loadAtEnd how busy the machine was after it
 */
record Results(String environment, String command, List<RunResult> comparison, List<RunResult> eras,
    AuthCost.Result auth, RunResult agents,
    List<IdleSessions.Result> idleSessions, IdleStreams.Result idleStreams, NoisyNeighbour.Result noisy,
    ClusterResult cluster, List<String> warnings,
    MachineLoad loadAtStart, MachineLoad loadAtEnd) {

  /** The rounds of one target (or era) of a comparison, added up. */
  record Aggregate(String target, List<RunResult> rounds, LatencyHistogram echo) {
    long calls() {
      return rounds.stream().mapToLong(run -> run.stats().toolCalls()).sum();
    }

    double seconds() {
      return rounds.stream().mapToDouble(RunResult::seconds).sum();
    }

    double callsPerSecond() {
      return calls() / seconds();
    }

    double generatorCpuMicrosPerCall() {
      return rounds.stream().mapToLong(RunResult::generatorCpuNanos).sum() / 1e3 / calls();
    }

    double serverCpuMicrosPerCall() {
      if (rounds.stream().anyMatch(run -> run.serverCpuNanos() < 0)) {
        return Double.NaN;
      }
      return rounds.stream().mapToLong(RunResult::serverCpuNanos).sum() / 1e3 / calls();
    }

    long errors() {
      return rounds.stream().mapToLong(run -> run.stats().errorCount()).sum();
    }

    long misrouted() {
      return rounds.stream().mapToLong(run -> run.stats().misrouted()).sum();
    }
  }

  List<Aggregate> comparisonByTarget() {
    return byTarget(comparison);
  }

  /** The eras' rounds added up: the session era first, then the stateless one. */
  List<Aggregate> erasByTarget() {
    return byTarget(eras);
  }

  /** Rounds added up by target, in the order each target first ran. */
  static List<Aggregate> byTarget(List<RunResult> rounds) {
    Map<String, List<RunResult>> byTarget = new LinkedHashMap<>();
    for (RunResult run : rounds) {
      byTarget.computeIfAbsent(run.target(), name -> new ArrayList<>()).add(run);
    }
    List<Aggregate> aggregates = new ArrayList<>();
    byTarget.forEach((target, runs) -> {
      LatencyHistogram echo = new LatencyHistogram();
      runs.forEach(run -> echo.add(run.latency(Op.ECHO)));
      aggregates.add(new Aggregate(target, List.copyOf(runs), echo));
    });
    return aggregates;
  }

  /**
   * Nothing misrouted, failed or leaked anywhere; no well-behaved agent refused beside the noisy
   * neighbour; the cluster survived its lost node ({@link ClusterResult#clean}).
   */
  boolean clean() {
    boolean runsClean = comparison.stream().allMatch(RunResult::clean) && eras.stream().allMatch(RunResult::clean)
        && (auth == null || auth.clean()) && (agents == null || agents.clean());
    boolean sessionsClean = idleSessions.stream().allMatch(result -> result.failures() == 0);
    boolean streamsClean = idleStreams == null
        || (idleStreams.failed() == 0 && idleStreams.lost() == 0 && idleStreams.established() == idleStreams.streams());
    return runsClean && sessionsClean && streamsClean && (noisy == null || noisy.clean())
        && (cluster == null || cluster.clean());
  }
}
