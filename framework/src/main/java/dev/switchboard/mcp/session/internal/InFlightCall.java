package dev.switchboard.mcp.session.internal;

import dev.switchboard.mcp.protocol.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A request being handled within a session, kept so that {@code notifications/cancelled} (or the end
 * of the session) can stop it. The session tracks each call as an object of its own, not by its
 * JSON-RPC id, since clients may reuse ids concurrently.
 */
public final class InFlightCall {
  private final RequestId requestId;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Thread runner;
  private boolean finished;
  private volatile boolean cancelled;
  // Made on first use, under the lock: most calls never register an action.
  private @Nullable List<Runnable> cancelActions;

  InFlightCall(RequestId requestId) {
    this.requestId = requestId;
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
    Objects.requireNonNull(action, "action");
    lock.lock();
    try {
      if (!cancelled) {
        if (cancelActions == null) {
          cancelActions = new ArrayList<>(2);
        }
        cancelActions.add(action);
        return;
      }
    } finally {
      lock.unlock();
    }
    action.run();
  }

  /**
   * Cancels the call: marks it, interrupts its handler if one is running, and runs the actions
   * registered with {@link #onCancel}.
   *
   * @return true when this call changed state
   */
  public boolean cancel() {
    List<Runnable> actions;
    lock.lock();
    try {
      if (cancelled || finished) {
        return false;
      }
      cancelled = true;
      if (runner != null) {
        runner.interrupt();
      }
      // Once cancelled, onCancel runs new actions itself, so these are all that is left to run.
      actions = cancelActions;
      cancelActions = null;
    } finally {
      lock.unlock();
    }
    if (actions != null) {
      for (Runnable action : actions) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LoggerFactory.getLogger(InFlightCall.class).warn("a cancellation action failed", e);
        }
      }
    }
    return true;
  }
}
