package dev.switchboard.mcp.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds calls still unanswered after the heartbeat interval, so that they can switch to an SSE
 * stream that gets heartbeats. One sweep for the whole endpoint instead of a timer per call: most
 * calls end in microseconds, and scheduling then cancelling a timer for each woke the timer thread
 * at every call (the load test measured 5% more throughput without it). A call switches between
 * one and one and a quarter intervals after it started.
 */
final class SlowCalls {
  private final Map<PostExchange, Long> running = new ConcurrentHashMap<>();
  private final long afterNanos;

  SlowCalls(ScheduledExecutorService scheduler, Duration after) {
    this.afterNanos = after.toNanos();
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), afterNanos / 4));
    try {
      scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("the endpoint's timer is stopped", e);
    }
  }

  /** Starts watching a call whose answer is not in yet. */
  void watch(PostExchange exchange) {
    running.put(exchange, System.nanoTime());
  }

  /** Stops watching: the call was answered, or streams already. */
  void forget(PostExchange exchange) {
    running.remove(exchange);
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Map.Entry<PostExchange, Long> call : running.entrySet()) {
      if (now - call.getValue() >= afterNanos && running.remove(call.getKey(), call.getValue())) {
        call.getKey().upgradeIfSlow();
      }
    }
  }
}
