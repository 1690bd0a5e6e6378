package dev.switchboard.mcp.test;

import static dev.switchboard.mcp.test.McpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain API, for any runner: a server in one line, on 127.0.0.1 and a random port, stopped when closed. */
class McpTestServerTest {
  @Test
  void aServerStartsInOneLineAndStopsWhenClosed() {
    int port;
    try (McpTestServer server = McpTestServer.start(KitTools.server(new KitTools()))) {
      assertEquals("127.0.0.1", server.uri().getHost());
      assertEquals("/mcp", server.uri().getPath());
      port = server.uri().getPort();
      assertThat(server.client().callTool("echo", Map.of("text", "hi"))).hasText("hi");
      assertSame(server.client(), server.client(), "the server's own client is reused");
      assertNotEquals(server.client(), server.newClient());
    }
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "nothing listens any more");
  }

  @Test
  void annotatedObjectsAreServedDirectly() {
    try (McpTestServer server = McpTestServer.startAnnotated(new KitTools())) {
      assertEquals("switchboard-test", server.client().initialize().at("/serverInfo/name").asString());
      assertThat(server.client().callTool("echo", Map.of("text", "annotated"))).hasText("annotated");
    }
  }

  @Test
  void theEndpointAndTheClientsAreConfigurable() {
    McpServer programmatic = McpServer.builder("echo", "1.0")
        .tool(Tool.builder("echo").inputSchema("{\"type\":\"object\"}").build(),
            (arguments, context) -> CallToolResult.text("echo " + context.protocolVersion().wireName()))
        .build();
    try (McpTestServer server = McpTestServer.builder(programmatic)
        .servlet(endpoint -> endpoint.sessionIdleTimeout(Duration.ofMinutes(1)))
        .revision(ProtocolVersion.V2026_07_28)
        .clients(client -> client.clientInfo("my-agent", "2.0").timeout(Duration.ofSeconds(5)))
        .start()) {
      McpTestClient client = server.client();
      assertTrue(client.isStateless());
      ToolResult result = client.callTool("echo");
      assertThat(result).hasText("echo 2026-07-28");
      assertEquals("my-agent", Json.parse(result.exchanges().get(0).requestBody())
          .at("/params/_meta/io.modelcontextprotocol~1clientInfo/name").asString());
      assertThat(server.newClient(ProtocolVersion.V2025_03_26).callTool("echo")).hasText("echo 2025-03-26");
    }
  }

  @Test
  void aSessionCallCancelledBeforeItsAnswerStartedEnds() throws Exception {
    KitTools tools = new KitTools();
    try (McpTestServer server = McpTestServer.start(KitTools.server(tools))) {
      PendingCall slow = server.client().call("slow").withoutProgressToken().sendAsync();
      Thread.sleep(300); // no progress token, no heartbeat yet: the answer has not started
      slow.cancel();
      assertTrue(tools.awaitSlowCancelled(Duration.ofSeconds(10)), "the handler was interrupted");
      assertTrue(slow.awaitEnd(Duration.ofSeconds(10)), "the call ended: " + slow.exchanges());
      assertFalse(slow.isAnswered());
    }
  }

  @Test
  void closingTheServerEndsItsClientsSessions() {
    McpTestServer server = McpTestServer.start(KitTools.server(new KitTools()));
    McpTestClient client = server.newClient();
    client.callTool("echo", Map.of("text", "x"));
    assertEquals(1, server.servlet().sessionCount());
    server.close();
    assertEquals("DELETE", client.lastExchange().method());
    assertEquals(204, client.lastExchange().status());
    assertThrows(IllegalStateException.class, server::newClient);
  }
}
