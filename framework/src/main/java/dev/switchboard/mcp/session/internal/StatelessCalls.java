package dev.switchboard.mcp.session.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The calls in flight of an endpoint's stateless requests, so a shutdown can refuse new ones, wait
 * for those running to be answered, and cancel what is left. A call counts from its beginning until
 * its answer is written, like a session's.
 */
public final class StatelessCalls {
  private final Set<InFlightCall> running = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Runnable> whenNone = new ArrayList<>();
  private int unanswered;
  private boolean closed;

  @Nullable InFlightCall begin(InFlightCall call) {
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      unanswered++;
    } finally {
      lock.unlock();
    }
    running.add(call);
    return call;
  }

  void end(InFlightCall call) {
    running.remove(call);
  }

  void answered() {
    List<Runnable> ready;
    lock.lock();
    try {
      if (--unanswered > 0 || whenNone.isEmpty()) {
        return;
      }
      ready = new ArrayList<>(whenNone);
      whenNone.clear();
    } finally {
      lock.unlock();
    }
    ready.forEach(Runnable::run);
  }

  /** Runs {@code action} once no call is unanswered: now, or when the last one is answered. */
  public void whenNoneInFlight(Runnable action) {
    lock.lock();
    try {
      if (unanswered > 0) {
        whenNone.add(action);
        return;
      }
    } finally {
      lock.unlock();
    }
    action.run();
  }

  /** Refuses new calls from now on and cancels those still running (the end of a shutdown's grace). */
  public void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
    running.forEach(InFlightCall::cancel);
  }

  /** How many calls are running. */
  public int size() {
    return running.size();
  }
}
