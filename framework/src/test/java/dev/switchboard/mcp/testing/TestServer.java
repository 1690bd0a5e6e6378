package dev.switchboard.mcp.testing;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.McpServerBuilder;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionStore;
import dev.switchboard.mcp.transport.McpServlet;
import dev.switchboard.mcp.transport.internal.SessionStreams;
import dev.switchboard.mcp.transport.internal.TransportInternals;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/** A real Jetty on a random 127.0.0.1 port serving the diagnostic tools. */
public final class TestServer implements AutoCloseable {
  public final TestTools tools = new TestTools();
  public final JettyMcpServer jetty;
  public final McpServer server;

  private TestServer(UnaryOperator<McpServerBuilder> serverConfig, UnaryOperator<McpServlet.Builder> servletConfig) {
    this.server = serverConfig.apply(tools.serverBuilder()).build();
    this.jetty = JettyMcpServer.builder(servletConfig.apply(McpServlet.builder(server)).build())
        .stopOnShutdown(false)
        .start();
  }

  public static TestServer start() {
    return new TestServer(UnaryOperator.identity(), UnaryOperator.identity());
  }

  public static TestServer start(UnaryOperator<McpServlet.Builder> servletConfig) {
    return new TestServer(UnaryOperator.identity(), servletConfig);
  }

  /** A server built with changes of its own, and a servlet with changes of its own. */
  public static TestServer start(UnaryOperator<McpServerBuilder> serverConfig,
      UnaryOperator<McpServlet.Builder> servletConfig) {
    return new TestServer(serverConfig, servletConfig);
  }

  /** A server whose clock is {@code time}: its timers run only when the test advances it. */
  public static TestServer start(FakeTime time, UnaryOperator<McpServlet.Builder> servletConfig) {
    return new TestServer(builder -> builder.timeSource(time), servletConfig);
  }

  public URI uri() {
    return jetty.uri();
  }

  public McpServlet servlet() {
    return jetty.servlet();
  }

  /** The servlet's live sessions, as the framework holds them. */
  public SessionStore sessions() {
    return TransportInternals.endpoint(servlet()).sessions();
  }

  /** The protocol state of one session. */
  public SessionState session(String id) {
    return sessions().find(id).orElseThrow();
  }

  /** A latch released once no SSE connection of the servlet is open (now, or when the last one ends). */
  public CountDownLatch noStreamsOpen() {
    CountDownLatch latch = new CountDownLatch(1);
    TransportInternals.endpoint(servlet()).whenNoStreamsOpen(latch::countDown);
    return latch;
  }

  /** Whether a session's GET stream is attached. */
  public boolean listens(String id) {
    return SessionStreams.of(session(id)).hasStandalone();
  }

  @Override
  public void close() {
    jetty.close();
  }
}
