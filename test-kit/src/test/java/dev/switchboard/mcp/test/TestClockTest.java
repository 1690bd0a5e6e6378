package dev.switchboard.mcp.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.server.McpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Time the test moves: session expiry and request-state lifetimes without waiting. */
class TestClockTest {
  @Test
  void timersRunWhenTheClockPassesThemInOrder() {
    TestClock clock = new TestClock(Instant.parse("2030-05-01T00:00:00Z"));
    List<String> ran = new CopyOnWriteArrayList<>();
    clock.schedule(() -> ran.add("b"), Duration.ofSeconds(2));
    clock.schedule(() -> ran.add("a"), Duration.ofSeconds(1));
    Future<?> cancelled = clock.schedule(() -> ran.add("never"), Duration.ofSeconds(1));
    cancelled.cancel(false);
    clock.schedule(() -> clock.schedule(() -> ran.add("c"), Duration.ofSeconds(1)), Duration.ofSeconds(2));
    assertEquals(3, clock.pendingTimers(), "the cancelled timer does not count");
    clock.advance(Duration.ofMillis(1500));
    assertEquals(List.of("a"), ran);
    clock.advance(Duration.ofSeconds(2));
    assertEquals(List.of("a", "b", "c"), ran);
    assertEquals(Instant.parse("2030-05-01T00:00:03.500Z"), clock.now());
    assertEquals(0, clock.pendingTimers());
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
  }

  @Test
  void anIdleSessionExpiresWhenTheClockSaysSo() {
    TestClock clock = new TestClock();
    McpServer server = McpServer.builder("kit-tools", "1.0.0").timeSource(clock).register(new KitTools()).build();
    try (McpTestServer running = McpTestServer.builder(server)
        .servlet(endpoint -> endpoint.sessionIdleTimeout(Duration.ofMinutes(10))).start()) {
      McpTestClient client = running.newClient();
      client.callTool("echo", Map.of("text", "hello"));
      clock.advance(Duration.ofMinutes(9));
      client.callTool("echo", Map.of("text", "still here"));
      clock.advance(Duration.ofMinutes(11));
      McpResponseException expired = assertThrows(McpResponseException.class,
          () -> client.callTool("echo", Map.of("text", "gone?")));
      assertEquals(404, expired.status());
      assertEquals(0, running.servlet().sessionCount());
    }
  }

  @Test
  void aMultiRoundStateExpiresWhenTheClockSaysSo() {
    TestClock clock = new TestClock();
    KitTools tools = new KitTools();
    McpServer server = McpServer.builder("kit-tools", "1.0.0").timeSource(clock)
        .requestStateLifetime(Duration.ofMinutes(5)).register(tools).build();
    try (McpTestServer running = McpTestServer.start(server)) {
      McpTestClient client = running.newClient(ProtocolVersion.V2026_07_28);
      ToolResult asked = client.call("order").argument("item", "lamp").answering(ClientScript.neverAnswer()).send();
      String state = asked.json().get("requestState").asString();
      clock.advance(Duration.ofMinutes(6));
      String late = "{\"name\":\"order\",\"arguments\":{\"item\":\"lamp\"},\"requestState\":\"" + state + "\","
          + "\"inputResponses\":{\"#1\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}}";
      McpResponseException expired = assertThrows(McpResponseException.class,
          () -> client.request("tools/call", late));
      assertEquals(-32602, expired.code());
      assertTrue(expired.errorMessage().contains("expired"), expired.errorMessage());
      assertEquals(0, tools.orders.get());
    }
  }
}
