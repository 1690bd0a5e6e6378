package dev.switchboard.mcp.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.testing.FakeTime;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.TestServer;
import dev.switchboard.mcp.testing.TestTools;
import dev.switchboard.mcp.transport.ClientLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each client's share: one client that takes all it may gets 429 with {@code Retry-After}, and another
 * client is still served. Clients are told apart by a header here ({@code clientKey}), as an
 * authenticated principal would be, and by remote address (the default) in the last test.
 */
class ClientLimitsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestServer server(ClientLimits limits) {
    return TestServer.start(servlet -> servlet.clientLimits(limits)
        .clientKey(request -> request.header("X-Agent").orElse(request.remoteAddress())));
  }

  @Test
  void aClientAtItsSessionShareGets429AndAnotherClientStillGetsASession() throws Exception {
    try (TestServer server = server(ClientLimits.defaults().withSessionsPerClient(3))) {
      List<String> mallorys = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> opened = post(server.uri(), "mallory", null, McpClient.initializeBody("2025-11-25"));
        assertEquals(200, opened.statusCode(), opened.body());
        mallorys.add(opened.headers().firstValue("Mcp-Session-Id").orElseThrow());
      }
      HttpResponse<String> refused = post(server.uri(), "mallory", null, McpClient.initializeBody("2025-11-25"));
      assertEquals(429, refused.statusCode(), refused.body());
      assertEquals("30", refused.headers().firstValue("Retry-After").orElse(""));
      assertTrue(refused.body().contains("\"jsonrpc\":\"2.0\"") && refused.body().contains("Too Many Requests"),
          refused.body());
      assertFalse(refused.headers().firstValue("Mcp-Session-Id").isPresent());

      HttpResponse<String> alice = post(server.uri(), "alice", null, McpClient.initializeBody("2025-11-25"));
      assertEquals(200, alice.statusCode(), "a well-behaved client is still served: " + alice.body());

      // Ending one of its sessions gives the share back.
      HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(server.uri()).DELETE()
          .header("X-Agent", "mallory").header("Mcp-Session-Id", mallorys.get(0)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(204, deleted.statusCode());
      assertEquals(200, post(server.uri(), "mallory", null, McpClient.initializeBody("2025-11-25")).statusCode());
    }
  }

  @Test
  void aClientAtItsStreamShareGets429AndItsSessionsStillWork() throws Exception {
    try (TestServer server = server(ClientLimits.defaults().withStreamsPerClient(2))) {
      List<HttpResponse<InputStream>> streams = new ArrayList<>();
      List<String> sessions = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sessions.add(open(server.uri(), "mallory"));
      }
      try {
        for (int i = 0; i < 2; i++) {
          HttpResponse<InputStream> stream = get(server.uri(), "mallory", sessions.get(i));
          streams.add(stream);
          assertEquals(200, stream.statusCode());
        }
        HttpResponse<InputStream> third = get(server.uri(), "mallory", sessions.get(2));
        streams.add(third);
        assertEquals(429, third.statusCode());
        assertEquals("30", third.headers().firstValue("Retry-After").orElse(""));
        // Its sessions still answer calls, and another client still gets a stream.
        JsonNode echo = McpClient.lastMessage(post(server.uri(), "mallory", sessions.get(2),
            McpClient.callBody(1, "echo", "{\"text\":\"mine\"}")));
        assertEquals("mine", echo.at("/result/content/0/text").asString());
        HttpResponse<InputStream> alices = get(server.uri(), "alice", open(server.uri(), "alice"));
        streams.add(alices);
        assertEquals(200, alices.statusCode());
      } finally {
        for (HttpResponse<InputStream> stream : streams) {
          stream.body().close();
        }
      }
    }
  }

  @Test
  void aSessionAtItsCallShareGets429WhileOtherSessionsAreServed() throws Exception {
    try (TestServer server = server(ClientLimits.defaults().withCallsPerSession(2))) {
      TestTools.Probe first = server.tools.probe("first");
      TestTools.Probe second = server.tools.probe("second");
      String busy = open(server.uri(), "mallory");
      List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
      for (String key : List.of("first", "second")) {
        running.add(CompletableFuture.supplyAsync(() -> {
          try {
            return post(server.uri(), "mallory", busy, McpClient.callBody(key, "slow", "{\"key\":\"" + key + "\"}"));
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      assertTrue(first.started.await(10, TimeUnit.SECONDS) && second.started.await(10, TimeUnit.SECONDS));
      HttpResponse<String> third = post(server.uri(), "mallory", busy, McpClient.callBody(3, "echo", "{\"text\":\"x\"}"));
      assertEquals(429, third.statusCode(), third.body());
      assertEquals("1", third.headers().firstValue("Retry-After").orElse(""));
      assertTrue(third.body().contains("calls in flight"), third.body());
      // Another session of the same client is not held up by this one's share.
      JsonNode other = McpClient.lastMessage(post(server.uri(), "mallory", open(server.uri(), "mallory"),
          McpClient.callBody(4, "echo", "{\"text\":\"other\"}")));
      assertEquals("other", other.at("/result/content/0/text").asString());
      first.release.countDown();
      second.release.countDown();
      for (CompletableFuture<HttpResponse<String>> call : running) {
        assertEquals(200, call.get(10, TimeUnit.SECONDS).statusCode());
      }
      JsonNode after = McpClient.lastMessage(post(server.uri(), "mallory", busy,
          McpClient.callBody(5, "echo", "{\"text\":\"after\"}")));
      assertEquals("after", after.at("/result/content/0/text").asString());
    }
  }

  @Test
  void aClientAtItsShareOfCallsOverAllItsSessionsGets429() throws Exception {
    try (TestServer server = server(ClientLimits.defaults().withCallsPerClient(1))) {
      TestTools.Probe held = server.tools.probe("held");
      String one = open(server.uri(), "mallory");
      CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> {
        try {
          return post(server.uri(), "mallory", one, McpClient.callBody(1, "slow", "{\"key\":\"held\"}"));
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(held.started.await(10, TimeUnit.SECONDS));
      HttpResponse<String> refused = post(server.uri(), "mallory", open(server.uri(), "mallory"),
          McpClient.callBody(2, "echo", "{\"text\":\"x\"}"));
      assertEquals(429, refused.statusCode(), refused.body());
      JsonNode alice = McpClient.lastMessage(post(server.uri(), "alice", open(server.uri(), "alice"),
          McpClient.callBody(3, "echo", "{\"text\":\"alice\"}")));
      assertEquals("alice", alice.at("/result/content/0/text").asString());
      held.release.countDown();
      assertEquals(200, running.get(10, TimeUnit.SECONDS).statusCode());
    }
  }

  /**
   * Sessions that never finish the handshake live only as long as the handshake timeout, so an
   * attacker's half-open sessions give their share back soon; a finished handshake gets the full idle
   * timeout. The clock is fake: nothing but it moves.
   */
  @Test
  void sessionsThatNeverFinishTheHandshakeExpireSoonAndGiveTheirShareBack() throws Exception {
    FakeTime time = new FakeTime();
    Duration handshake = Duration.ofSeconds(30);
    try (TestServer server = TestServer.start(time, servlet -> servlet.sessionIdleTimeout(Duration.ofMinutes(30))
        .clientLimits(ClientLimits.defaults().withSessionsPerClient(2).withHandshakeTimeout(handshake)))) {
      McpClient client = new McpClient(server.uri());
      String complete = client.openSession();
      HttpResponse<String> halfOpen = client.post(null, McpClient.initializeBody("2025-11-25"));
      assertEquals(200, halfOpen.statusCode());
      String halfOpenId = halfOpen.headers().firstValue("Mcp-Session-Id").orElseThrow();
      assertEquals(429, client.post(null, McpClient.initializeBody("2025-11-25")).statusCode(),
          "two sessions are this address's share");

      time.advance(handshake.plusSeconds(2));
      assertEquals(404, client.post(halfOpenId, McpClient.callBody(1, "echo", "{\"text\":\"x\"}")).statusCode(),
          "the half-open session outlived the handshake timeout");
      JsonNode echo = client.call(complete, 2, "echo", "{\"text\":\"kept\"}");
      assertEquals("kept", echo.at("/result/content/0/text").asString());
      assertEquals(200, client.post(null, McpClient.initializeBody("2025-11-25")).statusCode(),
          "the expired session gave its share back");
    }
  }

  /** By default a client is its remote address: 127.0.0.2 at its share does not hold up 127.0.0.1. */
  @Test
  void byDefaultEachRemoteAddressHasItsOwnShare() throws Exception {
    try (TestServer server = TestServer.start(servlet -> servlet
        .clientLimits(ClientLimits.defaults().withSessionsPerClient(1)))) {
      assertEquals(200, rawInitialize(server.uri(), "127.0.0.2"));
      assertEquals(429, rawInitialize(server.uri(), "127.0.0.2"));
      assertEquals(200, rawInitialize(server.uri(), "127.0.0.1"));
    }
  }

  private static int rawInitialize(URI uri, String from) throws IOException {
    byte[] body = McpClient.initializeBody("2025-11-25").getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 5_000);
      socket.setSoTimeout(10_000);
      String head = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: localhost:" + uri.getPort()
          + "\r\nContent-Type: application/json\r\nAccept: " + McpClient.ACCEPT + "\r\nContent-Length: "
          + body.length + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(body);
      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  private static String open(URI uri, String agent) throws IOException, InterruptedException {
    HttpResponse<String> opened = post(uri, agent, null, McpClient.initializeBody("2025-11-25"));
    assertEquals(200, opened.statusCode(), opened.body());
    String id = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, post(uri, agent, id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .statusCode());
    return id;
  }

  private static HttpResponse<String> post(URI uri, String agent, String session, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Accept", McpClient.ACCEPT).header("X-Agent", agent)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<InputStream> get(URI uri, String agent, String session)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("X-Agent", agent)
        .header("Mcp-Session-Id", session).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
  }
}
