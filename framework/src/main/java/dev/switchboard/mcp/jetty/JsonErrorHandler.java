package dev.switchboard.mcp.jetty;

import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpcError;
import dev.switchboard.mcp.protocol.JsonRpcResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Errors the container itself produces (an unknown path, a malformed request) as JSON-RPC error
 * bodies instead of HTML pages, with no exception text.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
      String contentType, List<Charset> charsets, int code, @Nullable String message, @Nullable Throwable cause) {
    int jsonRpcCode = code >= 500 ? ErrorCodes.INTERNAL_ERROR : ErrorCodes.INVALID_REQUEST;
    String reason = HttpStatus.getMessage(code);
    byte[] body = JsonRpcCodec.standard().encode(JsonRpcResponse.failure(null, JsonRpcError.of(jsonRpcCode, reason)));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
