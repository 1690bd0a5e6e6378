package dev.switchboard.mcp.stateless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CacheHint;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The 2026-07-28 wire on the endpoint that also serves sessions: the requests are told apart, every
 * rule of the request headers and {@code _meta} is checked with its status and code, and the results
 * carry what the revision requires.
 */
class StatelessWireTest {
  private static TestServer server;
  private static StatelessClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(builder -> builder
        .listCacheHint(CacheHint.publicFor(Duration.ofMinutes(5)))
        .tool(Tool.builder("trace").description("Returns the trace context it got")
            .inputSchema("{\"type\":\"object\"}").build(),
            (args, ctx) -> CallToolResult.text(String.valueOf(ctx.traceContext())))
        .tool(Tool.builder("needs_sampling").description("Asks the client's model")
            .inputSchema("{\"type\":\"object\"}").build(),
            (args, ctx) -> CallToolResult.text(ctx.createMessage(SamplingRequest.builder(10).userMessage("hi").build()).text()))
        .tool(Tool.builder("routed").description("Mirrors region and count into headers")
            .inputSchema("{\"type\":\"object\",\"properties\":{"
                + "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
                + "\"count\":{\"type\":\"integer\",\"x-mcp-header\":\"Count\"},"
                + "\"dry\":{\"type\":\"boolean\",\"x-mcp-header\":\"Dry\"}}}").build(),
            (args, ctx) -> CallToolResult.text("routed " + args.json()))
        .resource(Resource.of("test://fresh", "fresh", "text/plain"),
            (uri, ctx) -> ReadResourceResult.of(ResourceContents.text(uri, "text/plain", "fresh"))
                .withCacheHint(CacheHint.privateFor(Duration.ofMinutes(1))))
        .resource(Resource.of("test://plain", "plain", "text/plain"),
            (uri, ctx) -> ReadResourceResult.of(ResourceContents.text(uri, "text/plain", "plain"))),
        UnaryOperator.identity());
    client = new StatelessClient(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void discoverNamesTheRevisionTheCapabilitiesAndTheServer() throws Exception {
    HttpResponse<String> response = client.send(client.body(1, "server/discover", "{}"));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Mcp-Session-Id").isEmpty(), "no session is minted");
    JsonNode result = McpClient.JSON.readTree(response.body()).get("result");
    assertEquals("[\"2026-07-28\"]", result.get("supportedVersions").toString());
    assertTrue(result.at("/capabilities/tools").isObject(), result.toString());
    assertEquals("test-server", result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asString());
    assertEquals("complete", result.get("resultType").asString());
    assertEquals(0, result.get("ttlMs").asInt());
    assertEquals("private", result.get("cacheScope").asString());
  }

  @Test
  void aCallIsServedWithoutASessionAndNothingIsKept() throws Exception {
    int before = server.sessions().size();
    HttpResponse<String> response = client.send(client.body("a", "tools/call",
        "{\"name\":\"echo\",\"arguments\":{\"text\":\"hello\"}}"));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Mcp-Session-Id").isEmpty());
    JsonNode message = McpClient.JSON.readTree(response.body());
    assertEquals("a", message.get("id").asString());
    assertEquals("hello", message.at("/result/content/0/text").asString());
    assertEquals("complete", message.at("/result/resultType").asString());
    assertEquals("test-server", message.at("/result/_meta/io.modelcontextprotocol~1serverInfo/name").asString());
    assertEquals(before, server.sessions().size());
  }

  @Test
  void initializeStillOpensASessionOnTheSameEndpoint() throws Exception {
    McpClient legacy = new McpClient(server.uri());
    String session = legacy.openSession("2025-11-25");
    JsonNode result = legacy.call(session, 1, "echo", "{\"text\":\"old\"}").get("result");
    assertEquals("old", result.at("/content/0/text").asString());
    assertFalse(result.has("resultType"), "results of a session are as they were: " + result);
  }

  @Test
  void theRequiredMetaIsCheckedWith400AndInvalidParams() throws Exception {
    expectError(client.send("{\"jsonrpc\":\"2.0\",\"id\":101,\"method\":\"server/discover\",\"params\":{}}"),
        400, -32602, 101);
    String noVersion = "{\"jsonrpc\":\"2.0\",\"id\":102,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    expectError(client.send(noVersion), 400, -32602, 102);
    String noCapabilities = "{\"jsonrpc\":\"2.0\",\"id\":104,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
        + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}";
    expectError(client.send(noCapabilities), 400, -32602, 104);
    String noClientInfo = "{\"jsonrpc\":\"2.0\",\"id\":105,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
        + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    assertEquals(200, client.send(noClientInfo).statusCode(), "clientInfo is optional");
  }

