package dev.switchboard.mcp.jetty;

import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.transport.internal.HttpErrors;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every path of the launcher but the endpoint's: a JSON 404 that names the endpoint, whatever the
 * method, so a client one character off ({@code /mcp/}) learns where to go instead of getting the
 * container's 405 for a POST.
 */
final class EndpointNotFound extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient byte[] body;

  EndpointNotFound(String endpointPath) {
    this.body = HttpErrors.errorBody(JsonRpcCodec.create(), HttpServletResponse.SC_NOT_FOUND,
        "Not Found: the MCP endpoint is " + endpointPath);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
