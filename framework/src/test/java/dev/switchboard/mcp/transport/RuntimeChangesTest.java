package dev.switchboard.mcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.GetPromptResult;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.PromptMessage;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Adding and removing tools, resources and prompts at run time, and telling the sessions. */
class RuntimeChangesTest {
  private static String methodOf(SseEvents.Event event) {
    return McpClient.JSON.readTree(event.data()).get("method").asString();
  }

  @Test
  void changesAreAnnouncedOnTheGetStreamAndServedAtOnce() throws Exception {
    try (TestServer server = TestServer.start()) {
      McpClient client = new McpClient(server.uri());
      String listening = client.openSession();
      String deaf = client.openSession();
      try (SseEvents events = client.listen(listening)) {
        server.server.addTool(Tool.builder("late_tool").description("added later").build(),
            (args, ctx) -> CallToolResult.text("late"));
        SseEvents.Event added = events.next(Duration.ofSeconds(5));
        assertNotNull(added);
        assertEquals("notifications/tools/list_changed", methodOf(added));
        assertEquals("late", client.call(deaf, 1, "late_tool", "{}").at("/result/content/0/text").asString(),
            "every session can call the new tool at once");

        server.server.removeTool("late_tool");
        assertEquals("notifications/tools/list_changed", methodOf(events.next(Duration.ofSeconds(5))));
        JsonNode gone = McpClient.JSON.readTree(client.post(deaf, McpClient.callBody(2, "late_tool", "{}")).body());
        assertEquals(-32602, gone.at("/error/code").asInt());

        server.server.removeTool("never_existed");
        server.server.addResource(Resource.of("memo://late", "late", "text/plain"),
            (uri, ctx) -> ReadResourceResult.of(ResourceContents.text(uri, "text/plain", "late memo")));
        assertEquals("notifications/resources/list_changed", methodOf(events.next(Duration.ofSeconds(5))),
            "removing something that does not exist announces nothing");
        server.server.addPrompt(Prompt.of("late_prompt", "added later", List.of()),
            (args, ctx) -> GetPromptResult.of(PromptMessage.user("late")));
        assertEquals("notifications/prompts/list_changed", methodOf(events.next(Duration.ofSeconds(5))));
        assertTrue(events.drain().isEmpty());
        JsonNode read = McpClient.JSON.readTree(client.post(deaf,
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"memo://late\"}}").body());
        assertEquals("late memo", read.at("/result/contents/0/text").asString());
      }
    }
  }

  @Test
  void addingANameTwiceIsRefused() {
    try (TestServer server = TestServer.start()) {
      assertThrows(IllegalArgumentException.class, () -> server.server.addTool(Tool.builder("echo").build(),
          (args, ctx) -> CallToolResult.text("")));
    }
  }
}
