package dev.switchboard.mcp.transport;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.testing.LogCapture;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.TestServer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Failures nobody used to see, a near-miss path, and the HTTP request a handler can read. */
class NewcomerSurprisesTest {
  private static TestServer server;
  private static McpClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    client = new McpClient(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aToolThatThrowsUnexpectedlyIsLoggedAtWarnWithItsStackTrace() throws Exception {
    String session = client.openSession();
    try (LogCapture log = new LogCapture()) {
      JsonNode result = client.call(session, 1, "throws", "{\"text\":\"boom\"}").get("result");
      assertTrue(result.get("isError").asBoolean());
      String text = log.text();
      assertTrue(text.contains("WARN") && text.contains("tool throws failed"), text);
      assertTrue(text.contains("java.lang.IllegalStateException: tool failed: boom")
          && text.contains("\tat "), "the stack trace is logged: " + text);
    }
  }

  @Test
  void anArgumentErrorIsTheModelsBusinessAndNotAWarning() throws Exception {
    String session = client.openSession();
    try (LogCapture log = new LogCapture()) {
      JsonNode result = client.call(session, 1, "rejects", "{\"text\":\"meh\"}").get("result");
      assertEquals("not a good text: meh", result.at("/content/0/text").asString());
      assertFalse(log.text().contains("WARN"), log.text());
    }
  }

  @Test
  void aNearMissPathGetsAJson404NamingTheEndpoint() {
    URI slash = URI.create(server.uri() + "/");
    McpClient.spec(slash).body(McpClient.initializeBody("2025-11-25")).post().then()
        .statusCode(404).contentType("application/json")
        .body("error.message", equalTo("Not Found: the MCP endpoint is /mcp"));
    McpClient.spec(server.uri().resolve("/elsewhere")).get().then()
        .statusCode(404).contentType("application/json")
        .body("error.message", equalTo("Not Found: the MCP endpoint is /mcp"));
  }

  @Test
  void aHandlerReadsTheRequestsHeadersAndRemoteAddress() throws Exception {
    String session = client.openSession();
    String tenant = McpClient.lastMessage(client.post(session, McpClient.callBody(1, "whoami", "{}")))
        .at("/result/content/0/text").asString();
    assertEquals("no tenant from 127.0.0.1", tenant);
    String withTenant = McpClient.spec(server.uri()).header("Mcp-Session-Id", session).header("X-Tenant", "acme")
        .body(McpClient.callBody(2, "whoami", "{}")).post().then().statusCode(200)
        .extract().jsonPath().getString("result.content[0].text");
    assertEquals("acme from 127.0.0.1", withTenant);
  }
}
