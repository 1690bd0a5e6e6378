package dev.switchboard.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Round trips with the official MCP TypeScript SDK client (pinned in src/test/node/package-lock.json):
 * elicitation, sampling, roots, progress, logging, a resource update, SSE polling, and a call whose
 * connection the network cuts mid-way, resumed with Last-Event-ID.
 */
class TypeScriptClientIT {
  private static JettyMcpServer server;
  private static JsonNode observed;
  private static String stderr;

  @BeforeAll
  static void runTheClient() throws Exception {
    server = JettyMcpServer.builder(InteropServer.build()).stopOnShutdown(false).start();
    NodeTools.Result result = NodeTools.run(90, "interop-client.mjs", server.uri().toString());
    stderr = result.stderr();
    assertEquals(0, result.exitCode(), "the client failed:\n" + result.stdout() + "\n" + result.stderr());
    String[] lines = result.stdout().strip().split("\n");
    observed = JsonMapper.shared().readTree(lines[lines.length - 1]);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String text(String field) {
    return observed.path(field).asString("<" + field + " missing>");
  }

  @Test
  void theClientNegotiatesTheNewestRevisionAndSeesTheTools() {
    assertEquals("2025-11-25", text("protocolVersion"));
    assertTrue(observed.at("/capabilities/resources/subscribe").asBoolean());
    assertEquals(List.of("chatty", "count", "cut_mid_call", "greet", "list_roots", "null_component", "null_record",
        "people", "roots_changes", "slow_reconnect", "summarize", "touch"), observed.get("tools").valueStream().map(JsonNode::asString).toList());
  }

  @Test
  void elicitationIsAnsweredByTheClientsHandler() {
    assertEquals("Bonjour, Ada!", text("elicitation"));
    assertEquals("Your name", observed.at("/elicitationSchema/properties/name/title").asString());
  }

  @Test
  void samplingIsAnsweredByTheClientsModel() {
    assertEquals("summary: A short summary.", text("sampling"));
    assertEquals("Summarize: A very long text.", observed.at("/samplingMessages/0/content/text").asString());
    assertEquals(200, observed.get("samplingMaxTokens").asInt());
  }

  @Test
  void rootsAreListedAndTheirChangeReported() {
    assertEquals("file:///projects/demo", text("roots"));
    assertEquals("1", text("rootsChangesSeen"));
  }

  @Test
  void progressAndLogMessagesArrive() {
    assertEquals("counted to 3", text("progressResult"));
    assertEquals("[[1,3,\"at 1\"],[2,3,\"at 2\"],[3,3,\"at 3\"]]", observed.get("progress").toString());
    assertEquals("done talking", text("loggingResult"));
    assertEquals("[\"working\",\"almost done\"]", observed.get("logs").toString(), "debug is below the level set");
  }

  @Test
  void aResourceUpdateReachesTheSubscriber() {
    assertEquals("memo://watched", text("resourceUpdated"));
  }

  @Test
  void theClientResumesAfterTheServerClosesItsConnection() {
    assertEquals("resumed result", text("polledResult"));
    assertTrue(observed.get("polledTokens").size() >= 2, "event ids seen: " + observed.get("polledTokens"));
  }

  @Test
  void aCallWhoseConnectionIsCutMidWayDeliversItsResultAfterTheClientResumes() {
    assertTrue(observed.get("cutAfterBytes").asInt() > 0, "the response really was cut");
    assertEquals("survived the cut", text("cutResult"));
    assertEquals("[\"first\",\"second\"]", observed.get("cutProgress").toString());
  }

  @Test
  void nothingWentWrongOnTheWire() {
    List<String> errors = observed.get("errors").valueStream().map(JsonNode::asString)
        .filter(e -> !e.contains("network connection cut by the test") && !e.contains("SSE stream disconnected"))
        .toList();
    assertEquals(List.of(), errors, "client transport errors; stderr:\n" + stderr);
  }
}
