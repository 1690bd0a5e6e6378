package dev.switchboard.mcp.transport.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes an endpoint may hold for one purpose over all its sessions and streams, besides each one's
 * own limit: the event logs kept for resumption, and the frames queued for clients that read slowly.
 * Many sessions or streams each at their own limit would otherwise add up to more memory than the
 * server has.
 */
public final class ByteBudget {
  /** What an endpoint's event logs, and its queues, may hold together by default (each). */
  public static final long DEFAULT_BYTES = 256L * 1024 * 1024;

  private final AtomicLong free;

  /**
   * @param bytes what may be held together
   */
  public ByteBudget(long bytes) {
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
