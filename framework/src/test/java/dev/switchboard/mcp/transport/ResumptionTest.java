package dev.switchboard.mcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.testing.TestTools;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Event ids, priming, SSE polling, and resuming a stream with Last-Event-ID. */
class ResumptionTest {
  private static TestServer server;
  private static McpClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(b -> b.reconnectDelay(Duration.ofMillis(250)));
    client = new McpClient(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String resumable(Object id, String key, boolean disconnect) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"resumable\","
        + "\"arguments\":{\"key\":\"" + key + "\",\"disconnect\":" + disconnect + "},\"_meta\":{\"progressToken\":\"t\"}}}";
  }

  private static JsonNode json(SseEvents.Event event) {
    return McpClient.JSON.readTree(event.data());
  }

  /** Reads events until the stream ends. */
  private static List<SseEvents.Event> drainToEnd(SseEvents events) throws InterruptedException {
    List<SseEvents.Event> all = new ArrayList<>();
    for (SseEvents.Event e = events.next(Duration.ofSeconds(10)); e != null && e != SseEvents.END;
        e = events.next(Duration.ofSeconds(10))) {
      all.add(e);
    }
    return all;
  }

  @Test
  void aHandlerCanMakeTheClientPollAndTheResultArrivesOnTheResumedStream() throws Exception {
    String session = client.openSession("2025-11-25");
    TestTools.Probe probe = server.tools.probe("poll");
    List<SseEvents.Event> first;
    try (SseEvents events = SseEvents.of(client.postStreaming(session, resumable(7, "poll", true)))) {
      first = drainToEnd(events);
    }
    assertTrue(first.get(0).isPriming(), "priming comes first");
    assertEquals("notifications/progress", json(first.get(1)).get("method").asString());
    assertEquals(2, first.size(), "the server closed the connection before the result");
    String lastId = first.get(first.size() - 1).id();
    assertTrue(probe.started.await(10, TimeUnit.SECONDS));
    probe.release.countDown();
    assertTrue(probe.finished.await(10, TimeUnit.SECONDS));
    HttpResponse<InputStream> resumed = client.resume(session, lastId);
    assertEquals(200, resumed.statusCode());
    try (SseEvents events = SseEvents.of(resumed)) {
      List<SseEvents.Event> rest = drainToEnd(events);
      List<SseEvents.Event> messages = SseEvents.messages(rest);
      assertEquals(2, messages.size(), "the second progress, then the result: " + rest);
      assertEquals("after", json(messages.get(0)).at("/params/message").asString());
      JsonNode result = json(messages.get(1));
      assertEquals(7, result.get("id").asInt(), "the result keeps the request's id");
      assertEquals("finished poll", result.at("/result/content/0/text").asString());
    }
  }

  @Test
  void aDroppedConnectionDoesNotLoseTheCallsEventsOrItsResult() throws Exception {
    String session = client.openSession("2025-11-25");
    TestTools.Probe probe = server.tools.probe("drop");
    String lastId;
    try (SseEvents events = SseEvents.of(client.postStreaming(session, resumable(8, "drop", false)))) {
      SseEvents.Event priming = events.next(Duration.ofSeconds(10));
      assertTrue(priming.isPriming());
      SseEvents.Event progress = events.nextMessage(Duration.ofSeconds(10));
      assertEquals("before", json(progress).at("/params/message").asString());
      lastId = progress.id();
    } // the client drops the connection mid-call
    assertTrue(probe.started.await(10, TimeUnit.SECONDS));
    probe.release.countDown();
    assertTrue(probe.finished.await(10, TimeUnit.SECONDS));
    assertTrue(probe.completedNormally, "a dropped connection does not cancel the call");
    try (SseEvents events = SseEvents.of(client.resume(session, lastId))) {
      List<SseEvents.Event> messages = SseEvents.messages(drainToEnd(events));
      assertEquals(List.of("notifications/progress", "result"), messages.stream()
          .map(e -> json(e).has("method") ? json(e).get("method").asString() : "result").toList());
      assertEquals("finished drop", json(messages.get(1)).at("/result/content/0/text").asString());
    }
  }

  @Test
  void aResumeReplaysOnlyItsOwnStream() throws Exception {
    String session = client.openSession("2025-11-25");
    TestTools.Probe a = server.tools.probe("own-a");
    TestTools.Probe b = server.tools.probe("own-b");
    SseEvents streamA = SseEvents.of(client.postStreaming(session, resumable("\"a\"", "own-a", true)));
    SseEvents streamB = SseEvents.of(client.postStreaming(session, resumable("\"b\"", "own-b", false)));
    List<SseEvents.Event> seenA = drainToEnd(streamA);
    assertTrue(a.started.await(10, TimeUnit.SECONDS));
    assertTrue(b.started.await(10, TimeUnit.SECONDS));
    a.release.countDown();
    b.release.countDown();
    List<SseEvents.Event> seenB = drainToEnd(streamB);
    assertTrue(a.finished.await(10, TimeUnit.SECONDS));
    try (SseEvents resumed = SseEvents.of(client.resume(session, seenA.get(seenA.size() - 1).id()))) {
      List<SseEvents.Event> rest = SseEvents.messages(drainToEnd(resumed));
      for (SseEvents.Event event : rest) {
        JsonNode message = json(event);
        assertFalse(message.has("id") && "b".equals(message.get("id").asString()), "B's answer replayed on A");
        assertEquals(seenA.get(0).id().split("-")[0], event.id().split("-")[0], "every replayed id names A's stream");
      }
      assertEquals("finished own-a", json(rest.get(rest.size() - 1)).at("/result/content/0/text").asString());
    }
    assertNotEquals(seenA.get(0).id().split("-")[0], seenB.get(0).id().split("-")[0], "streams have distinct numbers");
    streamA.close();
    streamB.close();
  }

