package dev.switchboard.mcp.transport;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts an endpoint's open SSE connections, so a shutdown can wait for them to finish writing. */
final class OpenConnections {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition none = lock.newCondition();
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
    lock.lock();
    try {
      if (--open == 0) {
        none.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until every connection has closed, or the time is up; returns how many are still open. */
  int awaitNone(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (open > 0 && nanos > 0) {
        nanos = none.awaitNanos(nanos);
      }
      return open;
    } finally {
      lock.unlock();
    }
  }
}
