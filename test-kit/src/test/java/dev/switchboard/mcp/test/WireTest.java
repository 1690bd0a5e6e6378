package dev.switchboard.mcp.test;

import static dev.switchboard.mcp.test.McpAssertions.assertRpcError;
import static dev.switchboard.mcp.test.McpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The kit's client against a real server, in both eras: what it sends, what it reads, what it keeps. */
@McpServerTest
class WireTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  static final KitTools TOOLS = new KitTools();

  /**
   * A server that writes a heartbeat every 200 ms: a 2026-07-28 server learns that a client hung up
   * (cancelled) at its next write.
   */
  @ServerUnderTest
  static McpTestServer.Builder server() {
    return McpTestServer.builder(KitTools.server(TOOLS))
        .servlet(endpoint -> endpoint.heartbeatInterval(Duration.ofMillis(200)));
  }

  @BothEras
  void listsAndCallsTools(McpTestClient client) {
    List<String> names = client.listTools().stream().map(Tool::name).toList();
    assertTrue(names.containsAll(List.of("echo", "add", "count", "order", "slow", "stock")), names.toString());
    assertThat(client.callTool("echo", Map.of("text", "hello"))).isNotError().hasText("hello");
    assertThat(client.callTool("echo", "{\"text\": \"as JSON\"}")).hasText("as JSON");
  }

  @BothEras
  void structuredContentMatchesItsDeclaredSchema(McpTestClient client) {
    ToolResult sum = client.callTool("add", Map.of("terms", List.of(1, 2, 3)));
    assertThat(sum).isNotError()
        .hasStructuredContent("{\"terms\": [1, 2, 3], \"total\": 6}")
        .hasStructuredContent(new KitTools.Sum(6, List.of(1, 2, 3)))
        .hasStructuredValue("/total", 6)
        .matchesOutputSchema();
    assertEquals(6, sum.structuredContent(KitTools.Sum.class).total());
  }

  @BothEras
  void progressArrivesInOrder(McpTestClient client) {
    assertThat(client.callTool("count", Map.of("to", 3)))
        .hasText("counted to 3")
        .reportedProgress(1, 2, 3)
        .reportedProgressMessages("step 1", "step 2", "step 3")
        .reportedIncreasingProgress();
    assertThat(client.call("count").argument("to", 2).withoutProgressToken().send()).reportedProgress();
  }

  @BothEras
  void logMessagesArriveWithTheirLevels(McpTestClient client) {
    assertThat(client.callTool("chatty"))
        .logged(LoggingLevel.DEBUG, "details")
        .logged(LoggingLevel.WARNING, "paper")
        .loggedNothingAtOrAbove(LoggingLevel.ERROR);
  }

  @BothEras
  void aToolErrorIsAResultWithItsMessage(McpTestClient client) {
    assertThat(client.callTool("fail", Map.of("why", "out of stock"))).isErrorWithMessage("out of stock");
    assertThat(client.callTool("add", Map.of("terms", "not a list"))).isErrorContaining("terms");
  }

  @BothEras
  void resourcesPromptsAndCompletion(McpTestClient client) {
    assertEquals(List.of("kit://greeting"), client.listResources().stream().map(Resource::uri).toList());
    assertEquals("kit://items/{name}", client.listResourceTemplates().get(0).uriTemplate());
    assertEquals("Hello from the kit.", client.readResource("kit://greeting").text());
    assertEquals("item lamp", client.readResource("kit://items/lamp").text());
    Prompt review = client.listPrompts().get(0);
    assertEquals("review", review.name());
    assertEquals("Review tests, briefly.", client.getPrompt("review", Map.of("topic", "tests")).text());
    Completion names = client.completeResource("kit://items/{name}", "name", "la");
    assertEquals(List.of("lamp", "ladder"), names.values());
  }

  @BothEras
  void errorsCarryTheirCodeAndExchange(McpTestClient client) {
    McpResponseException unknown = assertRpcError(-32602, () -> client.callTool("no_such_tool"));
    assertTrue(unknown.errorMessage().contains("no_such_tool"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("POST " + client.uri()), "the exchange is in the message");
    McpResponseException missing = assertThrows(McpResponseException.class,
        () -> client.readResource("kit://nothing"));
    assertTrue(missing.code() == -32002 || missing.code() == -32602, missing.getMessage());
  }

  @Test
  void aSessionIsOpenedOnTheFirstRequestAndEndedWithDelete(McpTestServer server) {
    McpTestClient client = server.newClient(ProtocolVersion.V2025_06_18);
    client.callTool("echo", Map.of("text", "x"));
    List<Exchange> handshake = client.exchanges();
    assertEquals("initialize", Json.parse(handshake.get(0).requestBody()).path("method").asString());
    assertEquals(200, handshake.get(0).status());
    String session = client.sessionId().orElseThrow();
    assertEquals(session, handshake.get(0).header("Mcp-Session-Id").orElseThrow());
    assertEquals("notifications/initialized", Json.parse(handshake.get(1).requestBody()).path("method").asString());
    assertEquals(202, handshake.get(1).status());
    Exchange call = client.lastExchange();
    assertEquals(session, call.requestHeader("Mcp-Session-Id").orElseThrow());
    assertEquals("2025-06-18", call.requestHeader("MCP-Protocol-Version").orElseThrow());
    assertEquals("2025-06-18", client.negotiatedRevision());
    assertEquals(204, client.deleteSession());
    McpResponseException gone = assertThrows(McpResponseException.class, () -> client.callTool("echo",
        Map.of("text", "y")));
    assertEquals(404, gone.status());
  }

  @Test
  void aStatelessRequestCarriesItsEnvelopeAndHeaders(McpTestServer server) {
    McpTestClient client = server.newClient(ProtocolVersion.V2026_07_28);
    assertEquals("[\"2026-07-28\"]", client.initialize().get("supportedVersions").toString());
    ToolResult stock = client.callTool("stock", Map.of("region", "Nord-Trøndelag", "min", 3));
    assertThat(stock).hasText("Nord-Trøndelag has at least 3");
    Exchange call = stock.exchanges().get(0);
    assertEquals("2026-07-28", call.requestHeader("MCP-Protocol-Version").orElseThrow());
    assertEquals("tools/call", call.requestHeader("Mcp-Method").orElseThrow());
    assertEquals("stock", call.requestHeader("Mcp-Name").orElseThrow());
    assertEquals("=?base64?Tm9yZC1UcsO4bmRlbGFn?=", call.requestHeader("Mcp-Param-Region").orElseThrow(),
        "a value a header cannot carry as it is travels in base64");
    assertEquals("3", call.requestHeader("Mcp-Param-Min").orElseThrow());
    JsonNode meta = Json.parse(call.requestBody()).at("/params/_meta");
    assertEquals("2026-07-28", meta.path(McpTestClient.META_VERSION).asString());
    assertTrue(meta.path(McpTestClient.META_CAPABILITIES).has("elicitation"));
    assertEquals("debug", meta.path(McpTestClient.META_LOG_LEVEL).asString());
    assertTrue(client.sessionId().isEmpty());
    assertFalse(call.header("Mcp-Session-Id").isPresent(), "no session is made");
    assertThrows(IllegalStateException.class, client::deleteSession);
  }

  @BothEras
  void listChangesAndResourceUpdatesArriveOnTheListenStream(McpTestClient client, McpTestServer server) {
    try (NotificationStream stream = client.listen("kit://greeting")) {
      server.server().addTool(Tool.builder("later").description("Added at run time")
          .inputSchema("{\"type\":\"object\"}").build(), (arguments, context) -> CallToolResult.text("later"));
      try {
        assertNotNull(stream.await("notifications/tools/list_changed", WAIT));
        server.server().notifyResourceUpdated("kit://greeting");
        assertEquals("kit://greeting", stream.awaitResourceUpdated("kit://greeting", WAIT).at("/params/uri")
            .asString());
      } finally {
        server.server().removeTool("later");
      }
    }
  }

  @BothEras
  void aCancelledCallStopsItsHandler(McpTestClient client) throws Exception {
    TOOLS.slowCancelled = new java.util.concurrent.CountDownLatch(1);
    PendingCall slow = client.call("slow").sendAsync();
    assertEquals("started", slow.awaitProgress(WAIT).message());
    slow.cancel();
    assertTrue(TOOLS.awaitSlowCancelled(WAIT), "the handler was interrupted");
    assertTrue(slow.awaitEnd(WAIT), "the call ended");
    assertFalse(slow.isAnswered());
    AssertionError noResult = assertThrows(AssertionError.class, () -> slow.result(WAIT));
    assertTrue(noResult.getMessage().contains("cancelled"), noResult.getMessage());
  }

  @Test
  void aStreamTheServerLetsGoOfIsResumedWithLastEventId(McpTestServer server) {
    McpTestClient client = server.newClient(ProtocolVersion.V2025_11_25);
    ToolResult polled = client.callTool("poll");
    assertThat(polled).hasText("done after a reconnection").reportedProgress(1, 2);
    Exchange resumed = polled.exchanges().get(1);
    assertEquals("GET", resumed.method());
    assertTrue(resumed.requestHeader("Last-Event-ID").isPresent(), resumed.toString());
    assertEquals(2, polled.exchanges().size());
  }

  @Test
  void everyExchangeIsKeptAndReadable(McpTestServer server) {
    McpTestClient client = server.newClient();
    ToolResult counted = client.callTool("count", Map.of("to", 2));
    Exchange exchange = counted.exchanges().get(0);
    assertTrue(exchange.isEventStream(), "progress makes the answer a stream");
    assertEquals(3, exchange.messages().size(), "two progress notifications and the result");
    String text = exchange.toString();
    assertTrue(text.startsWith("POST " + client.uri()), text);
    assertTrue(text.contains("> Mcp-Session-Id: " + client.sessionId().orElseThrow()), text);
    assertTrue(text.contains("< 200 (text/event-stream"), text);
    assertTrue(text.contains("\"progress\":2"), text);
    assertEquals(client.exchanges().get(client.exchanges().size() - 1), client.lastExchange());
  }
}
