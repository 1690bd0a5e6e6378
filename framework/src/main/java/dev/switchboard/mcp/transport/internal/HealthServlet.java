package dev.switchboard.mcp.transport.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;

/**
 * Answers a load balancer's health check: 200 while the endpoint takes work, 503 once it has begun to
 * shut down, so that the balancer sends new sessions elsewhere while calls in flight finish.
 */
public final class HealthServlet extends HttpServlet {
  @Serial private static final long serialVersionUID = 1L;
  private static final byte[] UP = "{\"status\":\"up\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DRAINING = "{\"status\":\"draining\"}".getBytes(StandardCharsets.UTF_8);

  private final transient Endpoint endpoint;

  /**
   * Creates the servlet.
   *
   * @param endpoint the endpoint whose state it reports
   */
  public HealthServlet(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean draining = endpoint.drainingStarted().isDone();
    byte[] body = draining ? DRAINING : UP;
    response.setStatus(draining ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  @Override
  protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
    doGet(request, response);
  }
}
