package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.session.internal.CountToZero;


/**
 * Counts an endpoint's open SSE connections, so a shutdown can wait for them to finish writing; the
 * waiters are told when the count reaches zero, with no polling.
 */
final class OpenConnections {
  private final CountToZero open = new CountToZero();

  void opened() {
    open.increment();
  }

  void closed() {
    open.decrement();
  }

  /** Runs {@code action} once no connection is open: now, or when the last one closes. */
  void whenNone(Runnable action) {
    open.whenZero(action);
  }

  int count() {
    return open.count();
  }
}
