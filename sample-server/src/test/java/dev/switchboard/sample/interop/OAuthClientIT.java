package dev.switchboard.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sample.AuthorizationServer;
import dev.switchboard.sample.SampleProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runnable jar started with {@code --auth-issuer}, pointing at a real authorization server in
 * this JVM (mock-oauth2-server, granting client "reader" shop:read and "buyer" shop:read and
 * shop:write), driven by the official TypeScript SDK clients with their own OAuth support and no
 * browser: {@code ClientCredentialsProvider}. From the server's 401 alone, each client fetches the
 * protected resource metadata, finds the authorization server's metadata, asks its token endpoint for
 * a client_credentials token for the resource (RFC 8707), and retries with it; then it lists the
 * tools, calls a read tool, reads a resource, and tries to place an order. v2
 * ({@code @modelcontextprotocol/client}) runs pinned to 2026-07-28, stateless; v1
 * ({@code @modelcontextprotocol/sdk}) on 2025-11-25 with a session.
 */
class OAuthClientIT {
  private static final String READ_TOOLS = "[\"describe_table\",\"explain\",\"list_tables\",\"query\"]";
  private static final String ALL_TOOLS = "[\"add_order\",\"describe_table\",\"explain\",\"list_tables\",\"query\"]";
  private static final String DISCOVERY = """
      POST mcp-server/mcp -> 401
      GET mcp-server/.well-known/oauth-protected-resource/mcp -> 200
      GET auth-server/.well-known/oauth-authorization-server/shop -> 405
      GET auth-server/.well-known/openid-configuration/shop -> 405
      GET auth-server/shop/.well-known/openid-configuration -> 200
      POST auth-server/shop/token [Basic] grant_type=client_credentials scope=%s resource=%s -> 200
      POST mcp-server/mcp [Bearer] -> 200""";
  private static AuthorizationServer oauth;
  private static SampleProcess sample;
  private static URI endpoint;

