package dev.switchboard.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * Latencies in nanoseconds, in log-linear buckets (64 per power of two, so about 1.5% resolution),
 * with the exact maximum. Recording is an array increment: cheap enough for the load generator's
 * single thread. Not thread-safe: each instance belongs to the engine thread.
 */
final class LatencyHistogram {
  private static final int SUB_BITS = 6;
  private static final int SUB = 1 << SUB_BITS;
  private final long[] counts = new long[SUB * (64 - SUB_BITS + 1)];
  private long total;
  private long max;

  void record(long nanos) {
    long value = Math.max(0, nanos);
    counts[index(value)]++;
    total++;
    max = Math.max(max, value);
  }

  void add(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    max = Math.max(max, other.max);
  }

  LatencyHistogram copy() {
    LatencyHistogram copy = new LatencyHistogram();
    copy.add(this);
    return copy;
  }

  long count() {
    return total;
  }

  long maxNanos() {
    return max;
  }

  /** The latency at or below which the given fraction of samples fall (bucket midpoint), 0 when empty. */
  long percentileNanos(double fraction) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(max, midpoint(i));
      }
    }
    return max;
  }

  /** Non-empty buckets as (lower bound in ns, upper bound in ns, count), for charts. */
  List<long[]> buckets() {
    List<long[]> buckets = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        buckets.add(new long[] {lowerBound(i), lowerBound(i + 1), counts[i]});
      }
    }
    return buckets;
  }

  static int index(long value) {
    if (value < SUB) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    long mantissa = value >>> (exponent - SUB_BITS);
    return (exponent - SUB_BITS + 1) * SUB + (int) (mantissa - SUB);
  }

  static long lowerBound(int index) {
    if (index < SUB) {
      return index;
    }
    int exponent = index / SUB + SUB_BITS - 1;
    long mantissa = index % SUB + SUB;
    return mantissa << (exponent - SUB_BITS);
  }

  private static long midpoint(int index) {
    return (lowerBound(index) + lowerBound(index + 1) - 1) / 2;
  }
}
