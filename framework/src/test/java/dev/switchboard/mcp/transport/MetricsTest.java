package dev.switchboard.mcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.testing.TestTools;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The endpoint's meters, read from a real registry after real HTTP traffic. */
class MetricsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double value(String name, String... tags) {
    var search = registry.find(name).tags(tags);
    if (search.functionCounter() != null) {
      return search.functionCounter().count();
    }
    return search.gauge().value();
  }

  @Test
  void sessionsStreamsRefusalsAndCallsAreMeasured() throws Exception {
    try (TestServer server = TestServer.start(servlet -> servlet.meterRegistry(registry, "endpoint", "/mcp")
        .clientLimits(ClientLimits.defaults().withSessionsPerClient(2)))) {
      McpClient client = new McpClient(server.uri());
      String session = client.openSession();
      String other = client.openSession();
      assertEquals(429, client.post(null, McpClient.initializeBody("2025-11-25")).statusCode());
      assertEquals(2, value("mcp.sessions.open", "endpoint", "/mcp"));
      assertEquals(2, value("mcp.sessions.opened"));
      assertEquals(1, value("mcp.sessions.rejected"));
      assertEquals(1, value("mcp.requests.rejected", "status", "429"));

      client.call(session, 1, "echo", "{\"text\":\"a\"}");
      client.call(session, 2, "echo", "{\"text\":\"b\"}");
      client.call(session, 3, "throws", "{\"text\":\"c\"}");
      client.post(session, McpClient.callBody(4, "fail_after_stream", "{}"));
      Timer ok = registry.find("mcp.calls").tags("kind", "tool", "name", "echo", "outcome", "ok").timer();
      assertEquals(2, ok.count());
      assertTrue(ok.totalTime(TimeUnit.NANOSECONDS) > 0);
      assertEquals(1, registry.find("mcp.calls").tags("name", "throws", "outcome", "tool_error").timer().count());
      assertEquals(1, registry.find("mcp.calls").tags("name", "fail_after_stream", "outcome", "error").timer().count());

      try (SseEvents stream = client.listen(session)) {
        assertTrue(server.listens(session));
        assertEquals(1, value("mcp.streams.open"), "the GET stream");
      }
      assertEquals(404, client.post("no-such-session", McpClient.callBody(5, "echo", "{}")).statusCode());
      assertEquals(1, value("mcp.requests.rejected", "status", "404"));
      assertEquals(204, client.delete(other));
      assertEquals(1, value("mcp.sessions.deleted"));
      assertEquals(1, value("mcp.sessions.open"));
    }
  }

  @Test
  void theLauncherServesAdminServletsOnAPortOfTheirOwnOnly() throws Exception {
    HttpServlet metrics = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(registry.getMetersAsString());
      }
    };
    TestTools tools = new TestTools();
    try (JettyMcpServer jetty = JettyMcpServer.builder(McpServlet.builder(tools.serverBuilder().build())
        .meterRegistry(registry).build()).adminServlet(0, "/metrics", metrics).stopOnShutdown(false).start()) {
      new McpClient(jetty.uri()).openSession();
      URI admin = jetty.adminUri().orElseThrow();
      HttpResponse<String> scraped = HTTP.send(HttpRequest.newBuilder(admin.resolve("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, scraped.statusCode());
      assertTrue(scraped.body().contains("mcp.sessions.open"), scraped.body());
      assertEquals(404, HTTP.send(HttpRequest.newBuilder(jetty.uri().resolve("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode(), "not on the MCP port");
      assertEquals(404, HTTP.send(HttpRequest.newBuilder(admin.resolve("/mcp")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode(), "and the endpoint not on the admin port");
    }
  }
}
