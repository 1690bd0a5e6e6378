package dev.switchboard.mcp.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock. Its one timer thread is a daemon made on the first {@link #schedule} and retired
 * after a minute without timers, so an idle server, or one whose servlet was destroyed, holds none
 * and nothing has to shut it down.
 */
final class SystemTimeSource implements TimeSource {
  private final ScheduledThreadPoolExecutor timer;

  SystemTimeSource() {
    timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "mcp-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(1, TimeUnit.MINUTES);
    timer.allowCoreThreadTimeOut(true);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public Future<?> schedule(Runnable task, Duration delay) {
    Objects.requireNonNull(task, "task");
    return timer.schedule(task, Math.max(0, Objects.requireNonNull(delay, "delay").toNanos()), TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "TimeSource.system()";
  }
}
