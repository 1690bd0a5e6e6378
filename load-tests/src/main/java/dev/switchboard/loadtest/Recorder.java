package dev.switchboard.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the agents see. Latencies and throughput are kept only while measuring (after the
 * warm-up); errors, misroutes and lost sessions always. Used on the engine thread only; others read a
 * copy made there ({@link #snapshot}).
 */
final class Recorder {
  private static final int EXAMPLES = 5;
  private final long createdAt = System.nanoTime();
  private final Map<Op, LatencyHistogram> latencies = new EnumMap<>(Op.class);
  private final Map<String, Long> errors = new TreeMap<>();
  private final List<String> examples = new ArrayList<>();
  /** Tool calls per measured second; a plain array, so that counting a call boxes nothing. */
  private long[] toolCallsPerSecond = new long[64];
  private int secondsCounted;
  private final List<double[]> liveSessions = new ArrayList<>();
  private boolean measuring;
  private long measureStart;
  private long misrouted;
  private long toolCalls;
  private long requests;
  private long sessionsOpened;
  private long sessionsLost;
  private long callsSinceTick;

  Recorder() {
    for (Op op : Op.values()) {
      latencies.put(op, new LatencyHistogram());
    }
  }

  void startMeasuring() {
    measuring = true;
    measureStart = System.nanoTime();
  }

  void stopMeasuring() {
    measuring = false;
  }

  void completed(Op op, long startNanos) {
    long now = System.nanoTime();
    callsSinceTick += op.isToolCall() ? 1 : 0;
    if (!measuring) {
      return;
    }
    latencies.get(op).record(now - startNanos);
    requests++;
    if (op.isToolCall()) {
      toolCalls++;
      int second = (int) ((now - measureStart) / 1_000_000_000L);
      if (second >= toolCallsPerSecond.length) {
        toolCallsPerSecond = Arrays.copyOf(toolCallsPerSecond, Math.max(second + 1, toolCallsPerSecond.length * 2));
      }
      toolCallsPerSecond[second]++;
      secondsCounted = Math.max(secondsCounted, second + 1);
    } else if (op == Op.INITIALIZE) {
      sessionsOpened++;
    }
  }

  void error(String kind, String detail) {
    errors.merge(kind, 1L, Long::sum);
    example("error " + kind + ": " + detail);
  }

  /** The server no longer had a session in use (HTTP 404): its agent gave it up and opened another. */
  void sessionLost() {
    sessionsLost++;
  }

  void misrouted(String detail) {
    misrouted++;
    example("misrouted: " + detail);
  }

  private void example(String text) {
    if (examples.size() < EXAMPLES) {
      examples.add(text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  /** Tool calls completed since the last call of this method, for the live progress line. */
  long takeCallsSinceTick() {
    long calls = callsSinceTick;
    callsSinceTick = 0;
    return calls;
  }

  long errorCount() {
    return sum(errors);
  }

  /** All errors, of every kind: for the live line and for the snapshot. */
  private static long sum(Map<String, Long> errors) {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  long misroutedCount() {
    return misrouted;
  }

  long p99Nanos(Op op) {
    return latencies.get(op).percentileNanos(0.99);
  }

  void sampleLiveSessions(int clientSide, int serverSide) {
    double seconds = (System.nanoTime() - createdAt) / 1e9;
    liveSessions.add(new double[] {seconds, clientSide, serverSide});
  }

  Snapshot snapshot() {
    Map<Op, LatencyHistogram> copies = new EnumMap<>(Op.class);
    latencies.forEach((op, histogram) -> copies.put(op, histogram.copy()));
    return new Snapshot(copies, new TreeMap<>(errors), List.copyOf(examples), misrouted, toolCalls, requests,
        sessionsOpened, sessionsLost, Arrays.stream(toolCallsPerSecond, 0, secondsCounted).boxed().toList(),
        List.copyOf(liveSessions));
  }

  /** An immutable copy of the counts. */
  record Snapshot(Map<Op, LatencyHistogram> latencies, Map<String, Long> errors, List<String> examples,
      long misrouted, long toolCalls, long requests, long sessionsOpened, long sessionsLost,
      List<Long> toolCallsPerSecond, List<double[]> liveSessions) {
    long errorCount() {
      return sum(errors);
    }
  }
}
