package dev.switchboard.mcp.protocol.internal;

import dev.switchboard.mcp.protocol.McpException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The error object of a JSON-RPC error response.
 *
 * @param code the error code, see {@link dev.switchboard.mcp.protocol.ErrorCodes}
 * @param message a short description, safe to show to a client
 * @param data additional information, or null
 */
public record JsonRpcError(int code, String message, @Nullable JsonNode data) {
  /** Checks the invariants.  */
  public JsonRpcError {
    Objects.requireNonNull(message, "message");
  }

  /**
   * Creates an error without data.
   *
   * @param code the error code
   * @param message the message
   * @return the error
   */
  public static JsonRpcError of(int code, String message) {
    return new JsonRpcError(code, message, null);
  }

  /**
   * The error an {@link McpException} stands for.
   *
   * @param exception the exception
   * @return its code, message and data
   */
  public static JsonRpcError of(McpException exception) {
    return new JsonRpcError(exception.code(), Objects.requireNonNull(exception.getMessage()), exception.data());
  }
}
