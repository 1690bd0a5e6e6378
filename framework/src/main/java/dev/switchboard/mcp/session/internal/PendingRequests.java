package dev.switchboard.mcp.session.internal;

import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-to-client requests of one session that await the client's response.
 *
 * <p>The rule that prevents "No pending request with ID": a request is {@link #register registered}
 * before it is written, so a response that comes back at once always finds its future. Each future
 * completes exactly once: with the response, with a timeout, or with the end of the session; in every
 * case it is removed from the table.
 */
public final class PendingRequests {
  private final AtomicLong nextId = new AtomicLong();
  private final Map<RequestId, CompletableFuture<JsonRpcResponse>> pending = new ConcurrentHashMap<>();

  PendingRequests() {}

  /**
   * A registered request: the id to send it with, and the future its response completes.
   *
   * @param id the id, unique within the session
   * @param response completes with the client's response, or exceptionally on timeout or session end
   */
  public record Registration(RequestId id, CompletableFuture<JsonRpcResponse> response) {}

  /**
   * Registers a new request. Call this before writing the request. The caller bounds the wait: it
   * completes the future exceptionally when its time is up, and the entry goes with it.
   *
   * @return the id to send and the future to wait on
   */
  public Registration register() {
    RequestId id = RequestId.of(nextId.incrementAndGet());
    CompletableFuture<JsonRpcResponse> future = new CompletableFuture<>();
    pending.put(id, future);
    // Whatever completes the future (answer, timeout, session end) removes its entry.
    var unused = future.whenComplete((r, e) -> pending.remove(id, future));
    return new Registration(id, future);
  }

  /**
   * Completes the request a client response answers.
   *
   * @param response the client's response
   * @return false when no request with that id is waiting (unknown, timed out, or answered already)
   */
  public boolean complete(JsonRpcResponse response) {
    RequestId id = response.id();
    CompletableFuture<JsonRpcResponse> future = id == null ? null : pending.remove(id);
    return future != null && future.complete(response);
  }

  /**
   * Fails every waiting request, for example because the session ended.
   *
   * @param cause the reason given to the waiters
   */
  public void failAll(Throwable cause) {
    for (CompletableFuture<JsonRpcResponse> future : List.copyOf(pending.values())) {
      future.completeExceptionally(cause); // which removes it from the table
    }
  }

  /**
   * Returns how many requests await a response.
   *
   * @return the count
   */
  public int size() {
    return pending.size();
  }
}
