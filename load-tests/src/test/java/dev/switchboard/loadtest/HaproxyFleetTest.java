package dev.switchboard.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.transport.ClientLimits;
import dev.switchboard.mcp.transport.McpServlet;
import dev.switchboard.mcp.transport.RedisFleet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two Switchboard instances behind a real HAProxy with the shipped configuration
 * ({@code load-tests/haproxy/switchboard.cfg}): legacy sessions stick to the instance that minted them,
 * 2026-07-28 requests spread over both, a multi-round call continues on either (shared key), and an
 * instance that stops is taken out by the health check; with a shared store on Redis, a reload of
 * HAProxy (which loses its stick table) loses no session. {@code .ci/run} installs HAProxy and Redis;
 * without them these tests are skipped and say so.
 */
class HaproxyFleetTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final byte[] SHARED_KEY = "switchboard fleet test key, 32+ bytes long".getBytes();
  private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"fleet\",\"version\":\"1\"},"
      + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  private static JettyMcpServer node(String name) {
    return node(name, UnaryOperator.identity());
  }

  private static JettyMcpServer node(String name, UnaryOperator<McpServlet.Builder> servletConfig) {
    McpServer server = McpServer.builder("fleet", "1.0").requestStateKey(SHARED_KEY)
        .tool(Tool.builder("node").description("Names the instance that answers")
            .inputSchema("{\"type\":\"object\"}").build(), (arguments, context) -> CallToolResult.text(name))
        .tool(Tool.builder("ask").description("Asks, then says which instances served the two rounds")
            .inputSchema("{\"type\":\"object\"}").build(), (arguments, context) -> {
              String first = context.once("first", String.class, () -> name);
              context.elicit("Go on?", (ObjectNode) JSON.readTree("{\"type\":\"object\",\"properties\":{}}"));
              return CallToolResult.text(first + " then " + name);
            })
        .build();
    // All test clients come from 127.0.0.1 through HAProxy: one client, as far as the limits can tell.
    McpServlet servlet = servletConfig.apply(McpServlet.builder(server).allowAnyHost()
        .clientLimits(ClientLimits.defaults().withSessionsPerClient(10_000).withCallsPerClient(10_000))).build();
    return JettyMcpServer.builder(servlet).stopOnShutdown(false).shutdownGrace(Duration.ofSeconds(1)).start();
  }

  @Test
  void sessionsStickStatelessRequestsSpreadAndAStoppedInstanceIsTakenOut() throws Exception {
    Path haproxy = Haproxy.BINARY;
    Installed.require(haproxy, "haproxy");
    JettyMcpServer one = node("one");
    JettyMcpServer two = node("two");
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(haproxy.toString(), "-db", "-f",
        Path.of("haproxy", "switchboard.cfg").toAbsolutePath().toString()).redirectErrorStream(true)
        .redirectOutput(Path.of("target", "haproxy.log").toFile());
    builder.environment().put("SWITCHBOARD_BIND", "127.0.0.1:" + port);
    builder.environment().put("SWITCHBOARD_NODE1", "127.0.0.1:" + one.uri().getPort());
    builder.environment().put("SWITCHBOARD_NODE2", "127.0.0.1:" + two.uri().getPort());
    Process proxy = builder.start();
    try {
      URI front = URI.create("http://127.0.0.1:" + port + "/mcp");
      awaitListening(port);
      awaitBothServing(front);

      // Legacy sessions: each is served by the instance that minted it, every time.
      Map<String, Integer> minted = new HashMap<>();
      for (int s = 0; s < 12; s++) {
        String session = openSession(front);
        Set<String> answered = new HashSet<>();
        for (int c = 0; c < 8; c++) {
          answered.add(text(post(front, session, call(c, "node", ""), Map.of())));
        }
        assertEquals(1, answered.size(), "one session, one instance: " + answered);
        minted.merge(answered.iterator().next(), 1, Integer::sum);
      }
      assertEquals(Set.of("one", "two"), minted.keySet(), "new sessions go to both instances: " + minted);

      // 2026-07-28: no session, round-robin over both; a multi-round call continues on either.
      Set<String> stateless = new HashSet<>();
      for (int i = 0; i < 10; i++) {
        stateless.add(text(post(front, null, statelessCall(i, "node", ""), Map.of("Mcp-Name", "node"))));
      }
      assertEquals(Set.of("one", "two"), stateless);
      Set<String> rounds = new HashSet<>();
      String asking = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"fleet\",\"version\":\"1\"},"
          + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";
      for (int i = 0; i < 4; i++) {
        String first = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
            + "\"arguments\":{}%s," + asking + "}}";
        HttpResponse<String> round1 = post(front, null, String.format(first, ""), Map.of("Mcp-Name", "ask"));
        JsonNode asked = JSON.readTree(round1.body()).path("result");
        assertEquals("input_required", asked.path("resultType").asString(), round1.body());
        String retry = String.format(first, ",\"inputResponses\":{\"#1\":{\"action\":\"accept\",\"content\":{}}},"
            + "\"requestState\":" + asked.get("requestState"));
        rounds.add(text(post(front, null, retry, Map.of("Mcp-Name", "ask"))));
      }
      assertTrue(rounds.contains("one then two") || rounds.contains("two then one"),
          "a multi-round call continued on the other instance: " + rounds);

      // An instance shutting down answers its health check with 503 and is taken out; the other serves all.
      one.close();
      Thread.sleep(3_500);
      for (int i = 0; i < 10; i++) {
        assertEquals("two", text(post(front, null, statelessCall(100 + i, "node", ""), Map.of("Mcp-Name", "node"))));
      }
    } finally {
      proxy.destroy();
      proxy.waitFor(10, TimeUnit.SECONDS);
      one.close();
      two.close();
    }
  }

  @Test
  void afterAReloadOfHaproxySessionsLandElsewhereAndAreTakenOverFromTheSharedStore() throws Exception {
    Installed.require(Haproxy.BINARY, "haproxy");
    Installed.require(Redis.SERVER, "redis-server");
    try (Redis redis = Redis.start(freePort(), Path.of("target", "reload-redis.log"))) {
      UnaryOperator<McpServlet.Builder> fleet = servlet -> servlet.fleet(RedisFleet.builder(redis.uri()).build());
      JettyMcpServer one = node("one", fleet);
      JettyMcpServer two = node("two", fleet);
      int port = freePort();
      Process proxy = startHaproxy(port, one, two, List.of());
      try {
        URI front = URI.create("http://127.0.0.1:" + port + "/mcp");
        awaitListening(port);
        awaitBothServing(front);
        Map<String, String> servedBy = new HashMap<>();
        for (int s = 0; s < 12; s++) {
          String session = openSession(front);
          servedBy.put(session, text(post(front, session, call(1, "node", ""), Map.of())));
        }
        // A reload starts a new HAProxy that takes over the port and tells the old one to finish: the
        // stick table starts empty (no peers section keeps it), so sessions spread round-robin.
        Process reloaded = startHaproxy(port, one, two, List.of("-sf", Long.toString(proxy.pid())));
        proxy.waitFor(10, TimeUnit.SECONDS);
        proxy = reloaded;
        awaitBothServing(front);
        int moved = 0;
        for (Map.Entry<String, String> session : servedBy.entrySet()) {
          HttpResponse<String> answer = post(front, session.getKey(), call(2, "node", ""), Map.of());
          assertEquals(200, answer.statusCode(), "no session is lost: " + answer.body());
          String now = text(answer);
          moved += now.equals(session.getValue()) ? 0 : 1;
          for (int again = 3; again < 6; again++) {
            assertEquals(now, text(post(front, session.getKey(), call(again, "node", ""), Map.of())),
                "HAProxy learned the session's instance again from the answer's Mcp-Session-Id");
          }
        }
        assertTrue(moved > 0, "the reload lost the stick table, so some sessions landed on the other instance");
      } finally {
        proxy.destroy();
        proxy.waitFor(10, TimeUnit.SECONDS);
        one.close();
        two.close();
      }
    }
  }

  private static Process startHaproxy(int port, JettyMcpServer one, JettyMcpServer two, List<String> extra)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(Haproxy.BINARY.toString(), "-db", "-f",
        Path.of("haproxy", "switchboard.cfg").toAbsolutePath().toString()));
    command.addAll(extra);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "haproxy-reload.log").toFile()));
    builder.environment().put("SWITCHBOARD_BIND", "127.0.0.1:" + port);
    builder.environment().put("SWITCHBOARD_NODE1", "127.0.0.1:" + one.uri().getPort());
    builder.environment().put("SWITCHBOARD_NODE2", "127.0.0.1:" + two.uri().getPort());
    return builder.start();
  }

  private static String openSession(URI front) throws IOException, InterruptedException {
    HttpResponse<String> opened = post(front, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
        + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"f\","
        + "\"version\":\"1\"}}}", Map.of());
    assertEquals(200, opened.statusCode(), opened.body());
    String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, post(front, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        Map.of()).statusCode());
    return session;
  }

  private static String call(int id, String tool, String extra) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":{}" + extra + "}}";
  }

  private static String statelessCall(int id, String tool, String extra) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":{}" + extra + "," + META + "}}";
  }

  private static String text(HttpResponse<String> response) throws IOException {
    assertEquals(200, response.statusCode(), response.body());
    String body = response.body();
    if (body.startsWith("event:") || body.startsWith("id:") || body.startsWith(":") || body.startsWith("data:")) {
      String last = "";
      for (String line : body.split("\n", -1)) {
        if (line.startsWith("data:") && line.length() > 5) {
          last = line.substring(5).strip();
        }
      }
      body = last;
    }
    JsonNode message = JSON.readTree(body);
    return message.at("/result/content/0/text").asString();
  }

  private static HttpResponse<String> post(URI uri, String session, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    if (body.contains("2026-07-28")) {
      request.header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call");
    }
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("HAProxy did not listen on " + port + " (see target/haproxy.log)");
  }

  /** Until both instances have passed a health check, some requests may find only one. */
  private static void awaitBothServing(URI front) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      seen.clear();
      for (int i = 0; i < 4; i++) {
        HttpResponse<String> response = post(front, null, statelessCall(i, "node", ""), Map.of("Mcp-Name", "node"));
        if (response.statusCode() == 200) {
          seen.add(text(response));
        }
      }
      if (seen.contains("one") && seen.contains("two")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("both instances never served through HAProxy: " + seen);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
