package dev.switchboard.mcp.protocol.internal;

import dev.switchboard.mcp.protocol.RequestId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC request: it carries an id and expects exactly one response.
 *
 * @param id the request id, never null
 * @param method the method name
 * @param params the parameters (an object or array), or null when absent
 */
public record JsonRpcRequest(RequestId id, String method, @Nullable JsonNode params)
    implements JsonRpcMessage {
  /** Checks the invariants.  */
  public JsonRpcRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
  }
}
