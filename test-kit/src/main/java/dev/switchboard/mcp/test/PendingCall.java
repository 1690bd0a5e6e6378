package dev.switchboard.mcp.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code tools/call} in flight ({@link ToolCall#sendAsync()}): the test can wait for its progress,
 * cancel it the way the era defines (a {@code notifications/cancelled} on a session; closing the
 * response in 2026-07-28), and wait for its end.
 */
public final class PendingCall {
  private final Call call;
  private final CompletableFuture<ToolResult> outcome;
  private final Runnable cancel;

  PendingCall(Call call, CompletableFuture<ToolResult> outcome, Runnable cancel) {
    this.call = call;
    this.outcome = outcome;
    this.cancel = cancel;
  }

  /**
   * Waits for the next progress notification of the call: a way to know that its handler runs.
   *
   * @param timeout how long to wait
   * @return the progress
   * @throws AssertionError when none arrives in time
   * @throws InterruptedException when the test's thread is interrupted
   */
  public Progress awaitProgress(Duration timeout) throws InterruptedException {
    Progress progress = call.progressFeed.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (progress == null) {
      throw McpAssertions.failure("no progress from " + call.method + " within " + timeout.toMillis() + " ms",
          call.exchanges());
    }
    return progress;
  }

  /**
   * Cancels the call. On a session the client sends {@code notifications/cancelled} for it; in
   * 2026-07-28 it closes the call's response. The server then ends the call without a result.
   */
  public void cancel() {
    call.cancelled = true;
    cancel.run();
  }

  /**
   * Waits until the call has ended, with a result or without one (cancelled).
   *
   * @param timeout how long to wait
   * @return true when it ended in time
   * @throws InterruptedException when the test's thread is interrupted
   */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    try {
      outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException e) {
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  /**
   * Whether the call ended with a result.
   *
   * @return true when a result arrived; false while it runs, or when it ended without one
   */
  public boolean isAnswered() {
    return outcome.isDone() && !outcome.isCompletedExceptionally() && outcome.getNow(null) != null;
  }

  /**
   * Waits for the call's result.
   *
   * @param timeout how long to wait
   * @return the result
   * @throws AssertionError when the call ended without a result (cancelled) or none came in time
   * @throws McpResponseException when the server answered with a JSON-RPC error
   * @throws InterruptedException when the test's thread is interrupted
   */
  public ToolResult result(Duration timeout) throws InterruptedException {
    ToolResult result;
    try {
      result = outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw McpAssertions.failure("no result from " + call.method + " within " + timeout.toMillis() + " ms",
          call.exchanges());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
    if (result == null) {
      throw McpAssertions.failure("the call ended without a result (it was cancelled)", call.exchanges());
    }
    return result;
  }

  /**
   * The exchanges of the call so far.
   *
   * @return the exchanges that ended, in order
   */
  public List<Exchange> exchanges() {
    return call.exchanges();
  }
}
