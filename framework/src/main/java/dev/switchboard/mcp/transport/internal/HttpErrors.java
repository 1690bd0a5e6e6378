package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes transport-level rejections: an HTTP status with a JSON-RPC error body, never an HTML page or
 * a stack trace. Once a response is committed, its errors travel on its stream instead (see
 * {@link PostExchange}); this class then sets nothing.
 */
public final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {}

  /** A rejection decided before any message was dispatched. */
  record Rejection(int status, int code, String message, @Nullable RequestId id) {
    static Rejection of(int status, String message) {
      return new Rejection(status, codeFor(status), message, null);
    }
  }

  /** The one table from an HTTP status to the JSON-RPC code of its error body. */
  private static int codeFor(int status) {
    return status >= 500 ? ErrorCodes.INTERNAL_ERROR : ErrorCodes.INVALID_REQUEST;
  }

  /**
   * The JSON body of an error the container answers by itself (an unknown path, a malformed request).
   *
   * @param codec the codec
   * @param status the HTTP status
   * @param message a short description, with no exception text
   * @return the JSON-RPC error response, as bytes
   */
  public static byte[] errorBody(JsonRpcCodec codec, int status, String message) {
    return codec.encode(JsonRpcResponse.failure(null, JsonRpcError.of(codeFor(status), message)));
  }

  static void send(HttpServletResponse response, JsonRpcCodec codec, Rejection rejection) {
    send(response, codec, rejection.status(),
        JsonRpcResponse.failure(rejection.id(), JsonRpcError.of(rejection.code(), rejection.message())));
  }

  static void send(HttpServletResponse response, JsonRpcCodec codec, int status, JsonRpcResponse body) {
    send(response, status, Encoding.encode(codec, body));
  }

  static void send(HttpServletResponse response, int status, byte[] json) {
    if (response.isCommitted()) {
      LOG.debug("response already committed; status {} not sent", status);
      return;
    }
    try {
      response.setStatus(status);
      response.setContentType("application/json");
      response.setContentLength(json.length);
      response.getOutputStream().write(json);
    } catch (IOException | IllegalStateException e) {
      LOG.debug("could not write status {}: {}", status, e.toString());
    }
  }
}
