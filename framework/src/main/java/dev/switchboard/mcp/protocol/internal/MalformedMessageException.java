package dev.switchboard.mcp.protocol.internal;

import dev.switchboard.mcp.protocol.RequestId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link JsonRpcCodec#decode} when a body is not JSON (code -32700) or not a JSON-RPC
 * message (code -32600). It carries the error response to send.
 */
public final class MalformedMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient JsonRpcResponse response;

  MalformedMessageException(@Nullable RequestId id, int code, String message) {
    super(message, null, false, false);
    this.response = JsonRpcResponse.failure(id, JsonRpcError.of(code, message));
  }

  /**
   * Returns the error response for the client; its id is the request's when it could be read.
   *
   * @return the response
   */
  public JsonRpcResponse response() {
    return Objects.requireNonNull(response);
  }
}
