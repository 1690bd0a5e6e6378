package dev.switchboard.mcp.transport.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts an endpoint's open SSE connections, so a shutdown can wait for them to finish writing; the
 * waiters are told when the count reaches zero, with no polling.
 */
final class OpenConnections {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Runnable> whenNone = new ArrayList<>();
  private int open;

  void opened() {
    lock.lock();
    try {
      open++;
    } finally {
      lock.unlock();
    }
  }

  void closed() {
    List<Runnable> ready;
    lock.lock();
    try {
      if (--open > 0 || whenNone.isEmpty()) {
        return;
      }
      ready = new ArrayList<>(whenNone);
      whenNone.clear();
    } finally {
      lock.unlock();
    }
    ready.forEach(Runnable::run);
  }

  /** Runs {@code action} once no connection is open: now, or when the last one closes. */
  void whenNone(Runnable action) {
    lock.lock();
    try {
      if (open > 0) {
        whenNone.add(action);
        return;
      }
    } finally {
      lock.unlock();
    }
    action.run();
  }

  int count() {
    lock.lock();
    try {
      return open;
    } finally {
      lock.unlock();
    }
  }
}
