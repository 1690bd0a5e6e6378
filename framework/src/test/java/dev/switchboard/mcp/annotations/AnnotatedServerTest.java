package dev.switchboard.mcp.annotations;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.schema.internal.Golden;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.testing.McpClient;
import io.restassured.response.ValidatableResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of annotated declaration and every return type, end to end over HTTP. */
class AnnotatedServerTest {
  private static JettyMcpServer jetty;
  private static String session;

  @BeforeAll
  static void start() {
    McpServer server = McpServer.builder("showcase", "1.0").pageSize(100).register(new Showcase()).build();
    jetty = JettyMcpServer.builder(server).stopOnShutdown(false).start();
    session = McpClient.spec(jetty.uri())
        .body(McpClient.initializeBody("2025-11-25")).post().then().statusCode(200)
        .body("result.capabilities.tools.listChanged", equalTo(true))
        .body("result.capabilities.resources.listChanged", equalTo(true))
        .body("result.capabilities.prompts.listChanged", equalTo(true))
        .body("result.capabilities.completions", notNullValue())
        .extract().header("Mcp-Session-Id");
  }

  @AfterAll
  static void stop() {
    jetty.close();
  }

  private static ValidatableResponse rpc(String method, String params) {
    return McpClient.spec(jetty.uri())
        .header("Mcp-Session-Id", session)
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}")
        .post().then().statusCode(200).contentType("application/json");
  }

  private static ValidatableResponse call(String tool, String arguments) {
    return rpc("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
  }

  @Test
  void toolsAreListedWithGeneratedSchemasAndHints() {
    var listed = rpc("tools/list", "{}").extract().jsonPath();
    Golden.assertMatches("tool-weather", McpClient.JSON.valueToTree(listed.getMap("result.tools.find { it.name == 'weather' }")));
    Golden.assertMatches("tool-search", McpClient.JSON.valueToTree(listed.getMap("result.tools.find { it.name == 'search' }")));
    rpc("tools/list", "{}")
        .body("result.tools.name", contains("add", "chime", "custom", "embedded", "fails", "link", "logo.png", "mixed",
            "nothing", "rejects", "search", "tabled", "weather", "words"))
        .body("result.tools.find { it.name == 'tabled' }.outputSchema.properties.columns.type", equalTo("array"))
        .body("result.tools.find { it.name == 'nothing' }.inputSchema.additionalProperties", equalTo(false))
        .body("result.tools.find { it.name == 'nothing' }.outputSchema", nullValue());
  }

  @Test
  void aRecordResultIsStructuredContentAndTheSameJsonAsText() {
    call("weather", "{\"city\":\"Oslo\",\"units\":\"IMPERIAL\"}")
        .body("result.structuredContent.city", equalTo("Oslo"))
        .body("result.structuredContent.units", equalTo("IMPERIAL"))
        .body("result.structuredContent.days", equalTo(1))
        .body("result.content[0].type", equalTo("text"))
        .body("result.content[0].text", equalTo(
            "{\"city\":\"Oslo\",\"temperature\":21.5,\"units\":\"IMPERIAL\",\"days\":1,\"note\":null}"))
        .body("result.isError", equalTo(false));
  }

  @Test
  void aRecordParameterStandsForAllArguments() {
    call("search", "{\"query\":\"lamps\"}").body("result.content[0].text", equalTo("lamps x5"));
    call("search", "{\"query\":\"lamps\",\"limit\":2}").body("result.content[0].text", equalTo("lamps x2"));
  }

  @Test
  void everyReturnTypeBecomesTheRightContent() {
    call("nothing", "{}").body("result.content", hasSize(0)).body("result.isError", equalTo(false));
    call("logo.png", "{}").body("result.content[0].type", equalTo("image"))
        .body("result.content[0].mimeType", equalTo("image/png"))
        .body("result.content[0].data", equalTo(Base64.getEncoder().encodeToString(Showcase.PNG)));
    call("chime", "{}").body("result.content[0].type", equalTo("audio"))
        .body("result.content[0].mimeType", equalTo("audio/wav"));
    call("embedded", "{}").body("result.content[0].type", equalTo("resource"))
        .body("result.content[0].resource.uri", equalTo("memo://1"))
        .body("result.content[0].resource.text", equalTo("embedded text"));
    call("link", "{}").body("result.content[0].type", equalTo("resource_link"))
        .body("result.content[0].uri", equalTo("db://tables/customers"));
    call("mixed", "{}").body("result.content.type", contains("text", "image"));
    call("custom", "{}").body("result.content[0].text", equalTo("custom")).body("result.isError", equalTo(true));
    call("add", "{\"a\":2,\"b\":40}").body("result.content[0].text", equalTo("42"));
    call("words", "{\"text\":\"a b\"}").body("result.content[0].text", equalTo("[\"a\",\"b\"]"));
    call("tabled", "{}").body("result.content[0].text", equalTo("| a | b |"))
        .body("result.structuredContent.columns", contains("a", "b"));
  }

  @Test
  void badArgumentsAreToolErrorsNamingEachField() {
    call("weather", "{\"units\":\"KELVIN\",\"days\":\"two\",\"extra\":1}")
        .body("result.isError", equalTo(true))
        .body("result.content[0].text", containsString("Invalid arguments for tool 'weather'"))
        .body("result.content[0].text", containsString("'city' is required"))
        .body("result.content[0].text", containsString("'units' must be one of [\"METRIC\", \"IMPERIAL\"]"))
        .body("result.content[0].text", containsString("'days' must be an integer, not a string"))
        .body("result.content[0].text", containsString("'extra' is not a known argument"));
  }

  @Test
  void toolFailuresAreToolErrorsAndRejectionsAreJsonRpcErrors() {
    call("fails", "{\"why\":\"no\"}").body("result.isError", equalTo(true))
        .body("result.content[0].text", equalTo("cannot do that: no"));
    call("rejects", "{}").body("error.code", equalTo(-32602)).body("error.message", equalTo("rejected on purpose"));
    call("missing_tool", "{}").body("error.code", equalTo(-32602));
  }

  @Test
  void resourcesAreListedAndReadAsTextBinaryAndJson() {
    rpc("resources/list", "{}").body("result.resources.uri", contains("memo://logo", "memo://readme"));
    rpc("resources/templates/list", "{}")
        .body("result.resourceTemplates.uriTemplate", contains("db://tables/{name}", "file:///{+path}"));
    rpc("resources/read", "{\"uri\":\"memo://readme\"}")
        .body("result.contents[0].text", equalTo("read me")).body("result.contents[0].mimeType", equalTo("text/plain"));
    rpc("resources/read", "{\"uri\":\"memo://logo\"}")
        .body("result.contents[0].blob", equalTo(Base64.getEncoder().encodeToString(Showcase.PNG)))
        .body("result.contents[0].mimeType", equalTo("image/png"))
        .body("result.contents[0].text", nullValue());
    rpc("resources/read", "{\"uri\":\"db://tables/orders\"}")
        .body("result.contents[0].uri", equalTo("db://tables/orders"))
        .body("result.contents[0].mimeType", equalTo("application/json"))
        .body("result.contents[0].text", equalTo("{\"name\":\"orders\",\"columns\":[\"id\",\"name\"]}"));
    rpc("resources/read", "{\"uri\":\"file:///etc/app/config.yml\"}")
        .body("result.contents[0].text", equalTo("contents of etc/app/config.yml"));
  }

  @Test
  void anUnknownResourceIsResourceNotFoundWithItsUri() {
    rpc("resources/read", "{\"uri\":\"memo://nothing\"}")
        .body("error.code", equalTo(-32002)).body("error.data.uri", equalTo("memo://nothing"));
    rpc("resources/read", "{\"uri\":\"db://tables/missing\"}").body("error.code", equalTo(-32002));
    rpc("resources/read", "{}").body("error.code", equalTo(-32602));
  }

  @Test
  void promptsAreListedAndRendered() {
    rpc("prompts/list", "{}")
        .body("result.prompts.name", contains("described", "greet", "review"))
        .body("result.prompts.find { it.name == 'greet' }.arguments.name", contains("name", "style"))
        .body("result.prompts.find { it.name == 'greet' }.arguments.required", contains(true, false))
        .body("result.prompts.find { it.name == 'greet' }.arguments[0].description", equalTo("Who to greet"));
    rpc("prompts/get", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\",\"style\":\"formal\"}}")
        .body("result.messages", hasSize(1))
        .body("result.messages[0].role", equalTo("user"))
        .body("result.messages[0].content.text", equalTo("Say hello to Ada in a formal way"));
    rpc("prompts/get", "{\"name\":\"review\",\"arguments\":{\"table\":\"orders\"}}")
        .body("result.messages.content.type", contains("text", "image", "resource", "text"))
        .body("result.messages.role", contains("user", "user", "user", "assistant"));
    rpc("prompts/get", "{\"name\":\"described\",\"arguments\":{\"topic\":\"joins\"}}")
        .body("result.description", equalTo("About joins"));
  }

  @Test
  void promptErrorsAreInvalidParams() {
    rpc("prompts/get", "{\"name\":\"greet\",\"arguments\":{}}")
        .body("error.code", equalTo(-32602)).body("error.message", containsString("'name'"));
    rpc("prompts/get", "{\"name\":\"nope\"}").body("error.code", equalTo(-32602));
  }

  @Test
  void completionCapsAtAHundredAndUsesTheOtherArguments() {
    rpc("completion/complete", "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"db://tables/{name}\"},"
        + "\"argument\":{\"name\":\"name\",\"value\":\"table1\"}}")
        .body("result.completion.values", hasSize(100))
        .body("result.completion.total", equalTo(111))
        .body("result.completion.hasMore", equalTo(true));
    rpc("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},"
        + "\"argument\":{\"name\":\"style\",\"value\":\"f\"},\"context\":{\"arguments\":{\"name\":\"Ada\"}}}")
        .body("result.completion.values", contains("formal", "friendly"))
        .body("result.completion.hasMore", equalTo(false));
    rpc("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},"
        + "\"argument\":{\"name\":\"style\",\"value\":\"f\"}}")
        .body("result.completion.values", contains("funny", "formal", "friendly"));
    rpc("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},"
        + "\"argument\":{\"name\":\"name\",\"value\":\"A\"}}")
        .body("result.completion.values", hasSize(0));
    rpc("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"unknown\"},"
        + "\"argument\":{\"name\":\"x\",\"value\":\"\"}}").body("error.code", equalTo(-32602));
  }

  @Test
  void everyListPagesWithAnOpaqueCursorAndRefusesAForeignOne() {
    for (String method : new String[] {"tools/list", "resources/list", "resources/templates/list", "prompts/list"}) {
      rpc(method, "{\"cursor\":\"not-ours\"}").body("error.code", equalTo(-32602));
    }
    rpc("tools/list", "{}").body("result", not(hasItem("nextCursor")));
  }
}
