package dev.switchboard.mcp.testing;

import dev.switchboard.mcp.server.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that moves only when a test says so. Timers due by then run on the thread that calls
 * {@link #advance}, in order of their deadlines, at their deadlines; timers they schedule run too if
 * they fall due before the new time.
 */
public final class FakeTime implements TimeSource {
  private record Timer(long deadline, long order, FutureTask<?> task) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>(
      (a, b) -> a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.order, b.order));
  private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
  private long nanos = 1_000_000_000L;
  private long scheduled;

  @Override
  public long nanoTime() {
    lock.lock();
    try {
      return nanos;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Instant now() {
    return start.plusNanos(nanoTime());
  }

  @Override
  public Future<?> schedule(Runnable task, Duration delay) {
    FutureTask<?> future = new FutureTask<>(task, null);
    lock.lock();
    try {
      timers.add(new Timer(nanos + Math.max(0, delay.toNanos()), scheduled++, future));
    } finally {
      lock.unlock();
    }
    return future;
  }

  /** Moves time forward, running every timer that falls due on the way. */
  public void advance(Duration duration) {
    long target;
    lock.lock();
    try {
      target = nanos + duration.toNanos();
    } finally {
      lock.unlock();
    }
    while (true) {
      FutureTask<?> due;
      lock.lock();
      try {
        Timer next = timers.peek();
        if (next == null || next.deadline > target) {
          nanos = target;
          return;
        }
        timers.poll();
        nanos = Math.max(nanos, next.deadline);
        due = next.task;
      } finally {
        lock.unlock();
      }
      due.run(); // a cancelled task does nothing
    }
  }

  /** Returns how many timers are waiting and not cancelled. */
  public int pendingTimers() {
    lock.lock();
    try {
      List<Timer> live = new ArrayList<>();
      for (Timer timer : timers) {
        if (!timer.task.isCancelled()) {
          live.add(timer);
        }
      }
      return live.size();
    } finally {
      lock.unlock();
    }
  }
}
