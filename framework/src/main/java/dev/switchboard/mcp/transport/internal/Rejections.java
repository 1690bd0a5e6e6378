package dev.switchboard.mcp.transport.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an endpoint refused, counted for its metrics: requests by HTTP status, and new sessions. Always
 * counted (an add per refusal), read only when a meter registry asks.
 */
final class Rejections {
  /** The statuses an endpoint refuses with. */
  static final List<Integer> STATUSES = List.of(400, 401, 403, 404, 405, 406, 409, 413, 415, 421, 429, 503);

  private final AtomicLongArray byStatus = new AtomicLongArray(STATUSES.size() + 1);
  private final LongAdder sessions = new LongAdder();

  void request(int status) {
    int index = STATUSES.indexOf(status);
    byStatus.incrementAndGet(index < 0 ? STATUSES.size() : index);
  }

  void session() {
    sessions.increment();
  }

  /** Requests refused with a status (any other status: pass one not in {@link #STATUSES}). */
  long requests(int status) {
    int index = STATUSES.indexOf(status);
    return byStatus.get(index < 0 ? STATUSES.size() : index);
  }

  long sessions() {
    return sessions.sum();
  }
}