  @BeforeAll
  static void start() throws Exception {
    oauth = AuthorizationServer.start();
    Path jar = Path.of("target", "sample-server.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: the build makes it at package, before the ITs");
    sample = SampleProcess.fromJar(jar, "--auth-issuer", oauth.issuer().toString(), "--port", "0");
    endpoint = sample.awaitUrl();
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

  /** What the client saw, and what the authorization server granted during its run. */
  private record Run(JsonNode observed, List<AuthorizationServer.Grant> grants) {
    String exchanges() {
      return String.join("\n", observed.get("exchanges").valueStream().map(JsonNode::asString).toList());
    }
  }

  private static Run run(String sdk, String client, String... scope) throws Exception {
    int before = oauth.grants().size();
    List<String> arguments = new ArrayList<>(List.of("oauth-client.mjs", sdk, endpoint.toString(),
        oauth.issuer().toString(), client, client + "-secret"));
    arguments.addAll(List.of(scope));
    NodeTools.Result result = NodeTools.run(90, arguments.toArray(String[]::new));
    assertTrue(result.stdout().strip().endsWith("}"), "the client printed no result:\n" + result.stdout() + "\n"
        + result.stderr());
    String[] lines = result.stdout().strip().split("\n");
    JsonNode observed = JsonMapper.shared().readTree(lines[lines.length - 1]);
    List<AuthorizationServer.Grant> grants = oauth.grants();
    return new Run(observed, grants.subList(before, grants.size()));
  }

  private static void assertDiscoveredFromThe401(Run run, String scopeSent) {
    String expected = String.format(DISCOVERY, scopeSent, endpoint);
    assertTrue(run.exchanges().startsWith(expected), "expected the exchanges to begin with\n" + expected
        + "\nbut they were\n" + run.exchanges());
    AuthorizationServer.Grant first = run.grants().get(0);
    assertEquals("client_credentials", first.grantType());
    assertEquals(List.of(endpoint.toString()), first.resources(), "the resource indicator is the PRM's resource");
    assertEquals(endpoint.toString(), run.observed().at("/firstToken/aud").asString());
    assertEquals(oauth.issuer().toString(), run.observed().at("/firstToken/iss").asString());
  }

  @Test
  void v2ReaderFindsTheIssuerFromThe401ReadsAndIsRefusedTheOrderAfterSteppingUp() throws Exception {
    Run run = run("v2", "reader");
    JsonNode seen = run.observed();
    assertFalse(seen.has("error"), seen.toString());
    assertEquals("2026-07-28", seen.get("version").asString());
    assertTrue(seen.get("sessionId").isNull(), "stateless");
    // v2 asks for the scopes the challenge names; the authorization server grants the reader only shop:read.
    assertDiscoveredFromThe401(run, "shop:read shop:write");
    assertEquals("reader", seen.at("/firstToken/sub").asString());
    assertEquals("shop:read", seen.at("/firstToken/scope").asString());
    assertEquals(READ_TOOLS, seen.get("tools").toString(), "add_order is hidden from a reader");
    assertEquals("[\"CUSTOMERS\",\"ORDERS\",\"PRODUCTS\"]", seen.get("tables").toString());
    assertEquals("[\"CUSTOMERS\",\"ORDERS\",\"PRODUCTS\"]", seen.get("schemaTables").toString());
    // The order: 403 insufficient_scope, a step-up that gets shop:read again, 403 again, and the client gives up.
    assertEquals("SdkHttpError: Server returned 403 insufficient_scope after step-up re-authorization (retry limit 1"
        + " reached)", seen.get("orderRefused").asString());
    assertTrue(run.exchanges().endsWith("POST mcp-server/mcp [Bearer] -> 403\n"
        + "GET mcp-server/.well-known/oauth-protected-resource/mcp -> 200\n"
        + "GET auth-server/.well-known/oauth-authorization-server/shop -> 405\n"
        + "GET auth-server/.well-known/openid-configuration/shop -> 405\n"
        + "GET auth-server/shop/.well-known/openid-configuration -> 200\n"
        + "POST auth-server/shop/token [Basic] grant_type=client_credentials scope=shop:read shop:write resource="
        + endpoint + " -> 200\n"
        + "POST mcp-server/mcp [Bearer] -> 403"), run.exchanges());
    assertEquals(2, run.grants().size(), run.grants().toString());
    assertTrue(run.grants().stream().allMatch(grant -> grant.grantedScope().equals("shop:read")), run.grants().toString());
    assertTrue(seen.get("asked").isEmpty(), "refused before the tool ran: nobody was asked to confirm");
  }

  @Test
  void v2BuyerPlacesTheOrderConfirmingItThroughAMultiRoundResult() throws Exception {
    Run run = run("v2", "buyer");
    JsonNode seen = run.observed();
    assertFalse(seen.has("error"), seen.toString());
    assertEquals("2026-07-28", seen.get("version").asString());
    assertDiscoveredFromThe401(run, "shop:read shop:write");
    assertEquals("shop:read shop:write", seen.at("/firstToken/scope").asString());
    assertEquals(ALL_TOOLS, seen.get("tools").toString());
    assertTrue(seen.at("/order/placed").asBoolean(), seen.toString());
    assertEquals("[2,\"placed\"]", seen.get("orderRow").toString(), "the order is in the database");
    assertEquals(1, seen.get("asked").size());
    assertTrue(seen.at("/asked/0").asString().startsWith("Place an order of 2 x "), seen.toString());
    assertEquals(1, run.grants().size(), "one token did it all: " + run.grants());
    assertFalse(run.exchanges().contains("-> 403"), run.exchanges());
  }

  @Test
  void v1ReaderWithItsScopeConfiguredReadsAndIsRefusedTheOrder() throws Exception {
    Run run = run("v1", "reader", "shop:read shop:write");
    JsonNode seen = run.observed();
    assertFalse(seen.has("error"), seen.toString());
    assertEquals("2025-11-25", seen.get("version").asString());
    assertTrue(seen.get("sessionId").asString().length() > 10, seen.toString());
    assertDiscoveredFromThe401(run, "shop:read shop:write");
    assertEquals("shop:read", seen.at("/firstToken/scope").asString());
    assertEquals(READ_TOOLS, seen.get("tools").toString());
    assertEquals("[\"CUSTOMERS\",\"ORDERS\",\"PRODUCTS\"]", seen.get("tables").toString());
    assertEquals("StreamableHTTPError: Streamable HTTP error: Server returned 403 after trying upscoping",
        seen.get("orderRefused").asString());
    assertEquals(2, run.grants().size(), "one step-up: " + run.grants());
    assertTrue(seen.get("asked").isEmpty());
  }

  @Test
  void v1BuyerPlacesTheOrderConfirmingItThroughAnElicitation() throws Exception {
    Run run = run("v1", "buyer", "shop:read shop:write");
    JsonNode seen = run.observed();
    assertFalse(seen.has("error"), seen.toString());
    assertEquals("2025-11-25", seen.get("version").asString());
    assertDiscoveredFromThe401(run, "shop:read shop:write");
    assertEquals(ALL_TOOLS, seen.get("tools").toString());
    assertTrue(seen.at("/order/placed").asBoolean(), seen.toString());
    assertEquals("[2,\"placed\"]", seen.get("orderRow").toString());
    assertEquals(1, seen.get("asked").size(), seen.toString());
    assertNull(seen.get("orderRefused"), seen.toString());
  }

  /**
   * v1 (1.32.2) asks the token endpoint for the provider's own scope option only, not the one the
   * challenge or the metadata names (v2 does); without that option its token has no scope, and the shop
   * lists nothing and refuses every call.
   */
  @Test
  void v1WithoutItsScopeConfiguredAsksForNoneAndIsRefused() throws Exception {
    Run run = run("v1", "buyer");
    JsonNode seen = run.observed();
    assertNull(run.grants().get(0).requestedScope(), run.grants().toString());
    assertDiscoveredFromThe401(run, "null");
    assertEquals("", seen.at("/firstToken/scope").asString());
    assertEquals("[]", seen.get("tools").toString(), "nothing is listed to a token without the shop's scopes");
    assertTrue(seen.get("error").asString().contains("Server returned 403 after trying upscoping"), seen.toString());
  }
}
