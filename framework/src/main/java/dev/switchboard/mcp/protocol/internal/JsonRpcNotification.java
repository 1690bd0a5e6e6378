package dev.switchboard.mcp.protocol.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC notification: a message without an id, which gets no response.
 *
 * @param method the method name
 * @param params the parameters (an object or array), or null when absent
 */
public record JsonRpcNotification(String method, @Nullable JsonNode params)
    implements JsonRpcMessage {
  /** Checks the invariants.  */
  public JsonRpcNotification {
    Objects.requireNonNull(method, "method");
  }
}
