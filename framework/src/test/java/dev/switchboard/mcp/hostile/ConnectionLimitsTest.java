package dev.switchboard.mcp.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.TestTools;
import dev.switchboard.mcp.transport.McpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The launcher's own limits: connections held open, and bodies sent too slowly to be worth a thread. */
class ConnectionLimitsTest {
  private static JettyMcpServer start(UnaryOperator<JettyMcpServer.Builder> config) {
    McpServlet servlet = McpServlet.builder(new TestTools().serverBuilder().build()).build();
    return config.apply(JettyMcpServer.builder(servlet).stopOnShutdown(false)).start();
  }

  @Test
  void beyondMaxConnectionsANewConnectionWaitsUntilOneCloses() throws Exception {
    try (JettyMcpServer server = start(b -> b.maxConnections(3))) {
      URI uri = server.uri();
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          Socket socket = new Socket("127.0.0.1", uri.getPort());
          held.add(socket);
          assertTrue(answer(socket, uri, 5_000).startsWith("HTTP/1.1 "), "connection " + i + " is served");
        }
        Socket waiting = new Socket("127.0.0.1", uri.getPort()); // the kernel accepts; Jetty does not yet
        held.add(waiting);
        send(waiting, uri);
        waiting.setSoTimeout(1_000);
        assertThrows(SocketTimeoutException.class, () -> waiting.getInputStream().read(),
            "a fourth connection was served while three were open");
        held.remove(0).close();
        waiting.setSoTimeout(10_000);
        assertTrue(readHead(waiting.getInputStream()).startsWith("HTTP/1.1 "), "served once one closed");
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  @Test
  void aBodyTrickledBelowTheMinimumRateIsRefused() throws Exception {
    try (JettyMcpServer server = start(b -> b.minRequestDataRate(1024))) {
      URI uri = server.uri();
      try (Socket socket = new Socket("127.0.0.1", uri.getPort())) {
        socket.setSoTimeout(200);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Accept: " + McpClient.ACCEPT + "\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String answer = "";
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (answer.isEmpty() && System.nanoTime() < deadline) {
          try {
            out.write(' ');
            out.flush();
          } catch (IOException closed) {
            answer = "closed";
            break;
          }
          try {
            answer = readHead(socket.getInputStream());
          } catch (SocketTimeoutException e) {
            // nothing yet: trickle on
          }
        }
        assertTrue(answer.startsWith("HTTP/1.1 408") || answer.equals("closed"), "got: " + answer);
      }
    }
  }

  private static void send(Socket socket, URI uri) throws IOException {
    socket.getOutputStream().write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String answer(Socket socket, URI uri, int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    send(socket, uri);
    return readHead(socket.getInputStream());
  }

  /** Reads up to the end of the head of a response (the body is left unread). */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    for (int c = in.read(); c >= 0; c = in.read()) {
      head.append((char) c);
      if (head.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }
}
