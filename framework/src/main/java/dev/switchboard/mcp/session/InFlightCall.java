package dev.switchboard.mcp.session;

import dev.switchboard.mcp.protocol.RequestId;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A request being handled within a session, kept so that {@code notifications/cancelled} (or the end
 * of the session) can stop it. It is keyed by the POST that carried it, not by the bare JSON-RPC id,
 * since clients may reuse ids concurrently.
 */
public final class InFlightCall {
  private final long key;
  private final RequestId requestId;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Thread runner;
  private boolean finished;
  private volatile boolean cancelled;
  private final java.util.List<Runnable> onCancel = new java.util.concurrent.CopyOnWriteArrayList<>();

  InFlightCall(long key, RequestId requestId) {
    this.key = key;
    this.requestId = requestId;
  }

  long key() {
    return key;
  }

  /**
   * Returns the JSON-RPC id of the request.
   *
   * @return the id
   */
  public RequestId requestId() {
    return requestId;
  }

  /**
   * Returns whether the call was cancelled.
   *
   * @return true after {@link #cancel()}
   */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Binds the call to the current thread, which {@link #cancel()} will interrupt.
   *
   * @return false when the call was cancelled before it started (the handler must not run)
   */
  public boolean start() {
    lock.lock();
    try {
      if (cancelled || finished) {
        return false;
      }
      runner = Thread.currentThread();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Unbinds the call from its thread. After this, {@link #cancel()} interrupts nothing, and any
   * interrupt that was meant for this call is cleared so it cannot leak into the thread's next task.
   */
  public void finish() {
    lock.lock();
    try {
      finished = true;
      runner = null;
    } finally {
      lock.unlock();
    }
    Thread.interrupted();
  }

  /**
   * Registers an action to run if the call is cancelled, for work that an interrupt does not stop
   * (a JDBC statement, a remote call). It runs at once if the call is already cancelled.
   *
   * @param action what to do; it must be quick and must not throw
   */
  public void onCancel(Runnable action) {
    onCancel.add(java.util.Objects.requireNonNull(action, "action"));
    if (cancelled && onCancel.remove(action)) {
      action.run();
    }
  }

  /**
   * Cancels the call: marks it, interrupts its handler if one is running, and runs the actions
   * registered with {@link #onCancel}.
   *
   * @return true when this call changed state
   */
  public boolean cancel() {
    lock.lock();
    try {
      if (cancelled || finished) {
        return false;
      }
      cancelled = true;
      if (runner != null) {
        runner.interrupt();
      }
    } finally {
      lock.unlock();
    }
    for (Runnable action : onCancel) {
      if (onCancel.remove(action)) {
        try {
          action.run();
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(InFlightCall.class).warn("a cancellation action failed", e);
        }
      }
    }
    return true;
  }
}
