package dev.switchboard.mcp.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.testing.LogCapture;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * What careless and hostile clients send, one line per case with the answer it must get: framing,
 * sizes, depths, numbers, encodings, headers, ids, batches, methods, session ids, templates, and the
 * 2026-07-28 wire. Every answer is JSON with the expected status and JSON-RPC code, short (a client's
 * megabytes are never echoed back), and quick; afterwards another session still works and nothing was
 * logged at ERROR.
 */
class HostileInputCorpusTest {
  private static final String MIB = "x".repeat(1024 * 1024);
  private static final String V = "2025-11-25";
  private static TestServer server;
  private static HttpClient http;
  private static String session;
  private static String bystander;
  private static LogCapture log;

  /** One hostile request and what it must get. {@code code} null: the body need not be a JSON-RPC error. */
  record Case(String name, String method, Map<String, String> headers, String body, int status, Integer code) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(builder -> builder
        .resourceTemplate(new ResourceTemplate("file:///{+dir}/x/{+file}", "files", null, "two reserved parts",
            "text/plain", List.of()), (uri, variables, ctx) -> ReadResourceResult.of(
                ResourceContents.text(uri, "text/plain", variables.toString())))
        .resourceTemplate(new ResourceTemplate("db://tables/{name}", "tables", null, "a table", "text/plain",
            List.of()), (uri, variables, ctx) -> ReadResourceResult.of(
                ResourceContents.text(uri, "text/plain", variables.get("name")))),
        UnaryOperator.identity());
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    McpClient client = new McpClient(server.uri());
    session = client.openSession(V);
    bystander = client.openSession(V);
    log = new LogCapture();
  }

  @AfterAll
  static void stop() {
    log.close();
    server.close();
  }

  private static Map<String, String> json() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json, text/event-stream");
    return headers;
  }

  private static Map<String, String> inSession() {
    Map<String, String> headers = json();
    headers.put("Mcp-Session-Id", "SESSION");
    headers.put("MCP-Protocol-Version", V);
    return headers;
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> changed = new LinkedHashMap<>(headers);
    if (value == null) {
      changed.remove(name);
    } else {
      changed.put(name, value);
    }
    return changed;
  }

  private static String rpc(Object id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  private static Case post(String name, Map<String, String> headers, String body, int status, Integer code) {
    return new Case(name, "POST", headers, body, status, code);
  }

  private static Case call(String name, String method, String params, int status, Integer code) {
    return post(name, inSession(), rpc(7, method, params), status, code);
  }

  private static String deep(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static Map<String, String> modern(String method, String name) {
    Map<String, String> headers = json();
    headers.put("MCP-Protocol-Version", StatelessClient.VERSION);
    headers.put("Mcp-Method", method);
    if (name != null) {
      headers.put("Mcp-Name", name);
    }
    return headers;
  }

  private static final String META = "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";

  private static String modernCall(Object id, String tool, String extra) {
    return rpc(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":{\"text\":\"t\"}" + extra + ",\"_meta\":"
        + META + "}");
  }

  static Stream<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    String list = rpc(1, "tools/list", "{}");
    // Framing and media types
    cases.add(post("no content type", with(inSession(), "Content-Type", null), list, 415, -32600));
    cases.add(post("text/plain body", with(inSession(), "Content-Type", "text/plain"), list, 415, -32600));
    cases.add(post("form body", with(inSession(), "Content-Type", "application/x-www-form-urlencoded"), list, 415,
        -32600));
    cases.add(post("no Accept admits everything", with(inSession(), "Accept", null), list, 200, null));
    cases.add(post("Accept json only", with(inSession(), "Accept", "application/json"), list, 406, -32600));
    cases.add(post("Accept sse only", with(inSession(), "Accept", "text/event-stream"), list, 406, -32600));
    cases.add(post("Accept garbage", with(inSession(), "Accept", ";;;,,,q=x"), list, 406, -32600));
    cases.add(post("body over 4 MiB", inSession(), "{\"a\":\"" + MIB.repeat(4) + "\"}", 413, -32600));
    cases.add(post("empty body", inSession(), "", 400, -32700));
    cases.add(post("whitespace body", inSession(), "   \n  ", 400, -32700));
    cases.add(post("truncated JSON", inSession(), "{\"jsonrpc\":\"2.0\",", 400, -32700));
    cases.add(post("trailing garbage", inSession(), list + "}}}", 400, -32700));
    cases.add(post("duplicate keys", inSession(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}", 400,
        -32700));
    cases.add(post("single quotes", inSession(), "{'jsonrpc':'2.0'}", 400, -32700));
    cases.add(post("comments", inSession(), "/* hi */" + list, 400, -32700));
    cases.add(post("NaN literal", inSession(), rpc(1, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"n\":NaN}}"), 400,
        -32700));
    cases.add(post("replacement character in method", inSession(), rpc(1, "p\ufffd", "{}"), 200, -32601));
    cases.add(post("JSON null", inSession(), "null", 400, -32600));
    cases.add(post("JSON string", inSession(), "\"text\"", 400, -32600));
    cases.add(post("JSON number", inSession(), "17", 400, -32600));
    cases.add(post("JSON true", inSession(), "true", 400, -32600));
    cases.add(post("empty batch", inSession(), "[]", 400, -32600));
    // Depths and sizes
    cases.add(post("nesting 65 deep", inSession(), rpc(1, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"a\":"
        + deep(65) + "}}"), 400, -32600));
    cases.add(post("nesting 10,000 deep", inSession(), deep(10_000), 400, -32600));
    cases.add(post("a million tiny arrays", inSession(), "[" + "[],".repeat(1_000_000) + "[]]", 400, -32600));
    cases.add(post("a 300-digit number", inSession(), rpc(1, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"n\":"
        + "9".repeat(300) + "}}"), 400, -32600));
    cases.add(post("batch of 101", inSession(), "[" + String.join(",", java.util.Collections.nCopies(101,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"}")) + "]", 400, -32600));
    cases.add(post("batch in a 2025-11-25 session", inSession(), "[" + list + "]", 400, -32600));
    cases.add(call("1 MiB argument is served", "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"" + MIB
        + "\"}}", 200, null));
    // Ids
    cases.add(post("id 1e400", inSession(), rpc("1e400", "ping", "{}"), 400, -32600));
    cases.add(post("id 1.5", inSession(), rpc("1.5", "ping", "{}"), 400, -32600));
    cases.add(post("id 2^64", inSession(), rpc("18446744073709551616", "ping", "{}"), 400, -32600));
    cases.add(post("id true", inSession(), rpc("true", "ping", "{}"), 400, -32600));
    cases.add(post("id null", inSession(), rpc("null", "ping", "{}"), 400, -32600));
    cases.add(post("id object", inSession(), rpc("{}", "ping", "{}"), 400, -32600));
    cases.add(post("id array", inSession(), rpc("[1]", "ping", "{}"), 400, -32600));
    cases.add(post("id -0", inSession(), rpc("-0", "ping", "{}"), 200, null));
    cases.add(post("id max long", inSession(), rpc("9223372036854775807", "ping", "{}"), 200, null));
    cases.add(post("id 1 MiB string", inSession(), rpc("\"" + MIB + "\"", "ping", "{}"), 400, -32600));
    // Envelope
    cases.add(post("method a number", inSession(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", 400, -32600));
    cases.add(post("method empty", inSession(), rpc(1, "", "{}"), 400, -32600));
    cases.add(post("jsonrpc 1.0", inSession(), "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", 400, -32600));
    cases.add(post("no jsonrpc", inSession(), "{\"id\":1,\"method\":\"ping\"}", 400, -32600));
    cases.add(post("params a string", inSession(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":\"x\"}",
        400, -32600));
    cases.add(post("result and error", inSession(),
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}", 400, -32600));
    // Methods and parameters
    cases.add(call("unknown method", "no/such", "{}", 200, -32601));
    cases.add(call("1 MiB method name", MIB, "{}", 200, -32601));
    cases.add(call("method with NUL", "tools/list\\u0000", "{}", 200, -32601));
    cases.add(call("unknown tool", "tools/call", "{\"name\":\"nope\",\"arguments\":{}}", 200, -32602));
    cases.add(call("3 MiB tool name", "tools/call", "{\"name\":\"" + MIB.repeat(3) + "\"}", 200, -32602));
    cases.add(call("tool name a number", "tools/call", "{\"name\":5}", 200, -32602));
    cases.add(call("no tool name", "tools/call", "{}", 200, -32602));
    cases.add(call("params null", "tools/call", "null", 400, -32600));
    cases.add(call("no params", "tools/call", "{}", 200, -32602));
    cases.add(call("arguments a string", "tools/call", "{\"name\":\"echo\",\"arguments\":\"x\"}", 200, -32602));
    cases.add(call("arguments an array", "tools/call", "{\"name\":\"echo\",\"arguments\":[1]}", 200, -32602));
    cases.add(call("argument of the wrong type", "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":5}}", 200,
        null));
    cases.add(call("progress token 1e400", "tools/call", "{\"name\":\"progress\",\"arguments\":{\"steps\":1},"
        + "\"_meta\":{\"progressToken\":1e400}}", 200, null));
    cases.add(call("unknown prompt", "prompts/get", "{\"name\":\"nope\"}", 200, -32602));
    cases.add(call("completion without ref", "completion/complete", "{}", 200, -32602));
    cases.add(call("log level unknown", "logging/setLevel", "{\"level\":\"loud\"}", 200, -32602));
    cases.add(call("log level 1 MiB", "logging/setLevel", "{\"level\":\"" + MIB + "\"}", 200, -32602));
    cases.add(call("log level a number", "logging/setLevel", "{\"level\":3}", 200, -32602));
    cases.add(call("cursor a number", "tools/list", "{\"cursor\":5}", 200, -32602));
    cases.add(call("cursor garbage", "tools/list", "{\"cursor\":\"%%%\"}", 200, -32602));
    // Resources and templates
    cases.add(call("unknown resource", "resources/read", "{\"uri\":\"x://nope\"}", 200, -32002));
    cases.add(call("3 MiB resource URI", "resources/read", "{\"uri\":\"x://" + MIB.repeat(3) + "\"}", 200, -32002));
    cases.add(call("template with %zz", "resources/read", "{\"uri\":\"db://tables/a%zz\"}", 200, -32602));
    cases.add(call("template with %", "resources/read", "{\"uri\":\"db://tables/100%\"}", 200, -32602));
    cases.add(call("two {+x} and 3 MiB, served", "resources/read", "{\"uri\":\"file:///" + "a/x/".repeat(700_000)
        + "\"}", 200, null));
    cases.add(call("two {+x} near miss", "resources/read", "{\"uri\":\"file:///" + "ax".repeat(1_000_000) + "\"}",
        200, -32002));
    cases.add(call("uri a number", "resources/read", "{\"uri\":5}", 200, -32602));
    cases.add(call("subscribe 3 MiB uri", "resources/subscribe", "{\"uri\":\"x://" + MIB.repeat(3) + "\"}", 200,
        -32602));
    cases.add(call("subscribe without uri", "resources/subscribe", "{}", 200, -32602));
    // Notifications and responses
    cases.add(post("cancelled with id 1e400", inSession(),
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1e400}}", 202, null));
    cases.add(post("cancelled without params", inSession(),
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\"}", 202, null));
    cases.add(post("unknown notification", inSession(), "{\"jsonrpc\":\"2.0\",\"method\":\"" + MIB + "\"}", 202, null));
    cases.add(post("answer to nothing", inSession(), "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}", 202, null));
    cases.add(post("error answer to nothing", inSession(),
        "{\"jsonrpc\":\"2.0\",\"id\":99,\"error\":{\"code\":1,\"message\":\"m\"}}", 202, null));
    // Session ids and headers
    cases.add(post("no session id", with(inSession(), "Mcp-Session-Id", null), list, 400, -32600));
    cases.add(post("unknown session id", with(inSession(), "Mcp-Session-Id", "nope"), list, 404, -32600));
    cases.add(post("2 KB session id", with(inSession(), "Mcp-Session-Id", "s".repeat(2048)), list, 404, -32600));
    cases.add(post("session id with spaces", with(inSession(), "Mcp-Session-Id", "a b c"), list, 404, -32600));
    cases.add(post("unsupported version header", with(inSession(), "MCP-Protocol-Version", "1999-01-01"), list, 400,
        -32600));
    cases.add(post("1 KB version header", with(inSession(), "MCP-Protocol-Version", "v".repeat(1024)), list, 400,
        -32600));
    cases.add(post("evil Origin", with(inSession(), "Origin", "http://evil.example"), list, 403, -32600));
    cases.add(post("garbage Origin", with(inSession(), "Origin", "::::"), list, 403, -32600));
    cases.add(post("initialize in a batch", json(), "[" + McpClient.initializeBody(V) + "]", 400, -32600));
    cases.add(post("initialize with a session id", inSession(), McpClient.initializeBody(V), 400, -32600));
    cases.add(post("initialize without a version", json(), rpc(0, "initialize", "{}"), 400, -32602));
    cases.add(post("initialize with 1 MiB client name", json(), rpc(0, "initialize", "{\"protocolVersion\":\"" + V
        + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"" + MIB + "\",\"version\":\"1\"}}"), 200, null));
    cases.add(post("initialize with 20,000 capabilities", json(), rpc(0, "initialize", "{\"protocolVersion\":\"" + V
        + "\",\"capabilities\":{" + capabilities(20_000) + "},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}"), 200,
        null));
    cases.add(new Case("GET without event-stream", "GET", with(inSession(), "Accept", "application/json"), "", 406,
        -32600));
    cases.add(new Case("GET unknown session", "GET", with(with(inSession(), "Accept", "text/event-stream"),
        "Mcp-Session-Id", "nope"), "", 404, -32600));
    cases.add(new Case("GET malformed Last-Event-ID", "GET", with(with(inSession(), "Accept", "text/event-stream"),
        "Last-Event-ID", "x-y-z"), "", 400, -32600));
    cases.add(new Case("GET unknown Last-Event-ID", "GET", with(with(inSession(), "Accept", "text/event-stream"),
        "Last-Event-ID", "999-999"), "", 400, -32600));
    cases.add(new Case("DELETE unknown session", "DELETE", with(inSession(), "Mcp-Session-Id", "nope"), "", 404,
        -32600));
    cases.add(new Case("PUT", "PUT", inSession(), list, 405, -32600));
    cases.add(new Case("PATCH", "PATCH", inSession(), list, 405, -32600));
    // The 2026-07-28 wire
    String call = modernCall(1, "echo", "");
    cases.add(post("stateless without version header", with(modern("tools/call", "echo"), "MCP-Protocol-Version",
        null), call, 400, -32020));
    cases.add(post("stateless without _meta", modern("tools/call", "echo"), rpc(1, "tools/call",
        "{\"name\":\"echo\"}"), 400, -32602));
    cases.add(post("stateless version mismatch", with(modern("tools/call", "echo"), "MCP-Protocol-Version",
        "2030-01-01"), call, 400, -32020));
    cases.add(post("stateless unsupported version", with(modern("tools/call", "echo"), "MCP-Protocol-Version",
        "v9"), call.replace("2026-07-28", "v9"), 400, -32022));
    cases.add(post("stateless without Mcp-Method", with(modern("tools/call", "echo"), "Mcp-Method", null), call, 400,
        -32020));
    cases.add(post("stateless Mcp-Method 1 KB", with(modern("tools/call", "echo"), "Mcp-Method", "m".repeat(1024)),
        call, 400, -32020));
    cases.add(post("stateless without Mcp-Name", modern("tools/call", null), call, 400, -32020));
    cases.add(post("stateless Mcp-Name bad base64", modern("tools/call", "=?base64?ZWNob?="), call, 400, -32020));
    cases.add(post("stateless Mcp-Name non-ASCII", modern("tools/call", "=?base64?w6k=?="), call, 400, -32020));
    cases.add(post("stateless initialize", modern("initialize", null), rpc(1, "initialize", "{\"_meta\":" + META
        + "}"), 404, -32601));
    cases.add(post("stateless ping", modern("ping", null), rpc(1, "ping", "{\"_meta\":" + META + "}"), 404, -32601));
    cases.add(post("stateless batch", modern("tools/call", "echo"), "[" + call + "]", 400, -32600));
    cases.add(post("stateless response", modern("x", null), "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"_meta\":"
        + META + "}}", 400, -32600));
    cases.add(post("stateless notification", modern("notifications/x", null),
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\",\"params\":{\"_meta\":" + META + "}}", 202, null));
    cases.add(post("stateless log level unknown", modern("tools/call", "echo"), call.replace(
        "\"io.modelcontextprotocol/clientCapabilities\"", "\"io.modelcontextprotocol/logLevel\":\"loud\","
        + "\"io.modelcontextprotocol/clientCapabilities\""), 400, -32602));
    cases.add(post("stateless capabilities a string", modern("tools/call", "echo"), call.replace(
        "{\"elicitation\":{}}", "\"all\""), 400, -32602));
    cases.add(post("stateless id 1e400", modern("tools/call", "echo"), modernCall("1e400", "echo", ""), 400, -32600));
    cases.add(post("stateless tampered state", modern("tools/call", "echo"), modernCall(1, "echo",
        ",\"requestState\":\"abc.def\""), 200, -32602));
    cases.add(post("stateless state a number", modern("tools/call", "echo"), modernCall(1, "echo",
        ",\"requestState\":5"), 200, -32602));
    cases.add(post("stateless answers an array", modern("tools/call", "echo"), modernCall(1, "echo",
        ",\"inputResponses\":[1]"), 200, -32602));
    cases.add(post("stateless 3 MiB state", modern("tools/call", "echo"), modernCall(1, "echo",
        ",\"requestState\":\"" + MIB.repeat(3) + "\""), 200, -32602));
    cases.add(post("stateless listen without filter", modern("subscriptions/listen", null), rpc(1,
        "subscriptions/listen", "{\"_meta\":" + META + "}"), 200, -32602));
    cases.add(post("stateless subscribe 3 MiB URIs", modern("subscriptions/listen", null), rpc(1,
        "subscriptions/listen", "{\"notifications\":{\"resourceSubscriptions\":5},\"_meta\":" + META + "}"), 200,
        -32602));
    return cases.stream();
  }

  private static String capabilities(int count) {
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":{\"f\":true}");
    }
    return json.toString();
  }

  @Test
  void theCorpusHasAHundredCasesOrMore() {
    assertTrue(corpus().count() >= 100, "cases: " + corpus().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachHostileRequestGetsItsAnswer(Case hostile) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>(hostile.headers());
    headers.replaceAll((name, value) -> value.equals("SESSION") ? session : value);
    long started = System.nanoTime();
    HttpResponse<String> response = send(hostile.method(), headers, hostile.body());
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(hostile.status(), response.statusCode(), hostile + ": " + clip(response.body()));
    assertTrue(millis < 5_000, hostile + " took " + millis + " ms");
    assertTrue(response.body().length() < 64 * 1024 || hostile.name().contains("served"),
        hostile + ": a client's megabytes are not echoed (" + response.body().length() + " chars)");
    assertFalse(response.body().contains("Infinity"), hostile + ": " + clip(response.body()));
    if (hostile.code() != null) {
      String type = response.headers().firstValue("Content-Type").orElse("");
      assertTrue(type.startsWith("application/json") || type.startsWith("text/event-stream"), hostile + ": " + type);
      JsonNode message = McpClient.lastMessage(response);
      assertEquals(hostile.code().intValue(), message.at("/error/code").asInt(), hostile + ": " + clip(response.body()));
      assertFalse(message.at("/error/message").asString("").contains("\tat "), "no stack trace");
    }
  }

  @Test
  void jettysOwnErrorsAreJsonToo() throws Exception {
    String hugeHeader = raw("POST /mcp HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000)
        + "\r\nContent-Length: 0\r\n\r\n");
    assertTrue(hugeHeader.startsWith("HTTP/1.1 431"), hugeHeader);
    assertTrue(hugeHeader.contains("application/json") && hugeHeader.contains("\"jsonrpc\":\"2.0\""), hugeHeader);
    String badLine = raw("POST /mcp HTTP/9.9 garbage\r\nHost: localhost\r\n\r\n");
    assertTrue(badLine.startsWith("HTTP/1.1 4"), badLine);
    assertTrue(badLine.contains("\"jsonrpc\":\"2.0\""), badLine);
    String evilHost = raw("POST /mcp HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    assertTrue(evilHost.startsWith("HTTP/1.1 403"), evilHost);
  }

  @Test
  void afterTheCorpusAnotherSessionIsServedAndNothingWasLoggedAsAnError() throws Exception {
    eachOnce();
    JsonNode echo = new McpClient(server.uri()).call(bystander, 1, "echo", "{\"text\":\"still here\"}");
    assertEquals("still here", echo.at("/result/content/0/text").asString());
    String logged = log.text();
    assertFalse(logged.contains(":ERROR:") || logged.contains(" ERROR "), "nothing at ERROR:\n" + clip(logged));
  }

  private static void eachOnce() throws Exception {
    for (Case hostile : corpus().toList()) {
      Map<String, String> headers = new LinkedHashMap<>(hostile.headers());
      headers.replaceAll((name, value) -> value.equals("SESSION") ? session : value);
      send(hostile.method(), headers, hostile.body());
    }
  }

  private static HttpResponse<String> send(String method, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri()).timeout(Duration.ofSeconds(30))
        .method(method, body.isEmpty() && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(builder::header);
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The server closes the connection after some refusals (413, 431); a pooled connection may be
      // reused just as it closes. A real client retries once, and so does this one.
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static String raw(String request) throws IOException {
    URI uri = server.uri();
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          read.write(buffer, 0, n);
          if (read.toString(StandardCharsets.UTF_8).contains("}")) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
        // what arrived is the answer
      }
      return read.toString(StandardCharsets.UTF_8);
    }
  }

  private static String clip(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "…" : text;
  }
}
