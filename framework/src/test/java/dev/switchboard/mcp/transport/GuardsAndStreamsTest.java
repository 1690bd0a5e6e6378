package dev.switchboard.mcp.transport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.testing.FakeTime;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.TestServer;
import io.restassured.specification.RequestSpecification;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Origin and Host checks, and the GET stream. */
class GuardsAndStreamsTest {
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

  private static RequestSpecification mcp() {
    return McpClient.spec(server.uri());
  }

  @Test
  void foreignOriginIs403() {
    mcp().header("Origin", "http://evil.example.com").body(McpClient.initializeBody("2025-11-25")).post().then()
        .statusCode(403).contentType("application/json").body("error.message", startsWith("Forbidden"));
  }

  @Test
  void localhostOriginOnTheServersPortIsAllowed() {
    int port = server.jetty.port();
    mcp().header("Origin", "http://localhost:" + port).body(McpClient.initializeBody("2025-11-25")).post().then()
        .statusCode(200);
    mcp().header("Origin", "http://127.0.0.1:" + port).body(McpClient.initializeBody("2025-11-25")).post().then()
        .statusCode(200);
  }

  @Test
  void localhostOriginOnAnotherPortIs403() {
    mcp().header("Origin", "http://localhost:1").body(McpClient.initializeBody("2025-11-25")).post().then()
        .statusCode(403);
    mcp().header("Origin", "null").body(McpClient.initializeBody("2025-11-25")).post().then().statusCode(403);
  }

  @Test
  void foreignHostOnALoopbackBindIs403() {
    mcp().header("Host", "evil.example.com:" + server.jetty.port()).body(McpClient.initializeBody("2025-11-25"))
        .post().then().statusCode(403).body("error.message", startsWith("Forbidden: Host"));
  }

  @Test
  void dnsRebindingAttemptIsRefusedOnEveryMethod() {
    for (String method : List.of("GET", "POST", "DELETE")) {
      mcp().header("Host", "evil.example.com").header("Origin", "http://evil.example.com")
          .body(McpClient.initializeBody("2025-11-25")).request(method).then().statusCode(403);
    }
  }

  @Test
  void configuredOriginsReplaceTheDefault() {
    try (TestServer custom = TestServer.start(b -> b.allowedOrigins("https://app.example.com"))) {
      McpClient.spec(custom.uri())
          .header("Origin", "https://APP.example.com").body(McpClient.initializeBody("2025-11-25")).post().then()
          .statusCode(200);
      McpClient.spec(custom.uri())
          .header("Origin", "http://localhost:" + custom.jetty.port()).body(McpClient.initializeBody("2025-11-25"))
          .post().then().statusCode(403);
    }
  }

  @Test
  void getWithoutEventStreamAcceptIs406() throws Exception {
    String id = client.openSession();
    given().baseUri(server.uri().toString()).header("Accept", "application/json").header("Mcp-Session-Id", id)
        .get().then().statusCode(406).body("error.code", equalTo(-32600));
  }

  @Test
  void getWithoutSessionIs400AndUnknownSessionIs404() {
    given().baseUri(server.uri().toString()).header("Accept", "text/event-stream").get().then().statusCode(400);
    given().baseUri(server.uri().toString()).header("Accept", "text/event-stream").header("Mcp-Session-Id", "gone")
        .get().then().statusCode(404);
  }

  @Test
  void getCanBeTurnedOff() {
    try (TestServer noGet = TestServer.start(b -> b.standaloneStream(false))) {
      given().baseUri(noGet.uri().toString()).header("Accept", "text/event-stream").header("Mcp-Session-Id", "x")
          .get().then().statusCode(405).header("Allow", "POST, DELETE").contentType("application/json");
    }
  }

