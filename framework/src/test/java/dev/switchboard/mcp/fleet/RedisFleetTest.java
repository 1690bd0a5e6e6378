package dev.switchboard.mcp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.testing.FakeTime;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.RedisProcess;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.transport.ClientLimits;
import dev.switchboard.mcp.transport.RedisFleet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Instances that share a real {@code redis-server}: a session opened on one is served by another
 * (its facts recalled, no new initialize), changes published on one reach the streams of another
 * once, a client's share of sessions holds over the fleet, and what happens when Redis goes away.
 */
class RedisFleetTest {
  private static final String VERSION = "2025-11-25";
  private static RedisProcess redis;
  private final List<TestServer> servers = new ArrayList<>();
  // Each test its own keys: what one test leaves in Redis is not another's.
  private final String prefix = "test-" + UUID.randomUUID() + ":";

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void stopServers() {
    servers.forEach(TestServer::close);
  }

  private TestServer instance(String name, UnaryOperator<RedisFleet.Builder> fleet,
      UnaryOperator<dev.switchboard.mcp.transport.McpServlet.Builder> servlet) {
    TestServer server = TestServer.start(builder -> builder.resource(Resource.of("mem://doc", "doc", "text/plain"),
            (uri, context) -> ReadResourceResult.of(ResourceContents.text(uri, "text/plain", "v1"))),
        builder -> servlet.apply(builder.fleet(fleet.apply(RedisFleet.builder(redis.uri()).keyPrefix(prefix)
            .instanceId(name)).build())));
    servers.add(server);
    return server;
  }

  private TestServer instance(String name) {
    return instance(name, UnaryOperator.identity(), UnaryOperator.identity());
  }

