package dev.switchboard.mcp.transport;

import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpcError;
import dev.switchboard.mcp.protocol.JsonRpcResponse;
import dev.switchboard.mcp.protocol.RequestId;
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
final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {}

  /** A rejection decided before any message was dispatched. */
  record Rejection(int status, int code, String message, @Nullable RequestId id) {
    static Rejection of(int status, String message) {
      return new Rejection(status, status >= 500 ? ErrorCodes.INTERNAL_ERROR : ErrorCodes.INVALID_REQUEST, message, null);
    }
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
