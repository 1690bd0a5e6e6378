package dev.switchboard.mcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.testing.TestTools;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Server-to-client requests on a call's stream, and what does and does not cancel a call. */
class ClientRequestsAndCancellationTest {
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
  void aServerRequestGoesOnTheCallsStreamAndTheClientsAnswerCompletesIt() throws Exception {
    String session = client.openSession();
    HttpResponse<InputStream> response =
        client.postStreaming(session, McpClient.callBody(11, "ask_client", "{\"method\":\"ping\"}"));
    assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
    try (SseEvents events = SseEvents.of(response)) {
      SseEvents.Event first = events.nextMessage(Duration.ofSeconds(10));
      assertNotNull(first);
      JsonNode request = McpClient.JSON.readTree(first.data());
      assertEquals("ping", request.get("method").asString());
      assertEquals("ask_client", request.at("/params/from").asString());
      // Answer at once, as a fast client would.
      HttpResponse<String> ack = client.post(session,
          "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":{\"answer\":42}}");
      assertEquals(202, ack.statusCode());
      assertTrue(ack.body().isEmpty());
      SseEvents.Event result = events.nextMessage(Duration.ofSeconds(10));
      assertNotNull(result);
      JsonNode reply = McpClient.JSON.readTree(result.data());
      assertEquals(11, reply.get("id").asInt());
      assertEquals("client said {\"answer\":42}", reply.at("/result/content/0/text").asString());
      assertEquals(SseEvents.END, events.nextMessage(Duration.ofSeconds(10)));
    }
    assertEquals(0, pending(session));
  }

  @Test
  void aClientErrorAnswerReachesTheHandler() throws Exception {
    String session = client.openSession();
    HttpResponse<InputStream> response =
        client.postStreaming(session, McpClient.callBody(12, "ask_client", "{\"method\":\"roots/list\"}"));
    try (SseEvents events = SseEvents.of(response)) {
      JsonNode request = McpClient.JSON.readTree(events.nextMessage(Duration.ofSeconds(10)).data());
      client.post(session, "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id")
          + ",\"error\":{\"code\":-32601,\"message\":\"roots not supported\"}}");
      JsonNode reply = McpClient.JSON.readTree(events.nextMessage(Duration.ofSeconds(10)).data());
      assertEquals(-32601, reply.at("/error/code").asInt());
      assertEquals("roots not supported", reply.at("/error/message").asString());
    }
  }

  @Test
  void anUnansweredServerRequestTimesOutAndIsForgotten() throws Exception {
    String session = client.openSession();
    JsonNode reply = client.call(session, 13, "ask_client", "{\"method\":\"ping\",\"timeoutMillis\":200}");
    assertTrue(reply.at("/result/isError").asBoolean());
    assertTrue(reply.at("/result/content/0/text").asString().contains("no response within"));
    assertEquals(0, pending(session));
  }

  @Test
  void cancellationInterruptsTheHandlerAndNoResponseIsSent() throws Exception {
    String session = client.openSession();
    TestTools.Probe probe = server.tools.probe("cancel-me");
    CompletableFuture<HttpResponse<String>> call =
        client.postAsync(session, McpClient.callBody("c-1", "slow", "{\"key\":\"cancel-me\"}"));
    assertTrue(probe.started.await(10, TimeUnit.SECONDS));
    HttpResponse<String> ack = client.post(session,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"c-1\",\"reason\":\"user\"}}");
    assertEquals(202, ack.statusCode());
    assertTrue(probe.finished.await(10, TimeUnit.SECONDS));
    assertTrue(probe.interrupted);
    assertTrue(probe.cancelAction.await(10, TimeUnit.SECONDS), "the handler's onCancel action ran");
    HttpResponse<String> response = call.get(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode());
    assertTrue(SseEvents.messages(SseEvents.parse(response.body())).isEmpty(),
        "a cancelled request gets no response: " + response.body());
    assertEquals("alive", client.call(session, 2, "echo", "{\"text\":\"alive\"}").at("/result/content/0/text").asString());
  }

  @Test
  void cancellingAnIdOfAnotherSessionCancelsNothing() throws Exception {
    String owner = client.openSession();
    String other = client.openSession();
    TestTools.Probe probe = server.tools.probe("not-yours");
    CompletableFuture<HttpResponse<String>> call =
        client.postAsync(owner, McpClient.callBody(1, "slow", "{\"key\":\"not-yours\",\"millis\":300}"));
    assertTrue(probe.started.await(10, TimeUnit.SECONDS));
    client.post(other, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
    assertEquals("waited not-yours", McpClient.lastMessage(call.get(10, TimeUnit.SECONDS))
        .at("/result/content/0/text").asString());
    assertFalse(probe.interrupted);
  }

  @Test
  void aDroppedConnectionDoesNotCancelTheCall() throws Exception {
    String session = client.openSession();
    TestTools.Probe probe = server.tools.probe("dropped");
    byte[] body = McpClient.callBody(1, "slow", "{\"key\":\"dropped\"}").getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", server.jetty.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + server.uri().getPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.jetty.port()
          + "\r\nContent-Type: application/json\r\nAccept: " + McpClient.ACCEPT
          + "\r\nMcp-Session-Id: " + session + "\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      assertTrue(probe.started.await(10, TimeUnit.SECONDS));
    } // the client goes away mid-call
    probe.release.countDown();
    assertTrue(probe.finished.await(10, TimeUnit.SECONDS));
    assertTrue(probe.completedNormally, "the handler ran to completion");
    assertFalse(probe.interrupted);
    assertFalse(probe.cancelActionRan);
    assertEquals("still here", client.call(session, 2, "echo", "{\"text\":\"still here\"}")
        .at("/result/content/0/text").asString());
  }

  private static int pending(String sessionId) {
    SessionState session = server.session(sessionId);
    return session.pendingRequests().size();
  }
}
