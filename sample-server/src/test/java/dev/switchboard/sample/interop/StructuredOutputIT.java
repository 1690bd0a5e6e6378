package dev.switchboard.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Structured output as the official TypeScript SDK clients (v1 and v2) judge it: both validate
 * {@code structuredContent} against the listed {@code outputSchema} and throw on a mismatch, so a
 * record with a null component, a null return and a list must all come back as results they accept.
 */
class StructuredOutputIT {
  private static JettyMcpServer server;

  @BeforeAll
  static void start() {
    server = JettyMcpServer.builder(InteropServer.build()).stopOnShutdown(false).start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode run(String major) throws Exception {
    NodeTools.Result result = NodeTools.run(60, "structured-client.mjs", major, server.uri().toString());
    assertEquals(0, result.exitCode(), "the client failed:\n" + result.stdout() + "\n" + result.stderr());
    String[] lines = result.stdout().strip().split("\n");
    return JsonMapper.shared().readTree(lines[lines.length - 1]).get("tools");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "v2"})
  void theClientAcceptsEveryStructuredResult(String major) throws Exception {
    JsonNode tools = run(major);
    for (String tool : new String[] {"null_component", "null_record", "people"}) {
      assertFalse(tools.get(tool).has("thrown"), major + " refused " + tool + ": " + tools.get(tool));
    }
    assertTrue(tools.at("/null_component/structuredContent/name").isNull(), tools.toString());
    assertEquals(41, tools.at("/null_component/structuredContent/age").asInt());
    assertTrue(tools.at("/null_record/isError").asBoolean(), "a null is a tool error: " + tools.get("null_record"));
    assertEquals("Ada", tools.at("/people/structuredContent/result/0/name").asString());
  }
}
