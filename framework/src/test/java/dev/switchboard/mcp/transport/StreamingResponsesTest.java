package dev.switchboard.mcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.testing.FakeTime;
import dev.switchboard.mcp.testing.LogCapture;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.testing.TestTools;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Responses that become SSE streams: progress, logging, failures after the stream began, slow calls. */
class StreamingResponsesTest {
  private static TestServer server;
  private static McpClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(b -> b.heartbeatInterval(Duration.ofMillis(300)));
    client = new McpClient(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String progressCall(Object id, Object token, int steps) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
        + "\"arguments\":{\"steps\":" + steps + "},\"_meta\":{\"progressToken\":" + token + "}}}";
  }

  @Test
  void aQuickResultIsPlainJson() throws Exception {
    String session = client.openSession();
    HttpResponse<String> response = client.post(session, McpClient.callBody(1, "echo", "{\"text\":\"hi\"}"));
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void progressTurnsTheResponseIntoAStreamEndingWithTheResult() throws Exception {
    String session = client.openSession();
    HttpResponse<String> response = client.post(session, progressCall(5, "\"tok-1\"", 4));
    assertEquals(200, response.statusCode());
    assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("no", response.headers().firstValue("X-Accel-Buffering").orElseThrow());
    Set<String> ids = new HashSet<>();
    List<SseEvents.Event> all = SseEvents.parse(response.body());
    assertTrue(all.get(0).isPriming(), "a 2025-11-25 stream starts with a priming event");
    assertTrue(response.body().startsWith("id: "), response.body());
    assertTrue(response.body().contains("retry: "), "the priming event says when to reconnect");
    List<SseEvents.Event> events = SseEvents.messages(all);
    assertEquals(5, events.size());
    ids.add(all.get(0).id());
    for (int i = 0; i < 4; i++) {
      JsonNode progress = McpClient.JSON.readTree(events.get(i).data());
      assertEquals("notifications/progress", progress.get("method").asString());
      assertEquals("tok-1", progress.at("/params/progressToken").asString());
      assertEquals(i + 1, progress.at("/params/progress").asInt());
      assertEquals(4, progress.at("/params/total").asInt());
      assertTrue(ids.add(events.get(i).id()), "event ids are unique");
    }
    JsonNode result = McpClient.JSON.readTree(events.get(4).data());
    assertEquals(5, result.get("id").asInt());
    assertEquals("done after 4 steps", result.at("/result/content/0/text").asString());
  }

  @Test
  void numericProgressTokensAreEchoedUnchanged() throws Exception {
    String session = client.openSession();
    List<SseEvents.Event> events = SseEvents.messages(SseEvents.parse(client.post(session, progressCall(6, 42, 1)).body()));
    JsonNode progress = McpClient.JSON.readTree(events.get(0).data());
    assertTrue(progress.at("/params/progressToken").isNumber());
    assertEquals(42, progress.at("/params/progressToken").asInt());
  }

  @Test
  void withoutAProgressTokenNoProgressIsSent() throws Exception {
    String session = client.openSession();
    HttpResponse<String> response = client.post(session, McpClient.callBody(7, "progress", "{\"steps\":3}"));
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("done after 3 steps", McpClient.JSON.readTree(response.body()).at("/result/content/0/text").asString());
  }

  @Test
  void logMessagesRespectTheSessionsLevel() throws Exception {
    String session = client.openSession();
    List<SseEvents.Event> all = SseEvents.messages(
        SseEvents.parse(client.post(session, McpClient.callBody(1, "log", "{\"text\":\"x\"}")).body()));
    assertEquals(9, all.size(), "all eight levels, then the result, when no level was set");
    client.post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"error\"}}");
    List<SseEvents.Event> some = SseEvents.messages(
        SseEvents.parse(client.post(session, McpClient.callBody(3, "log", "{\"text\":\"y\"}")).body()));
    assertEquals(5, some.size(), "error, critical, alert, emergency, then the result");
    JsonNode first = McpClient.JSON.readTree(some.get(0).data());
    assertEquals("notifications/message", first.get("method").asString());
    assertEquals("error", first.at("/params/level").asString());
    assertEquals("error:y", first.at("/params/data").asString());
  }

  @Test
  void anErrorAfterTheStreamBeganIsAnErrorEventForThatRequest() throws Exception {
    String session = client.openSession();
    try (LogCapture log = new LogCapture()) {
      for (String tool : List.of("fail_after_stream", "crash_after_stream")) {
        HttpResponse<String> response = client.post(session, McpClient.callBody("r-" + tool, tool, "{}"));
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
        List<SseEvents.Event> events = SseEvents.messages(SseEvents.parse(response.body()));
        assertEquals(2, events.size(), "the log message, then the error; then the stream closed");
        JsonNode error = McpClient.JSON.readTree(events.get(1).data());
        assertEquals("r-" + tool, error.get("id").asString());
        assertTrue(error.has("error"));
        assertFalse(events.get(1).data().contains("AssertionError"), "no exception text reaches the client");
      }
      String text = log.text().toLowerCase(Locale.ROOT);
      assertFalse(text.contains("committed"), "a 'response committed' problem was logged: " + text);
      assertFalse(text.contains("illegalstateexception"), text);
    }
    assertEquals("ok", client.call(session, 9, "echo", "{\"text\":\"ok\"}").at("/result/content/0/text").asString(),
        "the session survives");
  }

  @Test
  void aSlowCallSwitchesToAStreamWithHeartbeatsThenGetsItsResult() throws Exception {
    FakeTime time = new FakeTime();
    Duration heartbeat = Duration.ofSeconds(15);
    try (TestServer fake = TestServer.start(time, b -> b.heartbeatInterval(heartbeat))) {
      McpClient fakeClient = new McpClient(fake.uri());
      String session = fakeClient.openSession();
      TestTools.Probe probe = fake.tools.probe("slow-stream");
      CompletableFuture<HttpResponse<InputStream>> call = CompletableFuture.supplyAsync(() -> {
        try {
          return fakeClient.postStreaming(session, McpClient.callBody(3, "slow", "{\"key\":\"slow-stream\"}"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(probe.started.await(10, TimeUnit.SECONDS));
      time.advance(heartbeat.minusSeconds(1));
      assertFalse(call.isDone(), "a call under the heartbeat interval stays a plain JSON answer in waiting");
      time.advance(Duration.ofSeconds(2)); // past the interval, and past the sweep that notices it
      HttpResponse<InputStream> response = call.get(10, TimeUnit.SECONDS);
      assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow(),
          "headers arrive once the call outlasts the heartbeat interval");
      slowCallStreams(time, heartbeat, probe, response);
    }
  }

  private static void slowCallStreams(FakeTime time, Duration heartbeat, TestTools.Probe probe,
      HttpResponse<InputStream> response) throws Exception {
    try (SseEvents events = SseEvents.of(response)) {
      time.advance(heartbeat.multipliedBy(2));
      assertTrue(events.awaitComments(2, Duration.ofSeconds(10)), "heartbeats keep the slow call's stream alive");
      probe.release.countDown();
      SseEvents.Event result = events.nextMessage(Duration.ofSeconds(10));
      assertNotNull(result);
      assertEquals("released slow-stream", McpClient.JSON.readTree(result.data()).at("/result/content/0/text").asString());
      assertEquals(SseEvents.END, events.next(Duration.ofSeconds(10)), "the stream closes after the result");
    }
  }
}
