package dev.switchboard.mcp.transport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.TestServer;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every status and error body of POST, over real HTTP. */
class PostRulesTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(b -> b.maxRequestBytes(64 * 1024));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RequestSpecification mcp() {
    return given().baseUri(server.uri().toString()).urlEncodingEnabled(false)
        .header("Accept", McpClient.ACCEPT).contentType("application/json");
  }

  private static String session(String version) {
    return mcp().body(McpClient.initializeBody(version)).post().then().statusCode(200)
        .extract().header("Mcp-Session-Id");
  }

  @Test
  void initializeCreatesASessionWithASecureVisibleAsciiId() {
    mcp().body(McpClient.initializeBody("2025-06-18")).post().then()
        .statusCode(200)
        .contentType("application/json")
        .header("Mcp-Session-Id", matchesPattern("[\\x21-\\x7E]{22,}"))
        .body("jsonrpc", equalTo("2.0"))
        .body("id", equalTo(0))
        .body("result.protocolVersion", equalTo("2025-06-18"))
        .body("result.serverInfo.name", equalTo("test-server"))
        .body("result.capabilities.tools", notNullValue());
  }

  @Test
  void initializeWithAnUnknownVersionNegotiatesTheNewest() {
    mcp().body(McpClient.initializeBody("2031-01-01")).post().then()
        .statusCode(200).body("result.protocolVersion", equalTo("2025-11-25"));
  }

  @Test
  void initializeWithoutProtocolVersionIsInvalidParams() {
    mcp().body("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"initialize\",\"params\":{}}").post().then()
        .statusCode(400).header("Mcp-Session-Id", nullValue())
        .body("id", equalTo("a")).body("error.code", equalTo(-32602));
  }

  @Test
  void sessionIdsAreUnique() {
    String a = session("2025-11-25");
    String b = session("2025-11-25");
    Assertions.assertNotEquals(a, b);
  }

  @Test
  void acceptWithoutEventStreamIs406() {
    given().baseUri(server.uri().toString()).header("Accept", "application/json").contentType("application/json")
        .body(McpClient.initializeBody("2025-11-25")).post().then()
        .statusCode(406).contentType("application/json")
        .body("jsonrpc", equalTo("2.0")).body("error.code", equalTo(-32600))
        .body("error.message", startsWith("Not Acceptable"));
  }

  @Test
  void acceptWithZeroQualityIs406() {
    given().baseUri(server.uri().toString()).header("Accept", "application/json, text/event-stream;q=0")
        .contentType("application/json").body(McpClient.initializeBody("2025-11-25")).post().then()
        .statusCode(406);
  }

  @Test
  void wildcardAcceptIsEnough() {
    given().baseUri(server.uri().toString()).header("Accept", "*/*").contentType("application/json")
        .body(McpClient.initializeBody("2025-11-25")).post().then().statusCode(200);
  }

  @Test
  void wrongContentTypeIs415() {
    mcp().contentType("text/plain").body(McpClient.initializeBody("2025-11-25")).post().then()
        .statusCode(415).body("error.code", equalTo(-32600))
        .body("error.message", startsWith("Unsupported Media Type"));
  }

  @Test
  void contentTypeWithCharsetIsAccepted() {
    mcp().contentType("application/json; charset=utf-8").body(McpClient.initializeBody("2025-11-25")).post()
        .then().statusCode(200);
  }

  @Test
  void bodyOverTheLimitIs413() {
    String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}}";
    mcp().body(big).post().then().statusCode(413).body("error.message", startsWith("Payload Too Large"));
  }

  @Test
  void chunkedBodyOverTheLimitIs413() {
    byte[] big = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    mcp().body(new ByteArrayInputStream(big)).post().then().statusCode(413);
  }

  @Test
  void invalidJsonIsParseError() {
    mcp().body("{\"jsonrpc\": \"2.0\", \"id\": 1, ").post().then()
        .statusCode(400).body("error.code", equalTo(-32700)).body("id", nullValue())
        .body(not(containsString("Exception")));
  }

  @Test
  void emptyBodyIsParseError() {
    mcp().body("").post().then().statusCode(400).body("error.code", equalTo(-32700));
  }

  @Test
  void jsonThatIsNotJsonRpcIsInvalidRequest() {
    mcp().body("{\"hello\":\"world\"}").post().then().statusCode(400).body("error.code", equalTo(-32600));
    mcp().body("[]").post().then().statusCode(400).body("error.code", equalTo(-32600));
    mcp().body("42").post().then().statusCode(400).body("error.code", equalTo(-32600));
  }

  @Test
  void nullIdIsInvalidRequest() {
    mcp().body("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"initialize\",\"params\":{}}").post().then()
        .statusCode(400).body("error.code", equalTo(-32600));
  }

  @Test
  void wrongJsonRpcVersionIsInvalidRequestWithTheIdEchoed() {
    mcp().body("{\"jsonrpc\":\"1.0\",\"id\":\"x7\",\"method\":\"ping\"}").post().then()
        .statusCode(400).body("error.code", equalTo(-32600)).body("id", equalTo("x7"));
  }

  @Test
  void requestWithoutSessionIs400() {
    mcp().body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").post().then()
        .statusCode(400).body("error.code", equalTo(-32600)).body("error.message", containsString("Mcp-Session-Id"));
  }

  @Test
  void unknownSessionIs404() {
    mcp().header("Mcp-Session-Id", "no-such-session").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
        .post().then().statusCode(404).contentType("application/json").body("error.message", startsWith("Session not found"));
  }

  @Test
  void deleteEndsTheSessionThen404() {
    String id = session("2025-11-25");
    mcp().header("Mcp-Session-Id", id).delete().then().statusCode(204).body(emptyString());
    mcp().header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post().then()
        .statusCode(404);
    mcp().header("Mcp-Session-Id", id).delete().then().statusCode(404);
  }

  @Test
  void deleteWithoutSessionIs400() {
    mcp().delete().then().statusCode(400).body("error.code", equalTo(-32600));
  }

  @Test
  void notificationsAndResponsesAre202WithNoBody() {
    String id = session("2025-11-25");
    mcp().header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .post().then().statusCode(202).body(emptyString());
    mcp().header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}")
        .post().then().statusCode(202).body(emptyString());
    mcp().header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/unheard-of\"}")
        .post().then().statusCode(202);
  }

  @Test
  void unsupportedProtocolVersionHeaderIs400() {
    String id = session("2025-11-25");
    mcp().header("Mcp-Session-Id", id).header("MCP-Protocol-Version", "1999-01-01")
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post().then()
        .statusCode(400).body("error.message", containsString("1999-01-01"))
        .body("error.message", containsString("2025-11-25"));
  }

  @Test
  void knownProtocolVersionHeaderOrNoneIsAccepted() {
    String id = session("2025-06-18");
    mcp().header("Mcp-Session-Id", id).header("MCP-Protocol-Version", "2025-06-18")
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post().then().statusCode(200)
        .body("result", notNullValue());
    mcp().header("Mcp-Session-Id", id)
        .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").post().then().statusCode(200);
  }

  @Test
  void batchesAreRefusedAfter2025_03_26() {
    String id = session("2025-06-18");
    mcp().header("Mcp-Session-Id", id)
        .body("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]")
        .post().then().statusCode(400).body("error.code", equalTo(-32600)).body("error.message", containsString("batch"));
  }

  @Test
  void batchesAreServedIn2025_03_26() {
    String id = session("2025-03-26");
    mcp().header("Mcp-Session-Id", id)
        .body("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"in a batch\"}}},"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope\"},"
            + "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"ping\"}]")
        .post().then().statusCode(200).contentType("application/json")
        .body("$", hasSize(4))
        .body("find { it.id == 1 }.result", notNullValue())
        .body("find { it.id == 'b' }.result.content[0].text", equalTo("in a batch"))
        .body("find { it.id == 3 }.error.code", equalTo(-32601))
        .body("find { it.id == 4 }.error.code", equalTo(-32600));
  }

  @Test
  void batchOfNotificationsIs202() {
    String id = session("2025-03-26");
    mcp().header("Mcp-Session-Id", id)
        .body("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}]")
        .post().then().statusCode(202).body(emptyString());
  }

  @Test
  void initializeInABatchIsRefused() {
    mcp().body("[" + McpClient.initializeBody("2025-03-26") + "]").post().then()
        .statusCode(400).body("error.code", equalTo(-32600)).header("Mcp-Session-Id", nullValue());
  }

  @Test
  void initializeOnAnExistingSessionIsRefused() {
    String id = session("2025-11-25");
    mcp().header("Mcp-Session-Id", id).body(McpClient.initializeBody("2025-11-25")).post().then()
        .statusCode(400).body("error.code", equalTo(-32600)).body("id", equalTo(0));
  }

  @Test
  void pingAnswersAnEmptyObject() {
    String id = session("2025-11-25");
    mcp().header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}").post().then()
        .statusCode(200).contentType("application/json").body("id", equalTo("p")).body("result.size()", equalTo(0));
  }

  @Test
  void unknownMethodIsMethodNotFound() {
    String id = session("2025-11-25");
    mcp().header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/teleport\"}")
        .post().then().statusCode(200).body("id", equalTo(7)).body("error.code", equalTo(-32601));
  }

  @Test
  void unknownToolIsInvalidParams() {
    String id = session("2025-11-25");
    mcp().header("Mcp-Session-Id", id).body(McpClient.callBody(8, "no_such_tool", "{}")).post().then()
        .statusCode(200).body("id", equalTo(8)).body("error.code", equalTo(-32602))
        .body("error.message", containsString("no_such_tool"));
  }

  @Test
  void anUnexpectedToolExceptionIsAToolErrorWithAReferenceNotItsMessage() {
    String id = session("2025-11-25");
    mcp().header("Mcp-Session-Id", id).body(McpClient.callBody(9, "throws", "{\"text\":\"boom\"}")).post().then()
        .statusCode(200).body("result.isError", equalTo(true))
        .body("result.content[0].text", matchesPattern("The tool failed unexpectedly \\(reference [0-9a-f]{8}\\);"
            + " the server's log has the details"))
        .body(not(containsString("boom"))).body(not(containsString("at dev.switchboard")));
  }

  @Test
  void handlersRunOffTheContainerThreadOnVirtualThreadsWhenAvailable() {
    String id = session("2025-11-25");
    String thread = mcp().header("Mcp-Session-Id", id).body(McpClient.callBody(1, "thread", "{}")).post().then()
        .statusCode(200).extract().path("result.content[0].text");
    Assertions.assertFalse(thread.contains("mcp-jetty"), thread);
    if (Runtime.version().feature() >= 21) {
      Assertions.assertTrue(thread.startsWith("VirtualThread"), thread);
    } else {
      Assertions.assertTrue(thread.contains("mcp-handler-"), thread);
    }
  }

  @Test
  void invalidLogLevelIsInvalidParams() {
    String id = session("2025-11-25");
    mcp().header("Mcp-Session-Id", id)
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loud\"}}")
        .post().then().statusCode(200).body("error.code", equalTo(-32602));
  }

  @Test
  void otherHttpMethodsAre405WithAllow() {
    given().baseUri(server.uri().toString()).put().then()
        .statusCode(405).header("Allow", "GET, POST, DELETE").contentType("application/json")
        .body("error.code", equalTo(-32600));
  }

  @Test
  void unknownPathsGetJsonNotHtml() {
    given().baseUri(server.uri().resolve("/elsewhere").toString()).get().then()
        .statusCode(404).contentType("application/json").body(not(containsString("<html")));
  }
}
