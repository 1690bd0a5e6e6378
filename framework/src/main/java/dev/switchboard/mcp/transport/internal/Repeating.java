package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.TimeSource;
import java.time.Duration;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/** A task run every interval on a {@link TimeSource}, until cancelled; each run schedules the next. */
final class Repeating {
  private final TimeSource time;
  private final Duration interval;
  private final Runnable task;
  private volatile boolean cancelled;
  private volatile @Nullable Future<?> next;

  private Repeating(TimeSource time, Duration interval, Runnable task) {
    this.time = time;
    this.interval = interval;
    this.task = task;
  }

  /** Runs {@code task} after each {@code interval}, starting one interval from now. */
  static Repeating every(TimeSource time, Duration interval, Runnable task) {
    Repeating repeating = new Repeating(time, interval, task);
    repeating.scheduleNext();
    return repeating;
  }

  private void scheduleNext() {
    if (!cancelled) {
      next = time.schedule(this::run, interval);
      if (cancelled) {
        cancel(); // a cancel that raced with this scheduling must not leave the new timer behind
      }
    }
  }

  private void run() {
    if (cancelled) {
      return;
    }
    try {
      task.run();
    } finally {
      scheduleNext();
    }
  }

  /** Stops the repetition; a run in progress finishes. Idempotent. */
  void cancel() {
    cancelled = true;
    Future<?> scheduled = next;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }
}
