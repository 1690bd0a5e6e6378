package dev.switchboard.mcp.stateless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.GetPromptResult;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.PromptMessage;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.testing.TestTools;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code subscriptions/listen} (the one long-lived stream of 2026-07-28) and cancellation by closing a
 * response: what a listener asked for reaches it, tagged, and nothing else does; a legacy session's
 * GET stream hears the same change; a client that hangs up cancels its call.
 */
class ListenAndCancelTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static TestServer server;
  private static StatelessClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(builder -> builder
        .prompt(Prompt.of("hello", "Says hello", List.of()), (args, ctx) -> GetPromptResult.of(PromptMessage.user("hi")))
        .resource(Resource.of("test://watched", "watched", "text/plain"),
            (uri, ctx) -> ReadResourceResult.of(ResourceContents.text(uri, "text/plain", "v"))),
        servlet -> servlet.heartbeatInterval(Duration.ofMillis(100)));
    client = new StatelessClient(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ServerCore core() {
    return ServerCore.of(server.server);
  }

  private static SseEvents listen(Object id, String filter) throws Exception {
    SseEvents events = SseEvents.of(client.stream(client.body(id, "subscriptions/listen",
        "{\"notifications\":" + filter + "}")));
    assertEquals(200, events.response().statusCode());
    return events;
  }

  private static JsonNode next(SseEvents events) throws InterruptedException {
    SseEvents.Event event = events.nextMessage(WAIT);
    assertNotNull(event, "an event within " + WAIT);
    return McpClient.JSON.readTree(event.data());
  }

  @Test
  void aListenerIsAcknowledgedThenHearsWhatItAskedForTagged() throws Exception {
    try (SseEvents tools = listen(1796522753246L, "{\"toolsListChanged\":true,\"promptsListChanged\":false}");
        SseEvents prompts = listen("p", "{\"promptsListChanged\":true}")) {
      JsonNode ack = next(tools);
      assertEquals("notifications/subscriptions/acknowledged", ack.get("method").asString());
      assertEquals(1796522753246L, ack.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asLong(),
          "tagged with the listen request's id, a long exactly");
      assertEquals("{\"toolsListChanged\":true}", ack.at("/params/notifications").toString());
      assertEquals("notifications/subscriptions/acknowledged", next(prompts).get("method").asString());
      server.server.addTool(Tool.builder("added").description("Added at run time")
          .inputSchema("{\"type\":\"object\"}").build(), (args, ctx) -> CallToolResult.text("new"));
      JsonNode changed = next(tools);
      assertEquals("notifications/tools/list_changed", changed.get("method").asString());
      assertEquals(1796522753246L, changed.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asLong());
      server.server.removeTool("added");
      assertEquals("notifications/tools/list_changed", next(tools).get("method").asString());
      server.server.addPrompt(Prompt.of("later", "Added later", List.of()),
          (args, ctx) -> GetPromptResult.of(PromptMessage.user("later")));
      JsonNode promptChange = next(prompts);
      assertEquals("notifications/prompts/list_changed", promptChange.get("method").asString(),
          "the prompt listener got no tool change before it");
      assertEquals("p", promptChange.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asString());
      server.server.removePrompt("later");
    }
  }

  @Test
  void resourceUpdatesReachOnlyTheListenersOfThatUriAndLegacySessionsHearListChangesToo() throws Exception {
    McpClient legacy = new McpClient(server.uri());
    String session = legacy.openSession();
    try (SseEvents watched = listen(2, "{\"resourceSubscriptions\":[\"test://watched\"]}");
        SseEvents getStream = legacy.listen(session)) {
      assertEquals("[\"test://watched\"]",
          next(watched).at("/params/notifications/resourceSubscriptions").toString());
      server.server.notifyResourceUpdated("test://other");
      server.server.notifyResourceUpdated("test://watched");
      JsonNode updated = next(watched);
      assertEquals("notifications/resources/updated", updated.get("method").asString());
      assertEquals("test://watched", updated.at("/params/uri").asString(), "the other URI was not sent");
      server.server.addTool(Tool.builder("both").description("Heard by both eras")
          .inputSchema("{\"type\":\"object\"}").build(), (args, ctx) -> CallToolResult.text("x"));
      assertEquals("notifications/tools/list_changed", next(getStream).get("method").asString());
      server.server.removeTool("both");
    }
  }

  @Test
  void closingAListenStreamEndsTheSubscription() throws Exception {
    int before = core().subscriptionCount();
    SseEvents events = listen(3, "{\"toolsListChanged\":true}");
    next(events);
    assertEquals(before + 1, core().subscriptionCount());
    events.close();
    // The server learns of the hang-up at its next write: a heartbeat, every 100 ms here.
    assertTrue(core().awaitSubscriptionsAtMost(before, WAIT), "the subscription ended");
  }

  @Test
  void closingTheResponseOfACallCancelsIt() throws Exception {
    TestTools.Probe probe = server.tools.probe("cancel-me");
    String params = "{\"name\":\"slow\",\"arguments\":{\"key\":\"cancel-me\"},\"_meta\":"
        + client.meta().put("progressToken", "t") + "}";
    SseEvents events = SseEvents.of(client.stream(client.body(4, "tools/call", params)));
    assertTrue(probe.started.await(5, TimeUnit.SECONDS));
    // The call runs longer than the heartbeat interval, so its response is a stream by now or soon.
    assertNotNull(events.response());
    events.close();
    assertTrue(probe.finished.await(5, TimeUnit.SECONDS), "the handler was stopped");
    // The handler is interrupted first and its onCancel actions run right after, on the cancelling thread.
    probe.cancelAction.await(5, TimeUnit.SECONDS);
    assertTrue(probe.interrupted && probe.cancelActionRan, "by cancellation: interrupted and onCancel ran");
  }
}
