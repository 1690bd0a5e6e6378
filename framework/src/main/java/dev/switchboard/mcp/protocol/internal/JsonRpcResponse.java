package dev.switchboard.mcp.protocol.internal;

import dev.switchboard.mcp.protocol.RequestId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A JSON-RPC response: exactly one of {@code result} and {@code error} is present.
 *
 * @param id the id of the request answered; null only for an error whose request id could not be read
 * @param result the result (a {@link tools.jackson.databind.JsonNode} or a record Jackson can write), or null for an error
 * @param error the error, or null for a success
 */
public record JsonRpcResponse(@Nullable RequestId id, @Nullable Object result, @Nullable JsonRpcError error)
    implements JsonRpcMessage {
  /** Checks the invariants.  */
  public JsonRpcResponse {
    if ((result == null) == (error == null)) {
      throw new IllegalArgumentException("a response has exactly one of result and error");
    }
    if (id == null && error == null) {
      throw new IllegalArgumentException("a successful response needs the request id");
    }
  }

  /**
   * Creates a successful response.
   *
   * @param id the request id
   * @param result the result
   * @return the response
   */
  public static JsonRpcResponse success(RequestId id, Object result) {
    return new JsonRpcResponse(Objects.requireNonNull(id, "id"), Objects.requireNonNull(result, "result"), null);
  }

  /**
   * Creates an error response.
   *
   * @param id the request id, or null when it could not be read
   * @param error the error
   * @return the response
   */
  public static JsonRpcResponse failure(@Nullable RequestId id, JsonRpcError error) {
    return new JsonRpcResponse(id, null, Objects.requireNonNull(error, "error"));
  }

  /**
   * Returns whether this is an error response.
   *
   * @return true when {@link #error()} is present
   */
  public boolean isError() {
    return error != null;
  }
}
