package dev.switchboard.mcp.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.testing.TestTools;
import dev.switchboard.mcp.transport.McpServlet;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** An MCP endpoint mounted into an application's own Jetty: the errors Jetty answers by itself are JSON too. */
class MountedErrorsTest {
  @Test
  void aHeaderTooLargeGetsAJsonBodyInAMountedApplication() throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    JettyMcpServer.mount(context, "/mcp", McpServlet.builder(new TestTools().serverBuilder().build()).build());
    jetty.setHandler(context);
    jetty.start();
    try (Socket socket = new Socket("127.0.0.1", connector.getLocalPort())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000)
          + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      try {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          read.write(buffer, 0, n);
        }
      } catch (java.net.SocketException e) {
        // closed after the answer
      }
      String answer = read.toString(StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
      assertTrue(answer.contains("application/json") && answer.contains("\"jsonrpc\":\"2.0\""), answer);
    } finally {
      jetty.stop();
    }
  }
}
