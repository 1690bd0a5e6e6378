package dev.switchboard.mcp.protocol;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error to answer with a JSON-RPC error response. Throw it from a handler when the request
 * itself is wrong (for example an unknown name or a bad cursor); its message goes to the client.
 */
public class McpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final transient @Nullable JsonNode data;

  /**
   * Creates an error without data.
   *
   * @param code the JSON-RPC error code, see {@link ErrorCodes}
   * @param message the message sent to the client
   */
  public McpException(int code, String message) {
    this(code, message, null);
  }

  /**
   * Creates an error with data.
   *
   * @param code the JSON-RPC error code, see {@link ErrorCodes}
   * @param message the message sent to the client
   * @param data additional information sent to the client, or null
   */
  public McpException(int code, String message, @Nullable JsonNode data) {
    super(Objects.requireNonNull(message, "message"));
    this.code = code;
    this.data = data;
  }

  /**
   * Shorthand for an invalid-params error (-32602).
   *
   * @param message the message
   * @return the exception
   */
  public static McpException invalidParams(String message) {
    return new McpException(ErrorCodes.INVALID_PARAMS, message);
  }

  /**
   * The error that tells the client the request needs URL-mode elicitations to be completed first
   * (-32042, MCP 2025-11-25); the client shows them to the user and may retry.
   *
   * @param elicitations what the user must complete
   * @return the exception
   */
  public static McpException urlElicitationRequired(List<UrlElicitation> elicitations) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    ArrayNode list = data.putArray("elicitations");
    for (UrlElicitation elicitation : elicitations) {
      list.addObject().put("mode", "url").put("elicitationId", elicitation.elicitationId())
          .put("url", elicitation.url()).put("message", elicitation.message());
    }
    return new McpException(ErrorCodes.URL_ELICITATION_REQUIRED,
        "This request requires more information: complete the elicitation" + (elicitations.size() == 1 ? "" : "s"), data);
  }

  /**
   * Returns the JSON-RPC error code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * Returns the additional information sent to the client.
   *
   * @return the data, or null
   */
  public @Nullable JsonNode data() {
    return data;
  }
}
