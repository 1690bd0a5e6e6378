package dev.switchboard.mcp.transport.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an endpoint refused, counted for its metrics: requests by HTTP status, and new sessions. Always
 * counted (an add per refusal), read only when a meter registry asks.
 */
final class Rejections {
  /** The statuses an endpoint refuses with. */
  static final int[] STATUSES = {400, 401, 403, 404, 405, 406, 409, 413, 415, 421, 429, 503};

  // One slot per status, and a last one for any other.
  private final AtomicLongArray byStatus = new AtomicLongArray(STATUSES.length + 1);
  private final LongAdder sessions = new LongAdder();

  void request(int status) {
    byStatus.incrementAndGet(index(status));
  }

  void session() {
    sessions.increment();
  }

  /** Requests refused with a status (any other status: pass one not in {@link #STATUSES}). */
  long requests(int status) {
    return byStatus.get(index(status));
  }

  private static int index(int status) {
    for (int i = 0; i < STATUSES.length; i++) {
      if (STATUSES[i] == status) {
        return i;
      }
    }
    return STATUSES.length;
  }

  long sessions() {
    return sessions.sum();
  }
}