  @Test
  void theVersionHeaderMustBeThereAndAgreeWithTheBody() throws Exception {
    String body = client.body(7, "tools/list", "{}");
    expectError(client.send(body, headers("MCP-Protocol-Version", null)), 400, -32020, 7);
    String other = body.replace("\"2026-07-28\"", "\"v999.0.0\"");
    expectError(client.send(other), 400, -32020, 7);
    HttpResponse<String> unsupported = client.send(other, Map.of("MCP-Protocol-Version", "v999.0.0"));
    JsonNode error = expectError(unsupported, 400, -32022, 7);
    assertEquals("[\"2026-07-28\"]", error.at("/data/supported").toString());
    assertEquals("v999.0.0", error.at("/data/requested").asString());
  }

  @Test
  void mcpMethodMustEqualTheMethodExactly() throws Exception {
    String body = client.body(8, "tools/list", "{}");
    expectError(client.send(body, headers("Mcp-Method", null)), 400, -32020, 8);
    expectError(client.send(body, headers("Mcp-Method", "prompts/list")), 400, -32020, 8);
    expectError(client.send(body, headers("Mcp-Method", "TOOLS/LIST")), 400, -32020, 8);
    assertEquals(200, client.send(body, Map.of("mcp-method", "tools/list")).statusCode());
    assertEquals(200, client.send(body, Map.of("MCP-METHOD", "tools/list")).statusCode());
  }

  @Test
  void mcpNameMustNameTheToolPromptOrResource() throws Exception {
    String body = client.body(9, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}");
    expectError(client.send(body, headers("Mcp-Name", null)), 400, -32020, 9);
    expectError(client.send(body, headers("Mcp-Name", "wrong_tool")), 400, -32020, 9);
    assertEquals(200, client.send(body, Map.of("Mcp-Name", "  echo  ")).statusCode(), "whitespace is trimmed");
    assertEquals(200, client.send(body, Map.of("Mcp-Name", "=?base64?ZWNobw==?=")).statusCode(), "base64 is decoded");
    String read = client.body(10, "resources/read", "{\"uri\":\"test://plain\"}");
    expectError(client.send(read, headers("Mcp-Name", "test://other")), 400, -32020, 10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe",
      "unknown/method"})
  void removedAndUnknownMethodsAre404AndMethodNotFound(String method) throws Exception {
    String params = method.startsWith("resources/") ? "{\"uri\":\"test://plain\"}"
        : method.equals("logging/setLevel") ? "{\"level\":\"info\"}" : "{}";
    expectError(client.send(client.body(500, method, params)), 404, -32601, 500);
  }

