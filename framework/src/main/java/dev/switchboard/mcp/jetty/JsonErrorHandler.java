package dev.switchboard.mcp.jetty;

import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.transport.internal.HttpErrors;
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
  private final JsonRpcCodec codec = JsonRpcCodec.create();

  @Override
  protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
      String contentType, List<Charset> charsets, int code, @Nullable String message, @Nullable Throwable cause) {
    return write(codec, response, callback, code);
  }

  /** Writes a JSON-RPC error body for {@code code}, with the status's standard reason and nothing more. */
  static boolean write(JsonRpcCodec codec, Response response, Callback callback, int code) {
    byte[] body = HttpErrors.errorBody(codec, code, HttpStatus.getMessage(code));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
