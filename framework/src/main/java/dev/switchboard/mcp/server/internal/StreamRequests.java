package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.protocol.internal.Texts;
import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.session.internal.PendingRequests;
import dev.switchboard.mcp.session.internal.SessionState;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Requests to the client on a call's own stream, and the wait for their answers (sessions only). */
final class StreamRequests {
  private StreamRequests() {}

  /**
   * Sends a request on {@code channel} and waits for the client's result.
   *
   * @throws McpException when the client answered with an error
   * @throws TimeoutException when no answer came within {@code timeout}, on the server's clock
   * @throws InterruptedException when the call was cancelled while waiting
   */
  static JsonNode send(SessionState session, OutboundChannel channel, TimeSource time, String method,
      @Nullable JsonNode params, Duration timeout) throws TimeoutException, InterruptedException {
    // Register before writing: a client that answers at once must find the future waiting.
    PendingRequests.Registration registration = session.pendingRequests().register();
    CompletableFuture<JsonRpcResponse> answer = registration.response();
    // The timeout runs on the server's clock, so tests can move time forward instead of waiting.
    Future<?> timer = time.schedule(() -> answer.completeExceptionally(new TimeoutException()), timeout);
    try {
      if (!channel.send(new JsonRpcRequest(registration.id(), method, params))) {
        answer.cancel(false);
        throw new IllegalStateException("the request's stream is closed; cannot send " + Texts.echo(method));
      }
      return result(answer, method, timeout);
    } finally {
      timer.cancel(false);
    }
  }

  private static JsonNode result(CompletableFuture<JsonRpcResponse> answer, String method, Duration timeout)
      throws TimeoutException, InterruptedException {
    JsonRpcResponse response;
    try {
      response = answer.get();
    } catch (InterruptedException e) {
      answer.cancel(false);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException timeoutException) {
        TimeoutException thrown = new TimeoutException(Texts.echo(method) + " got no response within " + timeout);
        thrown.initCause(timeoutException);
        throw thrown;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
    JsonRpcError error = response.error();
    if (error != null) {
      throw new McpException(error.code(), error.message(), error.data());
    }
    return (JsonNode) Objects.requireNonNull(response.result());
  }
}
