package dev.switchboard.mcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** Many sessions at once, and clients that reuse request ids: every reply reaches its caller. */
class ConcurrentSessionsTest {
  private static final Logger LOG = LoggerFactory.getLogger(ConcurrentSessionsTest.class);
  private static TestServer server;
  private static McpClient client;

  @BeforeAll
  static void start() {
    // Every simulated client connects from 127.0.0.1, one client by default: give it room for all of them.
    server = TestServer.start(b -> b.clientLimits(ClientLimits.defaults().withSessionsPerClient(10_000)
        .withCallsPerClient(10_000).withCallsInFlight(10_000)));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(8)).build();
    client = new McpClient(server.uri(), http);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void twoHundredSessionsTimesFiftyCallsEachGetTheirOwnReplies() throws Exception {
    int sessions = 200;
    int callsPerSession = 50;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      ids.add(client.openSession(i % 3 == 0 ? "2025-03-26" : i % 3 == 1 ? "2025-06-18" : "2025-11-25"));
    }
    AtomicInteger misrouted = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService threads = Executors.newFixedThreadPool(24);
    long started = System.nanoTime();
    List<Future<?>> work = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      String session = ids.get(s);
      int sessionIndex = s;
      work.add(threads.submit(() -> {
        for (int c = 0; c < callsPerSession; c++) {
          String payload = sessionIndex + ":" + c + ":" + UUID.randomUUID();
          try {
            // Every session uses the same ids 0..49, so only the POST can route a reply.
            JsonNode reply = client.call(session, c, "echo", "{\"text\":\"" + payload + "\"}");
            String text = reply.at("/result/content/0/text").asString();
            if (!payload.equals(text) || reply.get("id").asInt() != c) {
              misrouted.incrementAndGet();
            }
            seen.add(text);
          } catch (Exception e) {
            errors.incrementAndGet();
            LOG.warn("call failed", e);
          }
        }
      }));
    }
    for (Future<?> future : work) {
      future.get(120, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    threads.shutdown();
    int total = sessions * callsPerSession;
    LOG.info("{} calls over {} sessions from 24 threads in {} s: {} calls/s", total, sessions,
        String.format("%.2f", seconds), String.format("%.0f", total / seconds));
    assertEquals(0, errors.get(), "errors");
    assertEquals(0, misrouted.get(), "replies that went to the wrong caller");
    assertEquals(total, seen.size(), "every payload came back exactly once");
  }

  @Test
  void twentyConcurrentRequestsWithTheSameIdEachGetTheirOwnReply() throws Exception {
    String session = client.openSession();
    int parties = 20;
    String key = UUID.randomUUID().toString();
    ExecutorService threads = Executors.newFixedThreadPool(parties);
    List<Future<HttpResponse<String>>> replies = new ArrayList<>();
    for (int i = 0; i < parties; i++) {
      String body = McpClient.callBody(1, "barrier_echo",
          "{\"text\":\"payload-" + i + "\",\"key\":\"" + key + "\",\"parties\":" + parties + "}");
      replies.add(threads.submit(() -> client.post(session, body)));
    }
    for (int i = 0; i < parties; i++) {
      HttpResponse<String> response = replies.get(i).get(30, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode());
      JsonNode reply = McpClient.lastMessage(response);
      assertEquals(1, reply.get("id").asInt());
      assertEquals("payload-" + i, reply.at("/result/content/0/text").asString(),
          "POST " + i + " got someone else's reply");
    }
    threads.shutdown();
    assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
  }

  @Test
  void concurrentInitializesCreateDistinctSessions() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(16);
    List<Future<String>> opened = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      opened.add(threads.submit(() -> client.openSession()));
    }
    Set<String> ids = ConcurrentHashMap.newKeySet();
    for (Future<String> future : opened) {
      ids.add(future.get(30, TimeUnit.SECONDS));
    }
    threads.shutdown();
    assertEquals(100, ids.size());
  }
}
