package dev.switchboard.loadtest;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.HttpRequestInfo;
import dev.switchboard.mcp.transport.ClientLimits;
import dev.switchboard.mcp.transport.McpServlet;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The noisy-neighbour run's server, in this process on 127.0.0.1: Switchboard at {@code /mcp} with
 * the default {@link ClientLimits} (unlike {@link InProcessServers}, which raises them for its agents),
 * the tools of {@link InProcessServers#switchboardTools()}, and {@code slow}, which takes as long as
 * it is asked to. Every other setting is the default too (a 30-minute idle timeout, so the
 * flooder's sessions, never deleted, stay until the server stops).
 */
final class NoisyServer implements AutoCloseable {
  static final String SLOW = "slow";
  /** The longest a {@code slow} call may ask for. */
  static final int MAX_SLOW_MILLIS = 60_000;
  private final Server jetty;
  private final ServerConnector connector;
  private final McpServlet switchboard;

  NoisyServer() {
    Tool slow = Tool.builder(SLOW).description("Waits the given milliseconds, then returns; a slow query, say")
        .inputSchema("{\"type\":\"object\",\"properties\":{\"millis\":{\"type\":\"integer\",\"minimum\":0,"
            + "\"maximum\":" + MAX_SLOW_MILLIS + "}},\"required\":[\"millis\"]}")
        .build();
    switchboard = McpServlet.builder(InProcessServers.switchboardTools()
            .tool(slow, (arguments, context) -> {
              // Blocks its thread, as a tool waiting on a database or a remote API does.
              Thread.sleep(arguments.json().get("millis").asLong());
              return CallToolResult.text("slept");
            })
            .build())
        .clientLimits(ClientLimits.defaults())
        .clientKey(NoisyServer::clientKey)
        .build();

    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("jetty");
    jetty = new Server(threads);
    connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setIdleTimeout(Duration.ofSeconds(60).toMillis());
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    JettyMcpServer.mount(context, "/mcp", switchboard);
    jetty.setHandler(context);
    jetty.setStopTimeout(0);
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException("could not start Jetty: " + e.getMessage(), e);
    }
  }

  /**
   * Who a request's client is: the {@link Wire#CLIENT_HEADER} it names, else its address. Every
   * simulated client connects from 127.0.0.1, which the default key (the remote address) would count
   * as one client. The header stands for what a real deployment keys on instead: the authenticated
   * principal, or the client id a gateway in front of the server sets (and clients cannot).
   */
  static String clientKey(HttpRequestInfo request) {
    return request.header(Wire.CLIENT_HEADER).orElse(request.remoteAddress());
  }

  /**
   * The server's MCP endpoint. Its live sessions are not reported: the flooder's stay after every
   * run, so they would read as sessions the well-behaved agents leaked.
   */
  Target target() {
    return new Target("Switchboard", URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp"), null, null,
        true, null);
  }

  /** Live sessions, the flooder's included. */
  int sessions() {
    return switchboard.sessionCount();
  }

  @Override
  public void close() {
    try {
      switchboard.shutdown(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