  @Test
  void unknownOrMalformedLastEventIdsAre400() throws Exception {
    String session = client.openSession("2025-11-25");
    for (String bad : List.of("garbage", "99-1", "1-x", "-", "")) {
      HttpResponse<InputStream> response = client.resume(session, bad);
      assertEquals(400, response.statusCode(), "Last-Event-ID '" + bad + "'");
      response.body().close();
    }
  }

  @Test
  void aPlainGetIsTheStandaloneStreamAndAResumeDoesNotConflictWithIt() throws Exception {
    String session = client.openSession("2025-11-25");
    TestTools.Probe probe = server.tools.probe("beside");
    try (SseEvents standalone = client.listen(session)) {
      List<SseEvents.Event> first;
      try (SseEvents events = SseEvents.of(client.postStreaming(session, resumable(9, "beside", true)))) {
        first = drainToEnd(events);
      }
      probe.release.countDown();
      assertTrue(probe.finished.await(10, TimeUnit.SECONDS));
      HttpResponse<InputStream> resumed = client.resume(session, first.get(first.size() - 1).id());
      assertEquals(200, resumed.statusCode(), "a resume is not a second standalone stream");
      try (SseEvents events = SseEvents.of(resumed)) {
        assertEquals("finished beside", json(SseEvents.messages(drainToEnd(events)).get(1))
            .at("/result/content/0/text").asString());
      }
      assertNotNull(standalone);
    }
  }

  @Test
  void theStandaloneStreamCanBeResumedAfterItsConnectionDrops() throws Exception {
    // A server of its own, so that "no stream open" means this test's stream has gone.
    try (TestServer server = TestServer.start()) {
      McpClient client = new McpClient(server.uri());
      String session = client.openSession("2025-11-25");
      String lastId;
      try (SseEvents standalone = client.listen(session)) {
        client.call(session, 1, "notify_session", "{\"text\":\"one\"}");
        SseEvents.Event one = standalone.nextMessage(Duration.ofSeconds(5));
        assertEquals("one", json(one).at("/params/data").asString());
        lastId = one.id();
      }
      // Writes find the dropped connection: probe until it has ended (each probe is one write, not a wait).
      CountDownLatch dropped = server.noStreamsOpen();
      for (int probe = 0; probe < 200 && !dropped.await(50, TimeUnit.MILLISECONDS); probe++) {
        client.call(session, 2, "notify_session", "{\"text\":\"probe\"}");
      }
      assertFalse(server.listens(session), "the dropped GET stream was never noticed");
      try (SseEvents resumed = SseEvents.of(client.resume(session, lastId))) {
        assertEquals(200, resumed.response().statusCode());
        JsonNode delivered = client.call(session, 3, "notify_session", "{\"text\":\"two\"}");
        assertEquals("delivered", delivered.at("/result/content/0/text").asString());
        SseEvents.Event two = resumed.nextMessage(Duration.ofSeconds(5));
        while (two != null && "probe".equals(json(two).at("/params/data").asString())) {
          two = resumed.nextMessage(Duration.ofSeconds(5));
        }
        assertNotNull(two);
        assertEquals("two", json(two).at("/params/data").asString());
        assertEquals(lastId.split("-")[0], two.id().split("-")[0], "the standalone stream keeps its number");
      }
    }
  }

  @Test
  void withPollingOnALongCallsConnectionIsClosedAndTheClientResumes() throws Exception {
    try (TestServer polling = TestServer.start(b -> b.pollingInterval(Duration.ofMillis(200)))) {
      McpClient pollingClient = new McpClient(polling.uri());
      String session = pollingClient.openSession("2025-11-25");
      TestTools.Probe probe = polling.tools.probe("long");
      List<SseEvents.Event> first;
      try (SseEvents events = SseEvents.of(pollingClient.postStreaming(session, resumable(1, "long", false)))) {
        first = drainToEnd(events);
      }
      assertTrue(first.get(0).isPriming());
      assertTrue(SseEvents.messages(first).stream().noneMatch(e -> json(e).has("result")), "closed before the result");
      probe.release.countDown();
      try (SseEvents events = SseEvents.of(pollingClient.resume(session, first.get(first.size() - 1).id()))) {
        List<SseEvents.Event> rest = SseEvents.messages(drainToEnd(events));
        assertEquals("finished long", json(rest.get(rest.size() - 1)).at("/result/content/0/text").asString());
      }
    }
  }

  @Test
  void olderRevisionsGetNoPrimingAndCannotBeMadeToPoll() throws Exception {
    String session = client.openSession("2025-06-18");
    TestTools.Probe probe = server.tools.probe("old");
    probe.release.countDown();
    HttpResponse<String> response = client.post(session, resumable(1, "old", true));
    List<SseEvents.Event> events = SseEvents.parse(response.body());
    assertFalse(events.get(0).isPriming(), response.body());
    JsonNode result = McpClient.JSON.readTree(events.get(events.size() - 1).data());
    assertTrue(result.at("/result/isError").asBoolean(), "disconnect() reports it cannot: " + result);
  }
}
