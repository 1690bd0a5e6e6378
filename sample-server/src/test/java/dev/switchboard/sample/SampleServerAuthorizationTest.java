package dev.switchboard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The sample server with {@code --auth-issuer}, started as its users start it, against a real
 * authorization server in process (mock-oauth2-server), over real HTTP: the challenge and the resource
 * metadata, what a read token and a write token may do, and the refusal to listen beyond this machine
 * without authorization.
 */
class SampleServerAuthorizationTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final String READ_TOOLS = "[describe_table, explain, list_tables, query]";
  private static AuthorizationServer oauth;
  private static SampleProcess sample;
  private static URI endpoint;
  private static String banner;

  @BeforeAll
  static void start() throws Exception {
    oauth = AuthorizationServer.start();
    sample = SampleProcess.fromClassPath("--auth-issuer", oauth.issuer().toString(), "--port", "0");
    endpoint = sample.awaitUrl();
    banner = sample.nextLine() + "\n" + sample.nextLine() + "\n" + sample.nextLine();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sample != null) {
      sample.close();
    }
    if (oauth != null) {
      oauth.close();
    }
  }

  private static String token(String subject, String scope) {
    return oauth.token(subject, endpoint.toString(), scope);
  }

  @Test
  void theBannerSaysWhichTokensItNeeds() {
    assertTrue(banner.contains("Requiring OAuth access tokens from " + oauth.issuer() + " for " + endpoint
        + " (--auth-issuer): scope shop:read to read, shop:read and shop:write to place orders"), banner);
    assertTrue(banner.contains("claude mcp add --transport http switchboard-sample " + endpoint), banner);
  }

  @Test
  void withoutATokenTheServerAnswers401WithAChallengeThatPointsToItsMetadata() throws Exception {
    HttpResponse<String> response = post(null, null, McpClient.initializeBody("2025-11-25"));
    assertEquals(401, response.statusCode(), response.body());
    String metadata = "http://127.0.0.1:" + endpoint.getPort() + "/.well-known/oauth-protected-resource/mcp";
    assertEquals("Bearer resource_metadata=\"" + metadata + "\", scope=\"shop:read shop:write\"",
        response.headers().firstValue("WWW-Authenticate").orElseThrow());
    String expected = "{\"resource\":\"" + endpoint + "\",\"authorization_servers\":[\"" + oauth.issuer()
        + "\"],\"scopes_supported\":[\"shop:read\",\"shop:write\"],\"bearer_methods_supported\":[\"header\"]}";
    for (String path : List.of("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource")) {
      HttpResponse<String> prm = HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, prm.statusCode(), path);
      assertEquals(McpClient.JSON.readTree(expected), McpClient.JSON.readTree(prm.body()), path);
    }
    HttpResponse<String> foreign = post(oauth.token("alice", "http://127.0.0.1:1/elsewhere", "shop:read"), null,
        McpClient.initializeBody("2025-11-25"));
    assertEquals(401, foreign.statusCode(), "a token for another resource");
    assertTrue(foreign.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer error=\"invalid_token\""));
  }

  @Test
  void aReadTokenListsAndReadsButCannotOrder() throws Exception {
    String reader = token("alice", "shop:read");
    String session = open(reader);
    assertEquals(READ_TOOLS, names(rpc(reader, session, "tools/list", "{}").at("/result/tools")).toString());
    JsonNode tables = call(reader, session, "list_tables", "{}");
    assertTrue(tables.at("/result/structuredContent/tables").toString().contains("CUSTOMERS"), tables.toString());
    JsonNode count = call(reader, session, "query", "{\"sql\":\"SELECT COUNT(*) FROM customers\"}");
    assertEquals(1000, count.at("/result/structuredContent/rows/0/0").asInt(), count.toString());
    JsonNode schema = rpc(reader, session, "resources/read", "{\"uri\":\"db://schema\"}");
    assertTrue(schema.at("/result/contents/0/text").asString().contains("\"ORDERS\""), schema.toString());
    assertEquals("[PRODUCTS]", rpc(reader, session, "completion/complete", "{\"ref\":{\"type\":\"ref/prompt\","
        + "\"name\":\"analyze_table\"},\"argument\":{\"name\":\"table\",\"value\":\"PRO\"}}")
        .at("/result/completion/values").valueStream().map(JsonNode::asString).toList().toString());

    HttpResponse<String> order = post(reader, session, McpClient.callBody(9, "add_order",
        "{\"customerId\":1,\"productId\":2,\"quantity\":1}"));
    assertEquals(403, order.statusCode(), order.body());
    String challenge = order.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertTrue(challenge.startsWith("Bearer error=\"insufficient_scope\", scope=\"shop:read shop:write\""), challenge);
    assertTrue(challenge.contains("resource_metadata=\"http://127.0.0.1:" + endpoint.getPort()
        + "/.well-known/oauth-protected-resource/mcp\""), challenge);
  }

  @Test
  void aWriteTokenPlacesAnOrderOnceTheUserConfirmsIt() throws Exception {
    String buyer = token("bob", "shop:read shop:write");
    String session = open(buyer);
    assertTrue(names(rpc(buyer, session, "tools/list", "{}").at("/result/tools")).contains("add_order"));
    HttpResponse<InputStream> response = HTTP.send(request(buyer, session, McpClient.callBody(5, "add_order",
        "{\"customerId\":1,\"productId\":2,\"quantity\":3}")).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    try (SseEvents events = SseEvents.of(response)) {
      JsonNode ask = McpClient.JSON.readTree(events.nextMessage(Duration.ofSeconds(10)).data());
      assertEquals("elicitation/create", ask.get("method").asString(), ask.toString());
      assertTrue(ask.at("/params/message").asString().startsWith("Place an order of 3 x "), ask.toString());
      HttpResponse<String> answered = post(buyer, session, "{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id")
          + ",\"result\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}");
      assertEquals(202, answered.statusCode(), answered.body());
      JsonNode result = null;
      for (SseEvents.Event event = events.nextMessage(Duration.ofSeconds(10)); event != SseEvents.END && event != null;
          event = events.nextMessage(Duration.ofSeconds(10))) {
        JsonNode message = McpClient.JSON.readTree(event.data());
        if (message.has("result")) {
          result = message.get("result");
        }
      }
      assertNotNull(result, "no result");
      assertTrue(result.at("/structuredContent/placed").asBoolean(), result.toString());
      int id = result.at("/structuredContent/order/id").asInt();
      JsonNode placed = call(buyer, session, "query", "{\"sql\":\"SELECT quantity FROM orders WHERE id = " + id + "\"}");
      assertEquals(3, placed.at("/result/structuredContent/rows/0/0").asInt(), placed.toString());
    }
  }

  @Test
  void aTokenWithoutTheShopsScopesSeesNothingAndIsRefusedEverything() throws Exception {
    String nobody = token("carol", "profile");
    String session = open(nobody);
    assertTrue(rpc(nobody, session, "tools/list", "{}").at("/result/tools").isEmpty());
    assertTrue(rpc(nobody, session, "resources/list", "{}").at("/result/resources").isEmpty());
    assertTrue(rpc(nobody, session, "resources/templates/list", "{}").at("/result/resourceTemplates").isEmpty());
    assertTrue(rpc(nobody, session, "prompts/list", "{}").at("/result/prompts").isEmpty());
    assertTrue(rpc(nobody, session, "completion/complete", "{\"ref\":{\"type\":\"ref/resource\",\"uri\":"
        + "\"db://tables/{name}\"},\"argument\":{\"name\":\"name\",\"value\":\"\"}}")
        .at("/result/completion/values").isEmpty(), "completion tells no table names");
    for (String body : List.of(McpClient.callBody(3, "list_tables", "{}"),
        McpClient.callBody(4, "query", "{\"sql\":\"SELECT 1\"}"),
        rpcBody(5, "resources/read", "{\"uri\":\"db://tables/ORDERS\"}"),
        rpcBody(6, "prompts/get", "{\"name\":\"write_query\",\"arguments\":{\"question\":\"?\"}}"))) {
      HttpResponse<String> refused = post(nobody, session, body);
      assertEquals(403, refused.statusCode(), body + ": " + refused.body());
      assertTrue(refused.headers().firstValue("WWW-Authenticate").orElseThrow()
          .startsWith("Bearer error=\"insufficient_scope\", scope=\"shop:read\""), body);
    }
  }

  @Test
  void scopesAndAudienceCanBeChosen() throws Exception {
    try (SampleProcess custom = SampleProcess.fromClassPath("--auth-issuer", oauth.issuer().toString(),
        "--auth-scopes", "db.read,db.order,admin", "--auth-audience", "http://localhost:1234/mcp", "--port", "0")) {
      URI url = custom.awaitUrl();
      String lines = custom.nextLine() + "\n" + custom.nextLine() + "\n" + custom.nextLine();
      assertTrue(lines.contains("claude mcp add --transport http switchboard-sample http://localhost:1234/mcp"),
          "clients are told the URL the tokens are for: " + lines);
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
          .header("Accept", McpClient.ACCEPT).POST(HttpRequest.BodyPublishers.ofString(
              McpClient.initializeBody("2025-11-25"))).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, response.statusCode());
      assertEquals("Bearer resource_metadata=\"http://localhost:1234/.well-known/oauth-protected-resource/mcp\","
          + " scope=\"db.read db.order admin\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
      String reader = oauth.token("dave", "http://localhost:1234/mcp", "db.read");
      HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
          .header("Accept", McpClient.ACCEPT).header("Authorization", "Bearer " + reader)
          .POST(HttpRequest.BodyPublishers.ofString(McpClient.initializeBody("2025-11-25"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, opened.statusCode(), "the chosen audience, the read scope: " + opened.body());
    }
  }

  @Test
  void refusesToListenBeyondThisMachineWithoutAuthorization() throws Exception {
    // Refused before anything binds: nothing listens beyond 127.0.0.1.
    try (SampleProcess open = SampleProcess.fromClassPath("--host", "0.0.0.0", "--port", "0")) {
      SampleProcess.Exit exit = open.awaitExit();
      assertEquals(2, exit.status(), exit.output());
      assertTrue(exit.output().startsWith("sample-server: will not listen on 0.0.0.0, beyond this machine, without"
          + " authorization"), exit.output());
      assertTrue(exit.output().contains("--auth-issuer") && exit.output().contains("--allow-unauthenticated"),
          exit.output());
      assertFalse(exit.output().contains("Exception"), exit.output());
    }
  }

  @Test
  void decidesWhoMayReachItBeforeItBinds() {
    // Beyond this machine: open only when told, and only under the names clients use.
    assertThrows(IllegalArgumentException.class, () -> SampleServer.exposure(options("--host", "0.0.0.0")));
    SampleServer.Exposure open = SampleServer.exposure(options("--host", "0.0.0.0", "--allow-unauthenticated",
        "--allowed-hosts", "mcp.example.com, shop.example.com"));
    assertNull(open.authorization());
    assertEquals(List.of("mcp.example.com", "shop.example.com"), open.allowedHosts());
    IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class,
        () -> SampleServer.exposure(options("--host", "0.0.0.0", "--allow-unauthenticated")));
    assertTrue(unnamed.getMessage().contains("--allowed-hosts"), unnamed.getMessage());
    IllegalArgumentException noAudience = assertThrows(IllegalArgumentException.class, () -> SampleServer.exposure(
        options("--host", "0.0.0.0", "--auth-issuer", "http://127.0.0.1:9/shop")));
    assertTrue(noAudience.getMessage().contains("--auth-audience"), noAudience.getMessage());
    SampleServer.Exposure behindAProxy = SampleServer.exposure(options("--host", "0.0.0.0", "--port", "8080",
        "--auth-issuer", "https://login.example.com/shop", "--auth-audience", "https://mcp.example.com/mcp"));
    assertEquals(List.of("mcp.example.com"), behindAProxy.allowedHosts());
    assertEquals(URI.create("https://mcp.example.com/mcp"), behindAProxy.authorization().resource());
    assertEquals(List.of(URI.create("https://login.example.com/shop")),
        behindAProxy.authorization().authorizationServers());
    assertEquals(8080, behindAProxy.port());
    // On this machine: the framework's localhost names, and a port chosen now when the audience needs it.
    SampleServer.Exposure local = SampleServer.exposure(options("--auth-issuer", "http://127.0.0.1:9/shop"));
    assertEquals(List.of(), local.allowedHosts());
    assertNotEquals(0, local.port());
    assertEquals(URI.create("http://127.0.0.1:" + local.port() + "/mcp"), local.authorization().resource());
    assertEquals(List.of("shop:read", "shop:write"), local.authorization().scopesSupported());
    assertNull(SampleServer.exposure(options()).authorization());
    assertEquals(0, SampleServer.exposure(options()).port());
  }

  @Test
  void authorizationOptionsHaveClearErrors() {
    Options defaults = Options.parse(new String[0]);
    assertNull(defaults.authIssuer());
    assertEquals(List.of("shop:read", "shop:write"), defaults.authScopes());
    assertFalse(defaults.allowUnauthenticated());
    Options auth = options("--auth-issuer", "https://login.example.com/realms/shop", "--auth-scopes", "r, w");
    assertEquals(URI.create("https://login.example.com/realms/shop"), auth.authIssuer());
    assertEquals(List.of("r", "w"), auth.authScopes());
    for (List<String> bad : List.of(List.of("--auth-issuer"), List.of("--auth-issuer", "login.example.com"),
        List.of("--auth-issuer", "http://login.example.com/shop"), List.of("--auth-issuer", "ftp://127.0.0.1/x"),
        List.of("--auth-audience", "https://mcp.example.com/mcp"), List.of("--auth-scopes", "a,b"),
        List.of("--auth-issuer", "https://l.example.com", "--auth-scopes", "shop:read"),
        List.of("--auth-issuer", "https://l.example.com", "--auth-scopes", "a,a"),
        List.of("--auth-issuer", "https://l.example.com", "--auth-audience", "/mcp"),
        List.of("--auth-issuer", "https://l.example.com", "--allow-unauthenticated"),
        List.of("--auth-issuer", "https://l.example.com", "--conformance"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Options.parse(bad.toArray(String[]::new)), bad.toString());
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Test
  void theHelpExplainsTheAuthorizationOptions() throws Exception {
    try (SampleProcess help = SampleProcess.fromClassPath("--help")) {
      SampleProcess.Exit exit = help.awaitExit();
      assertEquals(0, exit.status(), exit.output());
      for (String text : List.of("--auth-issuer URL", "--auth-audience URI", "--auth-scopes S,S",
          "(default shop:read,shop:write)", "--allow-unauthenticated", "--allowed-hosts H,H",
          "the first and the second to place an order", "/.well-known/oauth-protected-resource/mcp")) {
        assertTrue(exit.output().contains(text), text + " in:\n" + exit.output());
      }
    }
  }

  private static Options options(String... args) {
    return Options.parse(args);
  }

  private static List<String> names(JsonNode list) {
    return list.valueStream().map(node -> node.path("name").asString()).sorted().toList();
  }

  private static String open(String token) throws Exception {
    HttpResponse<String> opened = post(token, null, McpClient.initializeBody("2025-11-25", "{\"elicitation\":{}}"));
    assertEquals(200, opened.statusCode(), opened.body());
    String id = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, post(token, id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode());
    return id;
  }

  private static JsonNode call(String token, String session, String tool, String arguments) throws Exception {
    HttpResponse<String> response = post(token, session, McpClient.callBody(2, tool, arguments));
    assertEquals(200, response.statusCode(), response.body());
    return McpClient.lastMessage(response);
  }

  private static JsonNode rpc(String token, String session, String method, String params) throws Exception {
    HttpResponse<String> response = post(token, session, rpcBody(7, method, params));
    assertEquals(200, response.statusCode(), method + ": " + response.body());
    return McpClient.lastMessage(response);
  }

  private static String rpcBody(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  private static HttpRequest.Builder request(String token, String session, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Accept", McpClient.ACCEPT)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return request;
  }

  private static HttpResponse<String> post(String token, String session, String body) throws Exception {
    return HTTP.send(request(token, session, body).build(), HttpResponse.BodyHandlers.ofString());
  }
}
