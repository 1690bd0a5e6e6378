package dev.switchboard.loadtest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the cluster mode measured. Times are seconds since the session agents' measured window of
 * the failover began (the stateless agents' began within milliseconds of it).
 *
 * @param nodes the Switchboard nodes behind HAProxy
 * @param victim the node killed and restarted
 * @param oneNode the session agents' echo throughput through HAProxy in front of node1 alone
 * @param allNodes the same through HAProxy in front of every node
 * @param sessions the session agents in the failover window
 * @param stateless the 2026-07-28 agents in the failover window, beside them
 * @param killedAt when the victim was killed (SIGKILL)
 * @param restartedAt when it was started again
 * @param listeningAt when it listened again
 * @param atRisk the sessions the victim held at the kill, as the fleet's store said just before it
 * @param atRiskListeners how many of those were the notification check's listeners (the rest: agents')
 * @param before the notification check before the failover
 * @param after the notification check after it, the streams that closed with the victim reopened
 * @param logs where the processes' logs and HAProxy's generated configurations are
 */
record ClusterResult(int nodes, String victim, RunResult oneNode, RunResult allNodes, RunResult sessions,
    RunResult stateless, double killedAt, double restartedAt, double listeningAt, int atRisk, int atRiskListeners,
    TickerListeners.Check before, TickerListeners.Check after, Path logs) {

  /** Sessions some node no longer knew (404): the agents', and the listeners' when their streams were reopened. */
  long sessionsLost() {
    return sessions.stats().sessionsLost() + after.lost();
  }

  /**
   * The sessions at risk that were taken over rather than lost (none when more were lost than the
   * store knew of: without a fleet, it knows none).
   */
  long sessionsSurvived() {
    return Math.max(0, atRisk - sessionsLost());
  }

  long misrouted() {
    return runs().mapToLong(run -> run.stats().misrouted()).sum();
  }

  /**
   * The failover window's errors other than 404s (those are the lost sessions, counted apart), by kind:
   * calls that were in flight on the victim when it died are expected here, nothing else. A killed JVM
   * takes a moment to go, its sockets still accepting, so that the round-robin sends it a few more.
   */
  Map<String, Long> callsFailed() {
    Map<String, Long> failed = new TreeMap<>();
    for (RunResult run : List.of(sessions, stateless)) {
      run.errors().forEach((kind, count) -> {
        if (!kind.endsWith("HTTP 404")) {
          failed.merge(kind, count, Long::sum);
        }
      });
    }
    return failed;
  }

  long callsFailedCount() {
    return callsFailed().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The fleet survived: no reply misrouted, no session lost while some were at risk (a run that put
   * none at risk proves nothing), every update delivered exactly once before and after. Calls that
   * failed with the victim are reported, not held against it.
   */
  boolean clean() {
    return misrouted() == 0 && sessionsLost() == 0 && atRisk > 0 && before.exactlyOnce() && after.exactlyOnce();
  }

  private Stream<RunResult> runs() {
    return Stream.of(oneNode, allNodes, sessions, stateless);
  }
}
