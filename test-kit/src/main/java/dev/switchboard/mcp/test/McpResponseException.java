package dev.switchboard.mcp.test;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The server answered a request with a JSON-RPC error, or with an HTTP status that is not a
 * success. Carries the error and the exchanges, so that a test can check them and a failure shows
 * them.
 */
public final class McpResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The code when the response carried no JSON-RPC error. */
  public static final int NO_CODE = 0;

  private final int status;
  private final int code;
  private final String errorMessage;
  private final transient JsonNode data;
  private final transient List<Exchange> exchanges;

  McpResponseException(String method, int status, int code, String errorMessage, JsonNode data,
      List<Exchange> exchanges) {
    super(method + " failed: HTTP " + status + (code == NO_CODE ? "" : ", JSON-RPC error " + code) + ": "
        + errorMessage + "\n" + Exchange.describe(exchanges));
    this.status = status;
    this.code = code;
    this.errorMessage = errorMessage;
    this.data = data == null ? Json.NODES.missingNode() : data.deepCopy();
    this.exchanges = List.copyOf(exchanges);
  }

  /**
   * The HTTP status of the response.
   *
   * @return such as 200 (a JSON-RPC error in a successful response), 400 or 404
   */
  public int status() {
    return status;
  }

  /**
   * The JSON-RPC error code.
   *
   * @return such as -32602, or {@link #NO_CODE} when the body carried no error object
   */
  public int code() {
    return code;
  }

  /**
   * The JSON-RPC error's message (or the body, when there was no error object).
   *
   * @return the message
   */
  public String errorMessage() {
    return errorMessage;
  }

  /**
   * The error's {@code data}.
   *
   * @return a copy, or a missing node
   */
  public JsonNode data() {
    return data.deepCopy();
  }

  /**
   * The exchanges of the request.
   *
   * @return the exchanges, the failing one last
   */
  public List<Exchange> exchanges() {
    return exchanges;
  }
}