  private static String body(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  @Test
  void aSessionOpenedOnOneInstanceIsServedByAnotherWithoutANewInitialize() throws Exception {
    TestServer first = instance("a");
    TestServer second = instance("b");
    McpClient onFirst = new McpClient(first.uri());
    String session = onFirst.openSession(VERSION);
    assertEquals(200, onFirst.post(session, body(1, "logging/setLevel", "{\"level\":\"warning\"}")).statusCode());
    assertEquals(200, onFirst.post(session, body(2, "resources/subscribe", "{\"uri\":\"mem://doc\"}")).statusCode());

    McpClient onSecond = new McpClient(second.uri());
    JsonNode answer = onSecond.call(session, 3, "echo", "{\"text\":\"moved\"}");
    assertEquals("moved", answer.at("/result/content/0/text").asString(), answer.toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (first.sessions().find(session).isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(20); // told through Redis pub/sub
    }
    assertTrue(first.sessions().find(session).isEmpty(), "the instance it moved from let go of its copy");
    assertEquals(LoggingLevel.WARNING, second.session(session).logLevel().orElseThrow(), "the log level moved too");
    assertTrue(second.session(session).isSubscribed("mem://doc"), "and the subscription");
    assertTrue(second.session(session).isInitialized());
    assertEquals("test-client", second.session(session).clientInfo().name());

    String neverMoved = onFirst.openSession(VERSION);
    first.close(); // the instance that minted them is gone: the sessions live on
    assertEquals("after", onSecond.call(neverMoved, 1, "echo", "{\"text\":\"after\"}").at("/result/content/0/text")
        .asString(), "a session first used elsewhere after its instance stopped");
    assertEquals("still", onSecond.call(session, 4, "echo", "{\"text\":\"still\"}").at("/result/content/0/text")
        .asString());
    assertEquals(404, onSecond.post("no-such-session", body(5, "ping", "{}")).statusCode(),
        "an id no instance minted is still unknown");
  }

  @Test
  void aGetStreamResumesOnAnotherInstanceWithWhatItMissed() throws Exception {
    TestServer first = instance("a");
    TestServer second = instance("b");
    McpClient onFirst = new McpClient(first.uri());
    String session = onFirst.openSession(VERSION);
    assertEquals(200, onFirst.post(session, body(1, "resources/subscribe", "{\"uri\":\"mem://doc\"}")).statusCode());
    String seen;
    try (SseEvents stream = onFirst.listen(session)) {
      first.server.notifyResourceUpdated("mem://doc");
      seen = stream.nextMessage(Duration.ofSeconds(10)).id();
      first.server.notifyResourceUpdated("mem://other"); // not subscribed: no event
      first.server.notifyResourceUpdated("mem://doc");
      assertTrue(stream.nextMessage(Duration.ofSeconds(10)).data().contains("mem://doc"));
    }
    first.close(); // the client reconnects elsewhere, from the first event it saw

    McpClient onSecond = new McpClient(second.uri());
    HttpResponse<java.io.InputStream> resumed = onSecond.resume(session, seen);
    assertEquals(200, resumed.statusCode(), "an id the first instance handed out is known to the fleet");
    try (SseEvents stream = SseEvents.of(resumed)) {
      SseEvents.Event replayed = expect(stream, "mem://doc");
      String[] before = seen.split("-");
      assertEquals(before[0] + "-" + (Long.parseLong(before[1]) + 1), replayed.id(), "the next event of that stream");
      second.server.notifyResourceUpdated("mem://doc");
      SseEvents.Event next = expect(stream, "mem://doc");
      assertEquals(before[0] + "-" + (Long.parseLong(before[1]) + 2), next.id(), "the stream goes on here");
    }
    assertEquals(400, onSecond.resume(session, "999-1").statusCode(), "an id no instance handed out is unknown");
  }

  @Test
  void aTakenOverSessionGetsTheIdleTimeoutNotTheHandshakes() throws Exception {
    FakeTime time = new FakeTime();
    TestServer first = instance("a");
    TestServer second = TestServer.start(builder -> builder.timeSource(time), servlet -> servlet.fleet(
        RedisFleet.builder(redis.uri()).keyPrefix(prefix).instanceId("b").build()));
    servers.add(second);
    String session = new McpClient(first.uri()).openSession(VERSION);
    // A notification runs no call, so nothing but the take-over itself sets the session's expiry.
    assertEquals(202, new McpClient(second.uri()).post(session,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}").statusCode());
    time.advance(ClientLimits.defaults().handshakeTimeout().plusSeconds(1));
    second.sessions().cleanUp();
    assertTrue(second.sessions().find(session).isPresent(), "it finished its handshake on the first instance");
  }

  @Test
  void aPostStreamResumesElsewhereWithWhatWasLoggedButNotAcrossAnEventTooLargeToShare() throws Exception {
    TestServer first = instance("a");
    TestServer second = instance("b");
    McpClient onFirst = new McpClient(first.uri());
    String session = onFirst.openSession(VERSION);
    assertEquals(200, onFirst.post(session, body(1, "logging/setLevel", "{\"level\":\"debug\"}")).statusCode());
    List<SseEvents.Event> small = SseEvents.messages(SseEvents.parse(
        onFirst.post(session, McpClient.callBody(2, "log", "{\"text\":\"short\"}")).body()));
    String large = "x".repeat(20_000); // each log event's frame is over the 16 KiB shared at most
    List<SseEvents.Event> big = SseEvents.messages(SseEvents.parse(
        onFirst.post(session, McpClient.callBody(3, "log", "{\"text\":\"" + large + "\"}")).body()));
    assertTrue(small.size() > 2 && big.size() > 2, "both calls answered on SSE streams with their log events");

    McpClient onSecond = new McpClient(second.uri());
    HttpResponse<java.io.InputStream> resumed = onSecond.resume(session, small.get(0).id());
    assertEquals(200, resumed.statusCode(), "what the first instance logged is known to the fleet");
    try (SseEvents replay = SseEvents.of(resumed)) {
      SseEvents.Event next = replay.nextMessage(Duration.ofSeconds(10));
      assertEquals(small.get(1).id(), next.id(), "the event after the one the client saw");
      assertEquals(small.get(1).data(), next.data());
    }
    assertEquals(400, onSecond.resume(session, big.get(0).id()).statusCode(),
        "resuming across an event too large to share is refused, not silently incomplete");
  }

  @Test
  void aDeletedSessionIsGoneForTheWholeFleet() throws Exception {
    TestServer first = instance("a");
    TestServer second = instance("b");
    String session = new McpClient(first.uri()).openSession(VERSION);
    assertEquals(204, new McpClient(first.uri()).delete(session));
    HttpResponse<String> after = new McpClient(second.uri()).post(session, body(1, "ping", "{}"));
    assertEquals(404, after.statusCode(), after.body());
  }

  @Test
  void changesOnOneInstanceReachTheStreamsOfAnotherOnce() throws Exception {
    TestServer first = instance("a");
    TestServer second = instance("b");
    McpClient onSecond = new McpClient(second.uri());
    String session = onSecond.openSession(VERSION);
    assertEquals(200, onSecond.post(session, body(1, "resources/subscribe", "{\"uri\":\"mem://doc\"}")).statusCode());
    String unsubscribed = onSecond.openSession(VERSION);
    try (SseEvents stream = onSecond.listen(session); SseEvents other = onSecond.listen(unsubscribed)) {
      first.server.notifyResourceUpdated("mem://doc");
      expect(stream, "notifications/resources/updated", "mem://doc");

      first.server.addTool(Tool.builder("added").inputSchema("{\"type\":\"object\"}").build(),
          (args, context) -> CallToolResult.text("new"));
      expect(stream, "notifications/tools/list_changed");
      expect(other, "notifications/tools/list_changed");

      second.server.notifyResourceUpdated("mem://doc"); // published here: told here once, not again from Redis
      expect(stream, "notifications/resources/updated");
      assertNull(stream.nextMessage(Duration.ofSeconds(1)), "each change once per stream");
      assertNull(other.nextMessage(Duration.ofMillis(200)), "an unsubscribed session hears of no update");
    }
  }

  @Test
  void changesOnOneInstanceReachTheListenStreamsOfAnother() throws Exception {
    TestServer first = instance("a");
    TestServer second = instance("b");
    StatelessClient client = new StatelessClient(second.uri());
    try (SseEvents listening = SseEvents.of(client.stream(client.body(1, "subscriptions/listen",
        "{\"notifications\":{\"resourceSubscriptions\":[\"mem://doc\"],\"toolsListChanged\":true}}")))) {
      assertEquals(200, listening.response().statusCode());
      assertTrue(listening.nextMessage(Duration.ofSeconds(10)) != null, "the listen request's acknowledgment");
      first.server.notifyResourceUpdated("mem://doc");
      expect(listening, "notifications/resources/updated", "mem://doc");
      first.server.addTool(Tool.builder("added").inputSchema("{\"type\":\"object\"}").build(),
          (args, context) -> CallToolResult.text("new"));
      expect(listening, "notifications/tools/list_changed");
      assertNull(listening.nextMessage(Duration.ofMillis(500)), "each change once");
    }
  }

  @Test
  void aClientsShareOfGetStreamsHoldsOverTheFleet() throws Exception {
    // A stream the client closed ends on the server at its next write: a short heartbeat makes that soon.
    UnaryOperator<dev.switchboard.mcp.transport.McpServlet.Builder> oneStream = servlet -> servlet
        .clientKey(request -> "the-one-client").clientLimits(ClientLimits.defaults().withStreamsPerClient(1))
        .heartbeatInterval(Duration.ofMillis(200));
    TestServer first = instance("a", UnaryOperator.identity(), oneStream);
    TestServer second = instance("b", UnaryOperator.identity(), oneStream);
    McpClient onFirst = new McpClient(first.uri());
    McpClient onSecond = new McpClient(second.uri());
    String one = onFirst.openSession(VERSION);
    String two = onSecond.openSession(VERSION);
    try (SseEvents held = onFirst.listen(one)) {
      assertTrue(first.listens(one));
      IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> onSecond.listen(two));
      assertTrue(refused.getMessage().contains("429"), "the client's one stream is open on the other instance");
    }
    assertTrue(first.noStreamsOpen().await(10, java.util.concurrent.TimeUnit.SECONDS));
    // The place is given back to Redis without waiting, on the first instance's connection: the second
    // instance may ask before it arrives.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    SseEvents now = null;
    while (now == null && System.nanoTime() < deadline) {
      try {
        now = onSecond.listen(two);
      } catch (IllegalStateException stillHeld) {
        Thread.sleep(50);
      }
    }
    assertTrue(now != null && second.listens(two), "a stream closed on one instance frees a place on the other");
    now.close();
  }

  @Test
  void aClientsShareOfSessionsHoldsOverTheFleet() throws Exception {
    UnaryOperator<dev.switchboard.mcp.transport.McpServlet.Builder> threePerClient = servlet -> servlet
        .clientKey(request -> "the-one-client").clientLimits(ClientLimits.defaults().withSessionsPerClient(3));
    TestServer first = instance("a", UnaryOperator.identity(), threePerClient);
    TestServer second = instance("b", UnaryOperator.identity(), threePerClient);
    McpClient onFirst = new McpClient(first.uri());
    McpClient onSecond = new McpClient(second.uri());
    String one = onFirst.openSession(VERSION);
    onFirst.openSession(VERSION);
    onSecond.openSession(VERSION);
    HttpResponse<String> fourth = onSecond.post(null, McpClient.initializeBody(VERSION));
    assertEquals(429, fourth.statusCode(), "three on two instances are the client's three: " + fourth.body());
    assertEquals(429, onFirst.post(null, McpClient.initializeBody(VERSION)).statusCode());
    assertEquals(204, onFirst.delete(one));
    assertEquals(200, onSecond.post(null, McpClient.initializeBody(VERSION)).statusCode(),
        "a session ended on one instance frees a place on the other");
  }

  @Test
  void sharedCountsThatWentWrongAreRewrittenFromTheInstancesOwn() throws Exception {
    TestServer first = instance("a", UnaryOperator.identity(), servlet -> servlet
        .clientKey(request -> "counted").clientLimits(ClientLimits.defaults().withSessionsPerClient(2)));
    McpClient client = new McpClient(first.uri());
    client.openSession(VERSION);
    String key = prefix + "quota:sessions:counted";
    String field = redis.cli("HKEYS", key);
    assertEquals("1", redis.cli("HGET", key, field), "one session counted for this instance's run");
    redis.cli("HSET", key, field, "5"); // as after gives that never arrived
    assertEquals(429, client.post(null, McpClient.initializeBody(VERSION)).statusCode());
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int status = 429;
    while (status == 429 && System.nanoTime() < deadline) {
      Thread.sleep(200); // the instance re-writes its counts every 5 s
      status = client.post(null, McpClient.initializeBody(VERSION)).statusCode();
    }
    assertEquals(200, status, "the count was right again within a round");
    assertEquals("2", redis.cli("HGET", key, field));
  }

  @Test
  void withoutRedisAnInstanceKeepsServingOrRefusesNewSessionsAsConfigured() throws Exception {
    RedisProcess own = RedisProcess.start();
    try {
      TestServer serving = TestServer.start(builder -> builder.fleet(RedisFleet.builder(own.uri()).keyPrefix(prefix)
          .commandTimeout(Duration.ofMillis(200)).build()));
      servers.add(serving);
      TestServer refusing = TestServer.start(builder -> builder.fleet(RedisFleet.builder(own.uri()).keyPrefix(prefix)
          .commandTimeout(Duration.ofMillis(200)).whenUnavailable(RedisFleet.WhenUnavailable.REFUSE_NEW_SESSIONS)
          .build()));
      servers.add(refusing);
      McpClient toRefusing = new McpClient(refusing.uri());
      String open = toRefusing.openSession(VERSION);
      own.kill();

      HttpResponse<String> refused = toRefusing.post(null, McpClient.initializeBody(VERSION));
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals("5", refused.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(refused.body().contains("shared session store"), refused.body());
      assertEquals("alive", toRefusing.call(open, 1, "echo", "{\"text\":\"alive\"}").at("/result/content/0/text")
          .asString(), "a session open already keeps working");

      McpClient toServing = new McpClient(serving.uri());
      String local = toServing.openSession(VERSION);
      assertEquals("local", toServing.call(local, 1, "echo", "{\"text\":\"local\"}").at("/result/content/0/text")
          .asString(), "the other policy serves locally");
      assertEquals(404, toServing.post("unknown", body(2, "ping", "{}")).statusCode(),
          "an unknown session is unknown, however Redis is");
    } finally {
      own.close();
    }
  }

  @Test
  void aStalledRedisCountsAsUnavailableAndARestartedOneIsRejoined() throws Exception {
    RedisProcess own = RedisProcess.start();
    try {
      UnaryOperator<dev.switchboard.mcp.transport.McpServlet.Builder> fleet = builder -> builder.fleet(
          RedisFleet.builder(own.uri()).keyPrefix(prefix).commandTimeout(Duration.ofMillis(200))
              .whenUnavailable(RedisFleet.WhenUnavailable.REFUSE_NEW_SESSIONS).build());
      TestServer first = TestServer.start(fleet);
      servers.add(first);
      TestServer second = TestServer.start(fleet);
      servers.add(second);
      McpClient onFirst = new McpClient(first.uri());
      String before = onFirst.openSession(VERSION);

      own.stall(1_500);
      HttpResponse<String> refused = onFirst.post(null, McpClient.initializeBody(VERSION));
      assertEquals(503, refused.statusCode(), "a command that outlasts its timeout counts as Redis being down");
      assertEquals("local", onFirst.call(before, 1, "echo", "{\"text\":\"local\"}").at("/result/content/0/text")
          .asString(), "a session open already keeps working meanwhile");
      assertTrue(opensWithin(onFirst, Duration.ofSeconds(10)) != null, "awake again");

      own.restart(); // empty: what it held is gone, as after a Redis crash without persistence
      String after = opensWithin(onFirst, Duration.ofSeconds(20));
      assertTrue(after != null, "the instance reconnected to the restarted Redis");
      new McpClient(first.uri()).post(after, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      assertEquals("shared", new McpClient(second.uri()).call(after, 1, "echo", "{\"text\":\"shared\"}")
          .at("/result/content/0/text").asString(), "sessions opened since are shared again");
      assertEquals("local", onFirst.call(before, 2, "echo", "{\"text\":\"local\"}").at("/result/content/0/text")
          .asString(), "one opened before still works where it lives");
    } finally {
      own.close();
    }
  }

  /** Opens a session as soon as the instance accepts one again (Lettuce reconnects by itself, with a backoff). */
  private static String opensWithin(McpClient client, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> opened = client.post(null, McpClient.initializeBody(VERSION));
      if (opened.statusCode() == 200) {
        return opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
      }
      assertEquals(503, opened.statusCode(), opened.body());
      Thread.sleep(100);
    }
    return null;
  }

  /** The stream's next message, which must come within 10 s and contain every one of {@code parts}. */
  private static SseEvents.Event expect(SseEvents stream, String... parts) throws InterruptedException {
    SseEvents.Event event = stream.nextMessage(Duration.ofSeconds(10));
    assertTrue(event != null && java.util.Arrays.stream(parts).allMatch(event.data()::contains), String.valueOf(event));
    return event;
  }
}
