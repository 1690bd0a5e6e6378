package dev.switchboard.mcp.jetty;

import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The server-wide error handler: it answers what Jetty refuses before any servlet context sees the
 * request (a header too large, a malformed request line), as a JSON-RPC error body instead of HTML.
 */
final class ServerJsonErrorHandler extends ErrorHandler {
  private final JsonRpcCodec codec = JsonRpcCodec.create();

  @Override
  protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
      String contentType, List<Charset> charsets, int code, @Nullable String message, @Nullable Throwable cause) {
    return JsonErrorHandler.write(codec, response, callback, code);
  }

  /** Whether {@code handler} is Jetty's own default, which an MCP endpoint may replace. */
  static boolean isJettyDefault(Request.@Nullable Handler handler) {
    return handler == null || handler.getClass().getName().startsWith("org.eclipse.jetty.");
  }
}
