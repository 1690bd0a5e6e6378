package dev.switchboard.mcp.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.ToolErrorException;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Many agents at once: every reply reaches its caller, and a server that crosses replies is caught. */
class ManyAgentsTest {
  @Test
  void sixteenAgentsInEachEraGetTheirOwnReplies() throws Exception {
    try (McpTestServer server = McpTestServer.start(KitTools.server(new KitTools()))) {
      for (ProtocolVersion revision : new ProtocolVersion[] {ProtocolVersion.V2025_11_25,
          ProtocolVersion.V2026_07_28}) {
        ManyAgents.Report report = ManyAgents.of(() -> server.newClient(revision)).agents(16).callsEach(4)
            .run((client, payload) -> client.callTool("echo", Map.of("text", payload)).text())
            .assertEveryReplyReachedItsCaller();
        assertEquals(64, report.calls());
        assertEquals(64, report.answered());
      }
      ManyAgents.Report viaServer = server.agents(4)
          .run((client, payload) -> client.call("order").argument("item", payload)
              .answering(ClientScript.acceptElicitation(Map.of("confirm", true))).send().text())
          .assertEveryReplyReachedItsCaller();
      assertTrue(viaServer.toString().startsWith("4 agents x 1 calls: 4 answered, 0 misrouted"), viaServer.toString());
    }
  }

  /** A broken tool: it keeps the text in a field all calls share, so two calls at once swap replies. */
  public static final class SharedScratch {
    private volatile String scratch;
    private final CyclicBarrier together = new CyclicBarrier(2);

    @McpTool(description = "Echoes, badly")
    public String echo(String text) throws Exception {
      scratch = text;
      together.await(10, TimeUnit.SECONDS); // both calls have written: each now reads the last one
      return scratch;
    }

    @McpTool(description = "Fails for some payloads")
    public String picky(String text) {
      if (text.startsWith("agent-1-")) {
        throw new ToolErrorException("not for agent 1");
      }
      return text;
    }
  }

  @Test
  void aServerThatCrossesRepliesIsCaught() throws Exception {
    try (McpTestServer server = McpTestServer.start(McpServer.builder("broken", "1").register(new SharedScratch())
        .build())) {
      ManyAgents.Report report = server.agents(2)
          .run((client, payload) -> client.callTool("echo", Map.of("text", payload)).text());
      assertEquals(1, report.misrouted().size(), report.toString());
      AssertionFailedError failure = assertThrows(AssertionFailedError.class, report::assertEveryReplyReachedItsCaller);
      assertTrue(failure.getMessage().contains("1 misrouted:\n  agent-"), failure.getMessage());
      assertTrue(failure.getMessage().contains("got another call's reply"), failure.getMessage());
    }
  }

  @Test
  void failuresAndRepliesWithoutThePayloadAreCounted() throws Exception {
    try (McpTestServer server = McpTestServer.start(McpServer.builder("broken", "1").register(new SharedScratch())
        .build())) {
      ManyAgents.Report report = server.agents(3).run((client, payload) -> {
        McpAssertions.assertThat(client.callTool("picky", Map.of("text", payload))).isNotError();
        return "nothing useful";
      });
      assertEquals(1, report.failures().size(), report.toString());
      assertTrue(report.failures().get(0).contains("not for agent 1"), report.failures().toString());
      assertEquals(2, report.wrongReplies().size(), report.toString());
      assertThrows(AssertionFailedError.class, report::assertEveryReplyReachedItsCaller);
    }
  }
}
