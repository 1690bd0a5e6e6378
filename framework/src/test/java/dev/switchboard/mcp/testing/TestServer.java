package dev.switchboard.mcp.testing;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.transport.McpServlet;
import java.net.URI;
import java.util.function.UnaryOperator;

/** A real Jetty on a random 127.0.0.1 port serving the diagnostic tools. */
public final class TestServer implements AutoCloseable {
  public final TestTools tools = new TestTools();
  public final JettyMcpServer jetty;
  public final McpServer server;

  private TestServer(UnaryOperator<McpServlet.Builder> servletConfig) {
    this.server = tools.serverBuilder().build();
    this.jetty = JettyMcpServer.builder(servletConfig.apply(McpServlet.builder(server)).build())
        .stopOnShutdown(false)
        .start();
  }

  public static TestServer start() {
    return new TestServer(UnaryOperator.identity());
  }

  public static TestServer start(UnaryOperator<McpServlet.Builder> servletConfig) {
    return new TestServer(servletConfig);
  }

  public URI uri() {
    return jetty.uri();
  }

  public McpServlet servlet() {
    return jetty.servlet();
  }

  @Override
  public void close() {
    jetty.close();
  }
}