  @Test
  void aNotificationIsAcceptedAndABatchOrAResponseIsNot() throws Exception {
    String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,"
        + "\"_meta\":" + client.meta() + "}}";
    assertEquals(202, client.send(notification, Map.of("Mcp-Method", "notifications/cancelled")).statusCode());
    String batch = "[" + client.body(1, "tools/list", "{}") + "]";
    assertEquals(400, client.send(batch, Map.of("Mcp-Method", "tools/list")).statusCode());
    String answer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}";
    assertEquals(400, client.send(answer, Map.of("Mcp-Method", "x")).statusCode());
  }

  @Test
  void progressTravelsOnTheRequestsOwnStreamWithoutEventIds() throws Exception {
    String params = "{\"name\":\"progress\",\"arguments\":{\"steps\":3},\"_meta\":"
        + client.meta().put("progressToken", "p-1") + "}";
    HttpResponse<String> response = client.send(client.body(11, "tools/call", params));
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<SseEvents.Event> events = SseEvents.parse(response.body());
    assertEquals(4, events.size(), response.body());
    for (SseEvents.Event event : events) {
      assertEquals("", event.id(), "no event ids in 2026-07-28: " + response.body());
    }
    assertEquals("p-1", McpClient.JSON.readTree(events.get(0).data()).at("/params/progressToken").asString());
    assertEquals("complete", McpClient.JSON.readTree(events.get(3).data()).at("/result/resultType").asString());
  }

  @Test
  void logMessagesNeedTheRequestsLogLevel() throws Exception {
    HttpResponse<String> silent = client.send(client.body(12, "tools/call",
        "{\"name\":\"log\",\"arguments\":{\"text\":\"t\"}}"));
    assertFalse(silent.body().contains("notifications/message"), silent.body());
    String params = "{\"name\":\"log\",\"arguments\":{\"text\":\"t\"},\"_meta\":"
        + client.meta().put("io.modelcontextprotocol/logLevel", "error") + "}";
    HttpResponse<String> loud = client.send(client.body(13, "tools/call", params));
    List<SseEvents.Event> events = SseEvents.parse(loud.body());
    assertEquals(5, events.size(), "error, critical, alert, emergency, then the result: " + loud.body());
  }

  @Test
  void anUnknownResourceIsInvalidParamsNamingTheUri() throws Exception {
    String uri = "test://nonexistent";
    JsonNode error = McpClient.lastMessage(client.send(client.body(14, "resources/read",
        "{\"uri\":\"" + uri + "\"}"))).get("error");
    assertEquals(-32602, error.get("code").asInt());
    assertEquals(uri, error.at("/data/uri").asString());
  }

  @Test
  void listsAndReadsCarryCacheHints() throws Exception {
    JsonNode tools = client.request(15, "tools/list", "{}").get("result");
    assertEquals(300_000, tools.get("ttlMs").asLong());
    assertEquals("public", tools.get("cacheScope").asString());
    JsonNode fresh = client.request(16, "resources/read", "{\"uri\":\"test://fresh\"}").get("result");
    assertEquals(60_000, fresh.get("ttlMs").asLong());
    assertEquals("private", fresh.get("cacheScope").asString());
    JsonNode plain = client.request(17, "resources/read", "{\"uri\":\"test://plain\"}").get("result");
    assertEquals(0, plain.get("ttlMs").asLong());
    assertEquals("private", plain.get("cacheScope").asString());
    JsonNode call = client.call(18, "echo", "{\"text\":\"x\"}", "{}").get("result");
    assertFalse(call.has("ttlMs"), "a tool result has no cache hint");
  }

  @Test
  void aCapabilityTheClientDidNotDeclareIs400AndMissingCapability() throws Exception {
    StatelessClient plain = new StatelessClient(server.uri()).capabilities("{}");
    HttpResponse<String> response = plain.send(plain.body(401, "tools/call",
        "{\"name\":\"needs_sampling\",\"arguments\":{}}"));
    JsonNode error = expectError(response, 400, -32021, 401);
    assertTrue(error.at("/data/requiredCapabilities/sampling").isObject(), error.toString());
  }

  @Test
  void theTraceContextReachesTheHandler() throws Exception {
    String params = "{\"name\":\"trace\",\"arguments\":{},\"_meta\":" + client.meta()
        .put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").put("tracestate", "a=1") + "}";
    JsonNode result = client.request(19, "tools/call", params).get("result");
    assertEquals("{traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01, tracestate=a=1}",
        result.at("/content/0/text").asString());
  }

  @Test
  void headerArgumentsMustAgreeWithTheBody() throws Exception {
    String body = client.body(200, "tools/call",
        "{\"name\":\"routed\",\"arguments\":{\"region\":\"Hello\",\"count\":42,\"dry\":true}}");
    Map<String, String> good = Map.of("Mcp-Param-Region", "=?base64?SGVsbG8=?=", "Mcp-Param-Count", "42.0",
        "Mcp-Param-Dry", "true");
    assertEquals(200, client.send(body, good).statusCode(), "base64 decoded, numbers compared as numbers");
    expectError(client.send(body, with(good, "Mcp-Param-Region", "=?base64?SGVsbG8?=")), 400, -32020, 200);
    expectError(client.send(body, with(good, "Mcp-Param-Region", "=?base64?SGVs!!!bG8=?=")), 400, -32020, 200);
    expectError(client.send(body, with(good, "Mcp-Param-Region", null)), 400, -32020, 200);
    expectError(client.send(body, with(good, "Mcp-Param-Count", "41")), 400, -32020, 200);
    expectError(client.send(body, with(good, "Mcp-Param-Dry", "TRUE")), 400, -32020, 200);
    String literal = client.body(203, "tools/call", "{\"name\":\"routed\",\"arguments\":{\"region\":\"SGVsbG8=\"}}");
    assertEquals(200, client.send(literal, Map.of("Mcp-Param-Region", "SGVsbG8=")).statusCode(),
        "no wrapper, so a literal");
    String absent = client.body(204, "tools/call", "{\"name\":\"routed\",\"arguments\":{}}");
    assertEquals(200, client.send(absent).statusCode(), "no argument, no header expected");
  }

  private static Map<String, String> headers(String name, String value) {
    java.util.HashMap<String, String> headers = new java.util.HashMap<>();
    headers.put(name, value);
    return headers;
  }

  private static Map<String, String> with(Map<String, String> base, String name, String value) {
    java.util.HashMap<String, String> headers = new java.util.HashMap<>(base);
    headers.put(name, value);
    return headers;
  }

  private static JsonNode expectError(HttpResponse<String> response, int status, int code, long id) {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode message = McpClient.JSON.readTree(response.body());
    assertEquals(code, message.at("/error/code").asInt(), response.body());
    assertEquals(id, message.get("id").asLong(), "the error echoes the request's id: " + response.body());
    return message.get("error");
  }
}
