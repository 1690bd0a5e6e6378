package dev.switchboard.mcp.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.testing.LogCapture;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.testing.TestTools;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A tool that never returns cannot hold a session's share of calls for ever: past its deadline it is
 * interrupted and the client gets a tool error; its session goes on.
 */
class ToolDeadlinesTest {
  /** A tool with a deadline of its own, shorter than the server's. */
  public static final class Stuck {
    final CountDownLatch interrupted = new CountDownLatch(1);

    @McpTool(description = "Waits for ever", timeoutMillis = 300)
    public String stuck() {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
      }
      return "never";
    }
  }

  @Test
  void aToolPastTheServersDeadlineIsStoppedAndAnsweredWithAToolError() throws Exception {
    try (LogCapture log = new LogCapture();
        TestServer server = TestServer.start(builder -> builder.toolTimeout(Duration.ofMillis(300)),
            UnaryOperator.identity())) {
      TestTools.Probe probe = server.tools.probe("forever");
      McpClient client = new McpClient(server.uri());
      String session = client.openSession();
      long started = System.nanoTime();
      JsonNode reply = client.call(session, 1, "slow", "{\"key\":\"forever\",\"millis\":600000}");
      assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30)) < 0);
      assertTrue(reply.at("/result/isError").asBoolean(), reply.toString());
      assertTrue(reply.at("/result/content/0/text").asString().contains("did not finish in time"), reply.toString());
      assertTrue(probe.finished.await(10, TimeUnit.SECONDS));
      probe.cancelAction.await(10, TimeUnit.SECONDS);
      assertTrue(probe.interrupted && probe.cancelActionRan, "the handler was interrupted and its onCancel ran");
      assertEquals("next", client.call(session, 2, "echo", "{\"text\":\"next\"}").at("/result/content/0/text")
          .asString());
      assertTrue(log.text().contains("tool slow ran past its deadline"), log.text());
    }
  }

  @Test
  void anAnnotatedToolsOwnDeadlineApplies() throws Exception {
    Stuck stuck = new Stuck();
    try (TestServer server = TestServer.start(builder -> builder.register(stuck), UnaryOperator.identity())) {
      McpClient client = new McpClient(server.uri());
      String session = client.openSession();
      JsonNode reply = client.call(session, 1, "stuck", "{}");
      assertTrue(reply.at("/result/isError").asBoolean(), reply.toString());
      assertTrue(stuck.interrupted.await(10, TimeUnit.SECONDS));
    }
  }
}
