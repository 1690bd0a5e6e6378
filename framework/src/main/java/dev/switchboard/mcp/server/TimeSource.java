package dev.switchboard.mcp.server;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * Where a server reads the time and runs its timers: session expiry, SSE heartbeats, the switch of
 * slow calls to SSE, timeouts of requests to the client, the graceful-shutdown wait. Everything that
 * depends on time goes through one of these, so a test can move time forward instead of sleeping.
 *
 * <p>{@link #system()} is the real clock, with one daemon timer thread that is started on the first
 * {@link #schedule} and retires when no timer is left. Implementations are thread-safe.
 */
public interface TimeSource {
  /**
   * Returns a monotonic reading in nanoseconds, for measuring intervals (like {@link System#nanoTime()}).
   *
   * @return the reading; only differences between readings mean anything
   */
  long nanoTime();

  /**
   * Returns the wall-clock time, for instants that outlive this process or are compared with other
   * machines (expiry stamps).
   *
   * @return the current instant
   */
  Instant now();

  /**
   * Runs a task once after a delay, on a thread of the time source's choosing. The task must be quick:
   * timers share a thread.
   *
   * @param task what to run
   * @param delay how long to wait; zero or negative runs it as soon as possible
   * @return a handle whose {@code cancel} stops the task if it has not started
   */
  Future<?> schedule(Runnable task, Duration delay);

  /**
   * Returns the real clock with a timer thread of its own. Each call makes a new one; a server uses
   * one for everything it serves.
   *
   * @return a new system time source
   */
  static TimeSource system() {
    return new SystemTimeSource();
  }
}
