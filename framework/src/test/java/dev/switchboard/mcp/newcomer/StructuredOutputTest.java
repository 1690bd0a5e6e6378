package dev.switchboard.mcp.newcomer;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.schema.internal.SchemaValidator;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.testing.LogCapture;
import dev.switchboard.mcp.testing.McpClient;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structured output that clients accept: every structured result matches the output schema the
 * server advertised for it (MCP clients validate it and refuse a mismatch), nulls included.
 */
class StructuredOutputTest {
  private static JettyMcpServer jetty;
  private static String session;

  @BeforeAll
  static void start() {
    Tool wrong = Tool.builder("wrong_shape")
        .outputSchema((ObjectNode) McpClient.JSON.readTree(
            "{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\"}}}"))
        .build();
    Tool missing = Tool.builder("no_structure")
        .outputSchema(McpClient.JSON.createObjectNode().put("type", "object"))
        .build();
    McpServer server = McpServer.builder("newcomer", "1.0").register(new NewcomerTools())
        .tool(wrong, (arguments, context) -> new CallToolResult(List.of(), McpClient.JSON.readTree("{\"count\":\"many\"}"),
            false, null))
        .tool(missing, (arguments, context) -> CallToolResult.text("only text"))
        .build();
    jetty = JettyMcpServer.builder(server).stopOnShutdown(false).start();
    session = McpClient.spec(jetty.uri()).body(McpClient.initializeBody("2025-11-25")).post().then().statusCode(200)
        .extract().header("Mcp-Session-Id");
  }

  @AfterAll
  static void stop() {
    jetty.close();
  }

  private static ValidatableResponse call(String tool) {
    return McpClient.spec(jetty.uri()).header("Mcp-Session-Id", session)
        .body(McpClient.callBody(1, tool, "{}")).post().then().statusCode(200);
  }

  private static JsonNode outputSchema(String tool) {
    String body = McpClient.spec(jetty.uri()).header("Mcp-Session-Id", session)
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").post().then().statusCode(200)
        .extract().asString();
    for (JsonNode listed : McpClient.JSON.readTree(body).at("/result/tools")) {
      if (listed.get("name").asString().equals(tool)) {
        return listed.get("outputSchema");
      }
    }
    throw new AssertionError("no tool " + tool);
  }

  /** What a client SDK does with the result: check the structured content against the listed schema. */
  private static JsonNode structuredContentMatchingItsSchema(String tool) {
    JsonNode result = McpClient.JSON.readTree(call(tool).extract().asString()).get("result");
    JsonNode structured = result.get("structuredContent");
    assertTrue(structured != null && structured.isObject(), tool + " returned " + result);
    assertEquals(List.of(), SchemaValidator.of(outputSchema(tool)).validate(structured), tool + ": " + structured);
    return structured;
  }

  @Test
  void aRecordComponentThatMayBeNullIsNullableAndNotRequiredInTheOutputSchema() {
    JsonNode schema = outputSchema("nullComponent");
    assertEquals("[\"string\",\"null\"]", schema.at("/properties/name/type").toString());
    assertEquals("[\"age\"]", schema.get("required").toString(), "only the primitive is known to be present");
    JsonNode structured = structuredContentMatchingItsSchema("nullComponent");
    assertTrue(structured.get("name").isNull());
  }

  @Test
  void aNullFromAStructuredToolIsAToolErrorThatSaysSo() {
    try (LogCapture log = new LogCapture()) {
      call("nullRecord")
          .body("result.isError", equalTo(true))
          .body("result.structuredContent", nullValue())
          .body("result.content[0].text", containsString("returned no result"));
      assertTrue(log.text().contains("NewcomerTools#nullRecord returned null"), log.text());
    }
    call("nullList").body("result.isError", equalTo(true));
  }

  @Test
  void aListIsStructuredContentWrappedInAnObject() {
    JsonNode schema = outputSchema("people");
    assertEquals("object", schema.get("type").asString());
    assertEquals("array", schema.at("/properties/result/type").asString());
    assertEquals("[\"result\"]", schema.get("required").toString());
    JsonNode structured = structuredContentMatchingItsSchema("people");
    assertEquals("Ada", structured.at("/result/0/name").asString());
    call("people").body("result.content[0].text", equalTo(structured.get("result").toString()));
  }

  @Test
  void scalarsEnumsAndMapsAreStructuredToo() {
    assertEquals(42, structuredContentMatchingItsSchema("answer").get("result").asInt());
    call("answer").body("result.content[0].text", equalTo("42"));
    assertEquals("CLOSED", structuredContentMatchingItsSchema("status").get("result").asString());
    call("status").body("result.content[0].text", equalTo("CLOSED"));
    assertEquals(1, structuredContentMatchingItsSchema("counts").get("a").asInt());
  }

  @Test
  void aResultThatBreaksTheToolsOwnSchemaBecomesAToolErrorAndAWarning() {
    try (LogCapture log = new LogCapture()) {
      call("wrong_shape")
          .body("result.isError", equalTo(true))
          .body("result.structuredContent", nullValue())
          .body("result.content[0].text", containsString("does not match its output schema"))
          .body("result.content[0].text", not(containsString("many")));
      assertTrue(log.text().contains("WARN") && log.text().contains("tool wrong_shape returned a result that does not"
          + " match its output schema"), log.text());
      call("no_structure").body("result.isError", equalTo(true))
          .body("result.content[0].text", containsString("does not match its output schema"));
      assertTrue(log.text().contains("structuredContent is missing"), log.text());
    }
  }

  @Test
  void theListedToolsStillSayWhichHaveStructuredOutput() {
    McpClient.spec(jetty.uri()).header("Mcp-Session-Id", session)
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").post().then().statusCode(200)
        .body("result.tools.name", contains("answer", "counts", "no_structure", "nullComponent", "nullList", "nullRecord",
            "people", "status", "wrong_shape"));
  }
}
