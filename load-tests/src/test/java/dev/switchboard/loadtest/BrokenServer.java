package dev.switchboard.loadtest;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP server with the two bugs the load test exists to catch: its echo answers each call with
 * the text of the call before it (whoever sent that), and it never forgets a session that was not
 * deleted. It answers stateless (2026-07-28) requests too, with the same echo. Real HTTP on
 * 127.0.0.1, so the harness is tested end to end.
 */
final class BrokenServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Server jetty = new Server();
  private final ServerConnector connector = new ServerConnector(jetty);

  BrokenServer() throws Exception {
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new Servlet()), "/mcp");
    jetty.setHandler(context);
    jetty.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp");
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }

  private static final class Servlet extends HttpServlet {
    private final AtomicReference<String> previousText = new AtomicReference<>("nothing yet");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      JsonNode message = JSON.readTree(request.getInputStream());
      if (!message.has("id")) {
        response.setStatus(202);
        return;
      }
      ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", message.get("id"));
      ObjectNode result = reply.putObject("result");
      switch (message.path("method").asString("")) {
        case "initialize" -> {
          response.setHeader("Mcp-Session-Id", UUID.randomUUID().toString());
          result.put("protocolVersion", message.path("params").path("protocolVersion").asString());
          result.putObject("capabilities").putObject("tools");
          result.putObject("serverInfo").put("name", "broken").put("version", "1");
        }
        case "tools/list" -> result.putArray("tools").addObject().put("name", "echo")
            .putObject("inputSchema").put("type", "object");
        case "tools/call" -> {
          String text = message.path("params").path("arguments").path("text").asString();
          result.putArray("content").addObject().put("type", "text").put("text", previousText.getAndSet(text));
        }
        default -> { } // ping and the rest: an empty result, for any session id, forever
      }
      if (message.path("params").path("_meta").has("io.modelcontextprotocol/protocolVersion")) {
        result.put("resultType", "complete");
        result.putObject("_meta").putObject("io.modelcontextprotocol/serverInfo").put("name", "broken").put("version", "1");
      }
      response.setContentType("application/json");
      response.getOutputStream().write(JSON.writeValueAsBytes(reply));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
      response.setStatus(204);
    }
  }
}
