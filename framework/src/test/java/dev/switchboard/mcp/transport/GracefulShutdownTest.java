package dev.switchboard.mcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.testing.FakeTime;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestTools;
import dev.switchboard.mcp.transport.internal.TransportInternals;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Stopping refuses new work, lets calls in flight finish within the grace period, and closes streams. */
class GracefulShutdownTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** The grace periods run on fake time: the test decides when they are over. */
  private final FakeTime time = new FakeTime();

  private JettyMcpServer start(TestTools tools, Duration grace) {
    return JettyMcpServer.builder(McpServlet.builder(tools.serverBuilder().timeSource(time).build()).build())
        .shutdownGrace(grace).stopOnShutdown(false).start();
  }

  @Test
  void callsInFlightFinishNewWorkIsRefusedAndStreamsCloseCleanly() throws Exception {
    TestTools tools = new TestTools();
    JettyMcpServer jetty = start(tools, Duration.ofSeconds(20));
    McpClient client = new McpClient(jetty.uri());
    HttpResponse<String> up = HTTP.send(HttpRequest.newBuilder(jetty.uri().resolve("/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, up.statusCode());
    assertEquals("{\"status\":\"up\"}", up.body());
    String session = client.openSession();
    SseEvents standalone = client.listen(session);
    TestTools.Probe probe = tools.probe("drain");
    CompletableFuture<HttpResponse<String>> inFlight =
        client.postAsync(session, McpClient.callBody(1, "slow", "{\"key\":\"drain\"}"));
    assertTrue(probe.started.await(10, TimeUnit.SECONDS));
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(jetty::close);
    TransportInternals.endpoint(jetty.servlet()).drainingStarted().get(10, TimeUnit.SECONDS);
    HttpResponse<String> refused = client.post(null, McpClient.initializeBody("2025-11-25"));
    assertEquals(503, refused.statusCode(), "a new session is refused while stopping");
    HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(jetty.uri().resolve("/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(503, health.statusCode(), "the health check tells the balancer to send work elsewhere");
    assertEquals("{\"status\":\"draining\"}", health.body());
    assertEquals("5", refused.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(503, client.post(session, McpClient.callBody(2, "echo", "{\"text\":\"late\"}")).statusCode(),
        "so is new work on an existing session");
    probe.release.countDown();
    HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, finished.statusCode());
    assertEquals("released drain", McpClient.lastMessage(finished).at("/result/content/0/text").asString());
    stopping.get(10, TimeUnit.SECONDS); // the clock never moved: stopping ended when the call did, not at the grace's end
    assertEquals(SseEvents.END, standalone.next(Duration.ofSeconds(5)), "the GET stream ended cleanly");
  }

  @Test
  void aCallThatOutlastsTheGracePeriodIsCancelled() throws Exception {
    TestTools tools = new TestTools();
    JettyMcpServer jetty = start(tools, Duration.ofMillis(300));
    McpClient client = new McpClient(jetty.uri());
    String session = client.openSession();
    TestTools.Probe probe = tools.probe("too-long");
    client.postAsync(session, McpClient.callBody(1, "slow", "{\"key\":\"too-long\"}"));
    assertTrue(probe.started.await(10, TimeUnit.SECONDS));
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(jetty::close);
    TransportInternals.endpoint(jetty.servlet()).drainingStarted().get(10, TimeUnit.SECONDS);
    time.advance(Duration.ofMillis(299));
    assertEquals(1, probe.finished.getCount(), "the call may run until the grace period is over");
    time.advance(Duration.ofMillis(1));
    assertTrue(probe.finished.await(10, TimeUnit.SECONDS));
    assertTrue(probe.interrupted, "the handler was interrupted when the grace period ran out");
    stopping.get(10, TimeUnit.SECONDS);
  }

  @Test
  void statelessCallsDrainTooAndListenStreamsEndWithTheirResult() throws Exception {
    TestTools tools = new TestTools();
    JettyMcpServer jetty = start(tools, Duration.ofSeconds(20));
    StatelessClient client = new StatelessClient(jetty.uri());
    SseEvents listen = SseEvents.of(client.stream(client.body(7, "subscriptions/listen",
        "{\"notifications\":{\"toolsListChanged\":true}}")));
    assertEquals("notifications/subscriptions/acknowledged",
        McpClient.JSON.readTree(listen.nextMessage(Duration.ofSeconds(5)).data()).get("method").asString());
    TestTools.Probe probe = tools.probe("stateless-drain");
    CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
      try {
        return client.send(client.body(1, "tools/call", "{\"name\":\"slow\",\"arguments\":{\"key\":\"stateless-drain\"}}"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(probe.started.await(10, TimeUnit.SECONDS));
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(jetty::close);
    TransportInternals.endpoint(jetty.servlet()).drainingStarted().get(10, TimeUnit.SECONDS);
    JsonNode last = McpClient.JSON.readTree(listen.nextMessage(Duration.ofSeconds(5)).data());
    assertEquals(7, last.get("id").asInt(), "the listen stream ends with its result: " + last);
    assertEquals(7, last.at("/result/_meta/io.modelcontextprotocol~1subscriptionId").asInt());
    assertEquals(503, client.send(client.body(2, "tools/list", "{}")).statusCode(), "new work is refused");
    probe.release.countDown();
    HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals("released stateless-drain", McpClient.lastMessage(finished).at("/result/content/0/text").asString());
    stopping.get(10, TimeUnit.SECONDS);
  }
}
