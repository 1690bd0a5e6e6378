package dev.switchboard.mcp.session.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A count of things in progress (calls, connections) whose waiters are told when it reaches zero, with
 * no polling: what a graceful shutdown waits on. Thread-safe; the waiters run on the thread that
 * brings the count to zero, outside the lock.
 */
public final class CountToZero {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Runnable> whenZero = new ArrayList<>();
  private int count;

  /** One more in progress. */
  public void increment() {
    lock.lock();
    try {
      count++;
    } finally {
      lock.unlock();
    }
  }

  /** One fewer in progress; the waiters run if that was the last. */
  public void decrement() {
    List<Runnable> ready;
    lock.lock();
    try {
      if (--count > 0 || whenZero.isEmpty()) {
        return;
      }
      ready = new ArrayList<>(whenZero);
      whenZero.clear();
    } finally {
      lock.unlock();
    }
    ready.forEach(Runnable::run);
  }

  /**
   * Runs {@code action} once nothing is in progress: now, or when the count next reaches zero.
   *
   * @param action what to run; quick
   */
  public void whenZero(Runnable action) {
    lock.lock();
    try {
      if (count > 0) {
        whenZero.add(action);
        return;
      }
    } finally {
      lock.unlock();
    }
    action.run();
  }

  /** How many are in progress. */
  public int count() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }
}
