package dev.switchboard.mcp.test;

import dev.switchboard.mcp.server.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Time that moves only when the test moves it: give it to a server
 * ({@code McpServer.builder(...).timeSource(clock)}) and session expiry, request-state lifetimes and
 * other deadlines come when the test says, not after real waiting. Timers that fall due while
 * {@link #advance(Duration)} moves the clock run on the test's thread, in the order of their
 * deadlines. Thread-safe.
 */
public final class TestClock implements TimeSource {
  private record Timer(long due, long order, FutureTask<?> task) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) ->
      a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
  private final Instant origin;
  private long elapsed;
  private long scheduled;

  /** A clock that starts at 2026-01-01T00:00:00Z. */
  public TestClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /**
   * A clock that starts at an instant.
   *
   * @param start the time it shows first
   */
  public TestClock(Instant start) {
    this.origin = start;
  }

  /**
   * The clock's time.
   *
   * @return the start plus every advance so far
   */
  @Override
  public Instant now() {
    return origin.plusNanos(nanoTime());
  }

  /**
   * The clock's monotonic time.
   *
   * @return nanoseconds since the clock was made
   */
  @Override
  public long nanoTime() {
    lock.lock();
    try {
      return elapsed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Schedules a task for when the clock has moved on by the delay.
   *
   * @param task the task
   * @param delay how far the clock must move
   * @return the task's future, to cancel it
   */
  @Override
  public Future<?> schedule(Runnable task, Duration delay) {
    FutureTask<?> future = new FutureTask<>(task, null);
    lock.lock();
    try {
      timers.add(new Timer(elapsed + Math.max(0, delay.toNanos()), scheduled++, future));
    } finally {
      lock.unlock();
    }
    return future;
  }

  /**
   * Moves the clock forward, running every timer that falls due on the way (and those they
   * schedule, when due before the new time).
   *
   * @param duration how far to move
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time does not go back: " + duration);
    }
    long target;
    lock.lock();
    try {
      target = elapsed + duration.toNanos();
    } finally {
      lock.unlock();
    }
    while (true) {
      FutureTask<?> due;
      lock.lock();
      try {
        Timer next = timers.peek();
        if (next == null || next.due > target) {
          elapsed = target;
          return;
        }
        timers.poll();
        elapsed = Math.max(elapsed, next.due);
        due = next.task;
      } finally {
        lock.unlock();
      }
      due.run();
    }
  }

  /**
   * How many timers wait, not cancelled.
   *
   * @return the count
   */
  public int pendingTimers() {
    lock.lock();
    try {
      return (int) timers.stream().filter(timer -> !timer.task.isDone()).count();
    } finally {
      lock.unlock();
    }
  }
}
