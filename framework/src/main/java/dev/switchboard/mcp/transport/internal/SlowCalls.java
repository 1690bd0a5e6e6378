package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Finds calls still unanswered after the heartbeat interval, so that they can switch to an SSE
 * stream that gets heartbeats. One sweep for the whole endpoint instead of a timer per call: most
 * calls end in microseconds, and scheduling then cancelling a timer for each woke the timer thread
 * at every call (the load test measured 5% more throughput without it). A call switches between
 * one and one and a quarter intervals after it started.
 */
final class SlowCalls {
  /** A call whose response may switch to a stream once it runs long. */
  interface Watched {
    /** Switches to a stream if the answer is not in yet. */
    void upgradeIfSlow();
  }

  private final Map<Watched, Long> running = new ConcurrentHashMap<>();
  private final TimeSource time;
  private final long afterNanos;
  private final Duration period;
  private @Nullable Repeating sweeper;

  SlowCalls(TimeSource time, Duration after) {
    this.time = time;
    this.afterNanos = after.toNanos();
    this.period = Duration.ofNanos(
        Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), afterNanos / 4)));
  }

  /** Starts sweeping; the servlet calls it when the container starts it, so building one starts no timer. */
  void start() {
    if (sweeper == null) {
      sweeper = Repeating.every(time, period, this::sweep);
    }
  }

  /** Stops sweeping. */
  void stop() {
    Repeating current = sweeper;
    if (current != null) {
      current.cancel();
    }
  }

  /**
   * Starts watching a call whose answer is not in yet; {@code startedAt} is when its POST arrived.
   *
   * @return false when the call is slow already (its dispatch took the whole interval), so the caller
   *     switches it now instead of waiting for a sweep
   */
  boolean watch(Watched exchange, long startedAt) {
    if (time.nanoTime() - startedAt >= afterNanos) {
      return false;
    }
    running.put(exchange, startedAt);
    // A sweep that ran between the check and the put missed this call; whoever removes it switches it.
    return time.nanoTime() - startedAt < afterNanos || !running.remove(exchange, startedAt);
  }

  /** Stops watching: the call was answered, or streams already. */
  void forget(Watched exchange) {
    running.remove(exchange);
  }

  private void sweep() {
    long now = time.nanoTime();
    List<Watched> slow = new ArrayList<>();
    running.forEach((exchange, startedAt) -> {
      if (now - startedAt >= afterNanos) {
        slow.add(exchange);
      }
    });
    for (Watched exchange : slow) {
      Long startedAt = running.get(exchange);
      if (startedAt != null && running.remove(exchange, startedAt)) {
        exchange.upgradeIfSlow();
      }
    }
  }
}
