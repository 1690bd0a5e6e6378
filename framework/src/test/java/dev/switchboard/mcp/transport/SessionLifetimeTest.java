package dev.switchboard.mcp.transport;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.SessionEnd;
import dev.switchboard.mcp.session.SessionListener;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionStore;
import dev.switchboard.mcp.testing.FakeTime;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.testing.TestTools;
import dev.switchboard.mcp.transport.internal.SessionStreams;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Idle expiry, pinning, the session cap, and what ending a session does to its work. Time is fake:
 * the server's timers (Caffeine's expiry, heartbeats) run when a test moves the clock, never by
 * waiting, so "reclaimed with no further traffic" is shown exactly: nothing but the clock moves.
 */
class SessionLifetimeTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  /** Caffeine batches expiry work to about a second (its pacer's tolerance); TTL + 2 s bounds it. */
  private static final Duration SLACK = Duration.ofSeconds(2);

  /** Counts sessions that ended, and how. */
  private static final class Ends implements SessionListener {
    final AtomicInteger expired = new AtomicInteger();
    final ConcurrentHashMap<String, Boolean> streamOpenAtEnd = new ConcurrentHashMap<>();

    @Override
    public void sessionClosed(McpSession session, SessionEnd reason) {
      if (reason == SessionEnd.EXPIRED) {
        expired.incrementAndGet();
      }
      streamOpenAtEnd.put(session.id(), SessionStreams.of((SessionState) session).hasStandalone());
    }
  }

  @Test
  void abandonedSessionsAreReclaimedOnTimeWithNoFurtherTraffic() throws Exception {
    int count = 1000;
    int withStreams = 50;
    Duration heartbeat = Duration.ofSeconds(15);
    FakeTime time = new FakeTime();
    Ends ends = new Ends();
    try (TestServer server = TestServer.start(time,
        b -> b.sessionIdleTimeout(TTL).sessionListener(ends).heartbeatInterval(heartbeat)
            .clientLimits(ClientLimits.defaults().withSessionsPerClient(count)))) {
      SessionStore store = server.sessions();
      McpClient client = new McpClient(server.uri(),
          HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build());
      List<SseEvents> streams = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String id = client.openSession();
        if (i < withStreams) {
          streams.add(client.listen(id));
        }
      }
      assertEquals(count, store.size());
      // The clients vanish without DELETE: the streams' connections drop, nothing else is sent. The
      // server learns of a dropped stream when a heartbeat write fails; each beat is a tick of the
      // clock, and the failure itself comes back on Jetty's own thread, so the test waits for it
      // (on a latch, beat by beat) before moving the clock on.
      streams.forEach(SseEvents::close);
      CountDownLatch streamsGone = server.noStreamsOpen();
      for (int beat = 0; beat < 20 && !streamsGone.await(200, TimeUnit.MILLISECONDS); beat++) {
        time.advance(heartbeat);
      }
      assertEquals(0, streamsGone.getCount(), "the dropped streams were never noticed");
      assertEquals(count, store.size(), "detaching a stream does not end its session");
      time.advance(TTL.plus(SLACK));
      assertEquals(0, store.size(), "sessions still live after TTL + 2 s");
      assertEquals(count, ends.expired.get());
      assertEquals(count, store.expiredCount());
      assertFalse(ends.streamOpenAtEnd.containsValue(true), "an expired session still had its stream attached");
    }
  }

  /**
   * Several calls in flight per session, over real HTTP from many threads, then every client
   * vanishes. However the calls' ends interleave, each session must be left idle and scheduled to
   * expire: the load test caught a lost update here (a session's new expiry applied as a read,
   * which Caffeine may drop when busy) that left sessions expired but never removed, their memory
   * held and their listener never told.
   */
  @Test
  void sessionsWithConcurrentCallsAreReclaimedOnTimeAfterTheirLastCall() throws Exception {
    int sessionCount = 48;
    int callersPerSession = 4;
    FakeTime time = new FakeTime();
    Ends ends = new Ends();
    var pool = Executors.newFixedThreadPool(sessionCount * callersPerSession);
    try (TestServer server = TestServer.start(time, b -> b.sessionIdleTimeout(TTL).sessionListener(ends)
        .clientLimits(ClientLimits.defaults().withCallsPerClient(10_000)))) {
      McpClient client = new McpClient(server.uri(), HttpClient.newBuilder().executor(pool).build());
      List<CompletableFuture<Void>> callers = new ArrayList<>();
      for (int s = 0; s < sessionCount; s++) {
        String id = client.openSession();
        for (int c = 0; c < callersPerSession; c++) {
          callers.add(CompletableFuture.runAsync(() -> {
            for (int call = 0; call < 60; call++) {
              try {
                client.post(id, McpClient.callBody(1, "echo", "{\"text\":\"x\"}")); // the same id, concurrently
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
          }, pool));
        }
      }
      CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      time.advance(TTL.minusSeconds(1));
      assertEquals(sessionCount, server.sessions().size(), "no session expires before its TTL");
      time.advance(SLACK.plusSeconds(1));
      assertEquals(0, server.sessions().size(), "sessions left after TTL + 2 s");
      assertEquals(sessionCount, ends.expired.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSessionWithACallInFlightOutlivesItsTtlThenExpires() throws Exception {
    FakeTime time = new FakeTime();
    try (TestServer server = TestServer.start(time, b -> b.sessionIdleTimeout(TTL))) {
      SessionStore store = server.sessions();
      McpClient client = new McpClient(server.uri());
      String id = client.openSession();
      TestTools.Probe probe = server.tools.probe("pinned");
      CompletableFuture<HttpResponse<String>> call =
          client.postAsync(id, McpClient.callBody(1, "slow", "{\"key\":\"pinned\"}"));
      assertTrue(probe.started.await(10, TimeUnit.SECONDS));
      time.advance(TTL.multipliedBy(10));
      assertEquals(1, store.size(), "a session with a call in flight expired");
      probe.release.countDown();
      assertEquals("released pinned", McpClient.lastMessage(call.get(10, TimeUnit.SECONDS))
          .at("/result/content/0/text").asString());
      // Looked at by size, not by find: a lookup is an access, and access restarts the idle time.
      time.advance(TTL.minusSeconds(1));
      assertEquals(1, store.size(), "idle time counts from the end of the last call");
      time.advance(SLACK.plusSeconds(1));
      assertEquals(0, store.size());
      assertEquals(1, store.expiredCount());
    }
  }

  @Test
  void aSessionWithAnOpenGetStreamDoesNotExpire() throws Exception {
    FakeTime time = new FakeTime();
    try (TestServer server = TestServer.start(time, b -> b.sessionIdleTimeout(TTL))) {
      McpClient client = new McpClient(server.uri());
      String id = client.openSession();
      try (SseEvents stream = client.listen(id)) {
        time.advance(TTL.multipliedBy(3));
        assertEquals(1, server.sessions().size(), "a session with an open GET stream expired");
        JsonNode delivered = client.call(id, 1, "notify_session", "{\"text\":\"still here\"}");
        assertEquals("delivered", delivered.at("/result/content/0/text").asString());
      }
    }
  }

  @Test
  void beyondTheCapInitializeGets503AndLiveSessionsAreKept() throws Exception {
    try (TestServer server = TestServer.start(b -> b.maxSessions(3))) {
      McpClient client = new McpClient(server.uri());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(client.openSession());
      }
      McpClient.spec(server.uri())
          .body(McpClient.initializeBody("2025-11-25")).post().then()
          .statusCode(503).header("Retry-After", "30").body("error.code", equalTo(-32603));
      for (String id : ids) {
        assertEquals("pong", client.call(id, 1, "echo", "{\"text\":\"pong\"}").at("/result/content/0/text").asString());
      }
      assertEquals(204, client.delete(ids.get(0)));
      client.openSession();
      assertEquals(3, server.servlet().sessionCount());
    }
  }

  @Test
  void endingASessionInterruptsItsCallsAndEndsTheirStreams() throws Exception {
    try (TestServer server = TestServer.start()) {
      McpClient client = new McpClient(server.uri());
      String id = client.openSession();
      TestTools.Probe probe = server.tools.probe("doomed");
      CompletableFuture<HttpResponse<String>> call =
          client.postAsync(id, McpClient.callBody(1, "slow", "{\"key\":\"doomed\"}"));
      assertTrue(probe.started.await(10, TimeUnit.SECONDS));
      assertEquals(204, client.delete(id));
      assertTrue(probe.finished.await(10, TimeUnit.SECONDS));
      assertTrue(probe.interrupted, "the handler was interrupted");
      HttpResponse<String> response = call.get(10, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode());
      assertTrue(SseEvents.messages(SseEvents.parse(response.body())).isEmpty(), "a cancelled call gets no response");
    }
  }
}
