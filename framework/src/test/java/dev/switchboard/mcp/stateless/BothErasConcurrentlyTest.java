package dev.switchboard.mcp.stateless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.transport.ClientLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Many stateless clients and many sessions on one endpoint at once, every request of every client
 * with the same JSON-RPC id: each reply must carry its own caller's text, and no session is made
 * for a stateless request.
 */
class BothErasConcurrentlyTest {
  private static final int STATELESS_CLIENTS = 48;
  private static final int SESSIONS = 16;
  private static final int CALLS = 40;

  @Test
  void everyReplyReachesItsCallerInBothEras() throws Exception {
    // Every simulated client connects from 127.0.0.1, one client by default: give it room for all of them.
    try (TestServer server = TestServer.start(b -> b.clientLimits(ClientLimits.defaults().withCallsPerClient(10_000)))) {
      ExecutorService pool = Executors.newFixedThreadPool(STATELESS_CLIENTS + SESSIONS);
      CountDownLatch go = new CountDownLatch(1);
      ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < STATELESS_CLIENTS; c++) {
        String me = "stateless-" + c;
        done.add(pool.submit(() -> {
          StatelessClient client = new StatelessClient(server.uri());
          go.await();
          for (int i = 0; i < CALLS; i++) {
            String text = me + "/" + i;
            JsonNode reply = client.call(1, "echo", "{\"text\":\"" + text + "\"}", "{}");
            if (!text.equals(reply.at("/result/content/0/text").asString())) {
              wrong.add(text + " got " + reply);
            }
          }
          return null;
        }));
      }
      for (int s = 0; s < SESSIONS; s++) {
        String me = "session-" + s;
        done.add(pool.submit(() -> {
          McpClient client = new McpClient(server.uri());
          String session = client.openSession();
          go.await();
          for (int i = 0; i < CALLS; i++) {
            String text = me + "/" + i;
            JsonNode reply = client.call(session, 1, "echo", "{\"text\":\"" + text + "\"}");
            if (!text.equals(reply.at("/result/content/0/text").asString())) {
              wrong.add(text + " got " + reply);
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertTrue(wrong.isEmpty(), "misrouted: " + wrong);
      assertEquals(SESSIONS, server.sessions().size(), "only the sessions that initialized exist");
    }
  }
}