  @Test
  void getStreamHasSseHeadersAndASecondOneIs409() throws Exception {
    String id = client.openSession();
    try (SseEvents stream = client.listen(id)) {
      HttpResponse<?> response = stream.response();
      assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElseThrow());
      assertEquals("no", response.headers().firstValue("X-Accel-Buffering").orElseThrow());
      given().baseUri(server.uri().toString()).header("Accept", "text/event-stream").header("Mcp-Session-Id", id)
          .get().then().statusCode(409).contentType("application/json");
    }
  }

  @Test
  void aNotificationForOneSessionNeverReachesAnothersStream() throws Exception {
    String a = client.openSession();
    String b = client.openSession();
    try (SseEvents streamA = client.listen(a); SseEvents streamB = client.listen(b)) {
      for (int i = 0; i < 20; i++) {
        JsonNode result = client.call(a, i, "notify_session", "{\"text\":\"for-A-" + i + "\"}");
        assertEquals("delivered", result.at("/result/content/0/text").asString());
      }
      JsonNode forB = client.call(b, 1, "notify_session", "{\"text\":\"for-B\"}");
      assertEquals("delivered", forB.at("/result/content/0/text").asString());
      for (int i = 0; i < 20; i++) {
        SseEvents.Event event = streamA.next(Duration.ofSeconds(5));
        assertNotNull(event, "A's notification " + i + " did not arrive");
        assertEquals("for-A-" + i, McpClient.JSON.readTree(event.data()).at("/params/data").asString());
        assertFalse(event.id().isEmpty(), "events carry ids");
      }
      SseEvents.Event onB = streamB.next(Duration.ofSeconds(5));
      assertNotNull(onB);
      assertEquals("for-B", McpClient.JSON.readTree(onB.data()).at("/params/data").asString());
      assertTrue(streamB.drain().isEmpty(), "B's stream carries only B's notification");
      assertTrue(streamA.drain().isEmpty(), "A's stream carries only A's notifications");
    }
  }

  @Test
  void withoutAGetStreamANotificationIsNotDelivered() throws Exception {
    String id = client.openSession();
    JsonNode result = client.call(id, 1, "notify_session", "{\"text\":\"nobody listens\"}");
    assertEquals("no stream", result.at("/result/content/0/text").asString());
  }

  @Test
  void idleGetStreamsGetHeartbeats() throws Exception {
    FakeTime time = new FakeTime();
    Duration heartbeat = Duration.ofSeconds(15);
    try (TestServer fake = TestServer.start(time, b -> b.heartbeatInterval(heartbeat))) {
      McpClient fakeClient = new McpClient(fake.uri());
      String id = fakeClient.openSession();
      try (SseEvents stream = fakeClient.listen(id)) {
        time.advance(heartbeat.minusMillis(1));
        assertEquals(0, stream.comments(), "no heartbeat before its interval");
        time.advance(heartbeat.multipliedBy(3));
        assertTrue(stream.awaitComments(3, Duration.ofSeconds(10)), "heartbeat comments arrive on an idle stream");
      }
    }
  }

  @Test
  void aGetStreamWhoseClientVanishedIsDetachedWithoutEndingTheSession() throws Exception {
    try (TestServer fast = TestServer.start(b -> b.heartbeatInterval(Duration.ofMillis(50)))) {
      McpClient fastClient = new McpClient(fast.uri());
      String id = fastClient.openSession();
      fastClient.listen(id).close(); // the client goes away without a word
      // A heartbeat write fails on the dropped connection, which ends it.
      assertTrue(fast.noStreamsOpen().await(10, TimeUnit.SECONDS), "the dropped stream was never noticed");
      assertFalse(fast.listens(id), "a failed heartbeat write detaches the stream");
      assertTrue(fast.session(id).isOpen(), "the session lives on");
      try (SseEvents again = fastClient.listen(id)) {
        assertEquals("ok", fastClient.call(id, 1, "echo", "{\"text\":\"ok\"}").at("/result/content/0/text").asString());
        JsonNode delivered = fastClient.call(id, 2, "notify_session", "{\"text\":\"again\"}");
        assertEquals("delivered", delivered.at("/result/content/0/text").asString());
        assertNotNull(again.next(Duration.ofSeconds(5)));
      }
    }
  }

  @Test
  void deletingTheSessionClosesItsGetStream() throws Exception {
    String id = client.openSession();
    try (SseEvents stream = client.listen(id)) {
      assertEquals(204, client.delete(id));
      assertEquals(SseEvents.END, stream.next(Duration.ofSeconds(5)));
    }
  }
}
