package dev.switchboard.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.transport.Authorization;
import dev.switchboard.mcp.transport.JwtTokenVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The endpoint as an OAuth 2.1 resource server, against a real authorization server in process
 * (mock-oauth2-server: RFC 8414 metadata, a JWKS, RS256-signed tokens), over real HTTP.
 */
class AuthorizationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static MockOAuth2Server oauth;
  private static JettyMcpServer shop;
  private static String resource;

  @BeforeAll
  static void start() throws Exception {
    oauth = AuthServers.startAuthorizationServer();
    int port = AuthServers.freePort();
    shop = AuthServers.start(port, uri -> Authorization.builder(uri)
        .authorizationServers(AuthServers.issuer(oauth))
        .scopesSupported("mcp:read", "mcp:write")
        .tokenVerifier(JwtTokenVerifier.builder(AuthServers.issuer(oauth), uri).build())
        .build());
    resource = shop.uri().toString();
  }

  @AfterAll
  static void stop() {
    shop.close();
    oauth.shutdown();
  }

  private static String token(String subject, String scope) {
    return AuthServers.token(oauth, subject, resource, scope);
  }

  @Test
  void withoutATokenTheChallengePointsToTheResourceMetadata() throws Exception {
    HttpResponse<String> response = post(null, null, McpClient.initializeBody("2025-11-25"));
    assertEquals(401, response.statusCode());
    String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
    String metadata = "http://127.0.0.1:" + shop.uri().getPort() + "/.well-known/oauth-protected-resource/mcp";
    assertEquals("Bearer resource_metadata=\"" + metadata + "\", scope=\"mcp:read mcp:write\"", challenge);
    assertTrue(response.body().contains("\"jsonrpc\":\"2.0\""), response.body());
    assertEquals(401, post("Basic dXNlcjpwYXNz", null, McpClient.initializeBody("2025-11-25")).statusCode());
  }

  @Test
  void theResourceMetadataIsPublishedAtBothWellKnownUris() throws Exception {
    String expected = "{\"resource\":\"" + resource + "\",\"authorization_servers\":[\"" + AuthServers.issuer(oauth)
        + "\"],\"scopes_supported\":[\"mcp:read\",\"mcp:write\"],\"bearer_methods_supported\":[\"header\"]}";
    for (String path : List.of("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource")) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(shop.uri().resolve(path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), path);
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
      assertEquals(McpClient.JSON.readTree(expected), McpClient.JSON.readTree(response.body()), path);
    }
  }

  @Test
  void aValidTokenIsServedAndTheToolSeesItsPrincipal() throws Exception {
    String token = token("alice", "mcp:read");
    String session = open(token);
    JsonNode who = McpClient.lastMessage(post(bearer(token), session, McpClient.callBody(2, "whoami", "{}")));
    assertEquals("alice", who.at("/result/content/0/text").asString());
  }

  @Test
  void refusedTokensGet401InvalidToken() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("expired", AuthServers.token(oauth, "alice", resource, Map.of("scope", "mcp:read"), -3600));
    refused.put("not yet valid", AuthServers.token(oauth, "alice", resource,
        Map.of("scope", "mcp:read", "nbf", now + 3600), 7200));
    refused.put("another issuer", oauth.issueToken("elsewhere", "alice", resource, Map.of("scope", "mcp:read"), 3600)
        .serialize());
    refused.put("another audience", AuthServers.token(oauth, "alice", "http://127.0.0.1:1/other", "mcp:read"));
    refused.put("alg none", new PlainJWT(claims("alice")).serialize());
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("alice"));
    hmac.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    refused.put("HMAC", hmac.serialize());
    refused.put("tampered", tamper(token("alice", "mcp:read")));
    refused.put("not a JWT", "opaque-token-value");
    for (Map.Entry<String, String> each : refused.entrySet()) {
      HttpResponse<String> response = post(bearer(each.getValue()), null, McpClient.initializeBody("2025-11-25"));
      assertEquals(401, response.statusCode(), each.getKey() + ": " + response.body());
      String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
      assertTrue(challenge.startsWith("Bearer error=\"invalid_token\"") && challenge.contains("resource_metadata="),
          each.getKey() + ": " + challenge);
    }
  }

  @Test
  void aToolNeedingAScopeTheTokenLacksGets403WithAStepUpChallenge() throws Exception {
    String reader = token("alice", "mcp:read");
    String session = open(reader);
    HttpResponse<String> refused = post(bearer(reader), session, McpClient.callBody(2, "order", "{\"item\":\"tea\"}"));
    assertEquals(403, refused.statusCode(), refused.body());
    String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertTrue(challenge.startsWith("Bearer error=\"insufficient_scope\", scope=\"mcp:read mcp:write\""), challenge);
    assertTrue(challenge.contains("resource_metadata=\""), challenge);
    // With the scope, on a session of its own (a new token is a new principal only if the subject changes).
    String writer = token("alice", "mcp:read mcp:write");
    JsonNode ordered = McpClient.lastMessage(post(bearer(writer), session, McpClient.callBody(3, "order",
        "{\"item\":\"tea\"}")));
    assertEquals("ordered tea", ordered.at("/result/content/0/text").asString());
    assertEquals(403, post(bearer(reader), session, rpc(4, "prompts/get", "{\"name\":\"plan\"}")).statusCode());
    HttpResponse<String> read = post(bearer(token("alice", "")), session,
        rpc(5, "resources/read", "{\"uri\":\"shop://orders/7\"}"));
    assertEquals(403, read.statusCode(), "a template's scope applies to every URI it matches");
  }

  @Test
  void listsHideWhatThePrincipalCannotUseTheSameWayEveryTime() throws Exception {
    String reader = token("bob", "mcp:read");
    String session = open(reader);
    for (int i = 0; i < 3; i++) {
      JsonNode tools = McpClient.lastMessage(post(bearer(reader), session, rpc(10 + i, "tools/list", "{}")));
      assertEquals(List.of("catalogue", "greet", "whoami"), names(tools.at("/result/tools")));
    }
    String nobody = token("carol", "");
    JsonNode none = McpClient.lastMessage(post(bearer(nobody), open(nobody), rpc(20, "tools/list", "{}")));
    assertEquals(List.of("greet", "whoami"), names(none.at("/result/tools")));
    String writer = token("dave", "mcp:read mcp:write");
    String writers = open(writer);
    JsonNode all = McpClient.lastMessage(post(bearer(writer), writers, rpc(21, "tools/list", "{}")));
    assertEquals(List.of("catalogue", "greet", "order", "whoami"), names(all.at("/result/tools")));
    JsonNode prompts = McpClient.lastMessage(post(bearer(reader), session, rpc(22, "prompts/list", "{}")));
    assertTrue(prompts.at("/result/prompts").isEmpty(), prompts.toString());
  }

  @Test
  void anotherPrincipalsTokenOnASessionFindsNoSession() throws Exception {
    String alice = token("alice", "mcp:read");
    String session = open(alice);
    String mallory = token("mallory", "mcp:read mcp:write");
    HttpResponse<String> hijack = post(bearer(mallory), session, McpClient.callBody(2, "whoami", "{}"));
    assertEquals(404, hijack.statusCode(), hijack.body());
    HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(shop.uri()).DELETE()
        .header("Authorization", bearer(mallory)).header("Mcp-Session-Id", session).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(404, delete.statusCode(), "nor may it end it");
    JsonNode still = McpClient.lastMessage(post(bearer(alice), session, McpClient.callBody(3, "whoami", "{}")));
    assertEquals("alice", still.at("/result/content/0/text").asString(), "the owner's session is untouched");
  }

  @Test
  void aTokenInTheQueryStringIsRefused() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(resource + "?access_token="
        + token("alice", "mcp:read"))).header("Content-Type", "application/json").header("Accept", McpClient.ACCEPT)
        .POST(HttpRequest.BodyPublishers.ofString(McpClient.initializeBody("2025-11-25"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode(), response.body());
  }

  @Test
  void statelessRequestsAreCheckedTheSameWay() throws Exception {
    String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"},"
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
    String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"%s\",\"arguments\":%s,"
        + meta + "}}";
    HttpRequest.Builder base = HttpRequest.newBuilder(shop.uri()).header("Content-Type", "application/json")
        .header("Accept", McpClient.ACCEPT).header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "tools/call");
    HttpResponse<String> anonymous = HTTP.send(base.copy().header("Mcp-Name", "whoami")
        .POST(HttpRequest.BodyPublishers.ofString(String.format(call, "whoami", "{}"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    HttpResponse<String> who = HTTP.send(base.copy().header("Mcp-Name", "whoami")
        .header("Authorization", bearer(token("erin", "mcp:read")))
        .POST(HttpRequest.BodyPublishers.ofString(String.format(call, "whoami", "{}"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, who.statusCode(), who.body());
    assertEquals("erin", McpClient.lastMessage(who).at("/result/content/0/text").asString());
    HttpResponse<String> order = HTTP.send(base.copy().header("Mcp-Name", "order")
        .header("Authorization", bearer(token("erin", "mcp:read")))
        .POST(HttpRequest.BodyPublishers.ofString(String.format(call, "order", "{\"item\":\"tea\"}"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, order.statusCode(), order.body());
  }

  @Test
  void aMultiRoundStateIsBoundToItsPrincipal() throws Exception {
    String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"},"
        + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";
    String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"greet\","
        + "\"arguments\":{}%s," + meta + "}}";
    String alice = token("alice", "mcp:read");
    JsonNode first = McpClient.lastMessage(stateless(alice, String.format(call, ""))).get("result");
    assertEquals("input_required", first.path("resultType").asString(), first.toString());
    String retry = String.format(call, ",\"inputResponses\":{\"#1\":{\"action\":\"accept\",\"content\":{\"name\":"
        + "\"Alice\"}}},\"requestState\":" + first.get("requestState"));
    JsonNode stolen = McpClient.lastMessage(stateless(token("mallory", "mcp:read"), retry));
    assertEquals(-32602, stolen.at("/error/code").asInt(), stolen.toString());
    assertTrue(stolen.at("/error/message").asString().contains("another caller"), stolen.toString());
    JsonNode done = McpClient.lastMessage(stateless(alice, retry));
    assertEquals("Hello, Alice", done.at("/result/content/0/text").asString(), done.toString());
  }

  private static HttpResponse<String> stateless(String token, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(shop.uri()).header("Content-Type", "application/json")
        .header("Accept", McpClient.ACCEPT).header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "tools/call").header("Mcp-Name", "greet").header("Authorization", bearer(token))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> names(JsonNode list) {
    return list.valueStream().map(node -> node.path("name").asString()).sorted().toList();
  }

  private static JWTClaimsSet claims(String subject) {
    return new JWTClaimsSet.Builder().issuer(AuthServers.issuer(oauth).toString()).subject(subject).audience(resource)
        .claim("scope", "mcp:read mcp:write").expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
        .build();
  }

  /** The same signature over a payload that grants more. */
  private static String tamper(String token) {
    String[] parts = token.split("\\.", -1);
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("mcp:read", "mcp:read mcp:write");
    return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String rpc(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  private static String open(String token) throws Exception {
    HttpResponse<String> opened = post(bearer(token), null, McpClient.initializeBody("2025-11-25"));
    assertEquals(200, opened.statusCode(), opened.body());
    String id = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, post(bearer(token), id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .statusCode());
    return id;
  }

  private static HttpResponse<String> post(String authorization, String session, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(shop.uri()).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Accept", McpClient.ACCEPT)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
