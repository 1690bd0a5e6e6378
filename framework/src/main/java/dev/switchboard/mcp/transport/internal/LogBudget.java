package dev.switchboard.mcp.transport.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all of an endpoint's event logs may hold together, besides each log's own limit: many
 * sessions each filling their log would otherwise add up to more memory than the server has.
 */
public final class LogBudget {
  /** What an endpoint's event logs may hold together by default. */
  public static final long DEFAULT_BYTES = 256L * 1024 * 1024;

  private final AtomicLong free;

  /**
   * @param bytes what the logs may hold together
   */
  public LogBudget(long bytes) {
    this.free = new AtomicLong(bytes);
  }

  /** Takes {@code bytes} from the budget; false (nothing taken) when fewer are free. */
  boolean take(long bytes) {
    long now;
    do {
      now = free.get();
      if (now < bytes) {
        return false;
      }
    } while (!free.compareAndSet(now, now - bytes));
    return true;
  }

  /** Gives back bytes taken with {@link #take}. */
  void give(long bytes) {
    free.addAndGet(bytes);
  }

  /** How many bytes are free. */
  long free() {
    return free.get();
  }
}
