package dev.switchboard.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.session.Principal;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.transport.Authorization;
import dev.switchboard.mcp.transport.ClientLimits;
import dev.switchboard.mcp.transport.IntrospectionTokenVerifier;
import dev.switchboard.mcp.transport.InvalidTokenException;
import dev.switchboard.mcp.transport.JwtTokenVerifier;
import dev.switchboard.mcp.transport.McpServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** Key rotation, introspection, an unreachable issuer, and principals handed over by the application. */
class TokenVerifiersTest {
  private static final URI AUDIENCE = URI.create("http://127.0.0.1:9/mcp");

  /** An issuer whose JWKS the test rotates, served over real HTTP (Jetty), counting fetches. */
  private static final class RotatingIssuer implements AutoCloseable {
    final Server jetty = new Server();
    final AtomicReference<JWKSet> keys = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();
    final URI issuer;

    RotatingIssuer(RSAKey first) throws Exception {
      keys.set(new JWKSet(first.toPublicJWK()));
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      jetty.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler("/");
      AtomicReference<String> metadata = new AtomicReference<>();
      context.addServlet(new ServletHolder(new JsonServlet(metadata::get, () -> { })),
          "/.well-known/oauth-authorization-server/issuer");
      context.addServlet(new ServletHolder(new JsonServlet(() -> keys.get().toString(), fetches::incrementAndGet)),
          "/issuer/jwks");
      jetty.setHandler(context);
      jetty.start();
      issuer = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/issuer");
      metadata.set("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\"}");
    }

    String token(RSAKey key, String subject) throws Exception {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
          new JWTClaimsSet.Builder().issuer(issuer.toString()).subject(subject).audience(AUDIENCE.toString())
              .claim("scope", "mcp:read").expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    }

    @Override
    public void close() throws Exception {
      jetty.stop();
    }
  }

  /** Answers GET with a JSON document. */
  private static final class JsonServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Supplier<String> body;
    private final transient Runnable onGet;

    JsonServlet(Supplier<String> body, Runnable onGet) {
      this.body = body;
      this.onGet = onGet;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      onGet.run();
      response.setContentType("application/json");
      response.getOutputStream().write(body.get().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void anUnknownKeyIdRefetchesTheKeysAtMostOncePerInterval() throws Exception {
    RSAKey first = new RSAKeyGenerator(2048).keyID("first").generate();
    RSAKey second = new RSAKeyGenerator(2048).keyID("second").generate();
    try (RotatingIssuer issuer = new RotatingIssuer(first)) {
      JwtTokenVerifier verifier = JwtTokenVerifier.builder(issuer.issuer, AUDIENCE)
          .keyRefetchInterval(Duration.ofSeconds(1)).build();
      assertEquals("alice", verifier.verify(issuer.token(first, "alice")).subject());
      assertEquals(1, issuer.fetches.get());
      // Rotation: the issuer now signs with a key the verifier has not seen.
      issuer.keys.set(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())));
      Thread.sleep(1_100);
      assertEquals("bob", verifier.verify(issuer.token(second, "bob")).subject());
      assertEquals(2, issuer.fetches.get());
      // Tokens naming keys nobody has cannot make it fetch more than once per interval.
      RSAKey forged = new RSAKeyGenerator(2048).keyID("forged").generate();
      for (int i = 0; i < 20; i++) {
        String token = issuer.token(forged, "mallory");
        assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
      }
      assertTrue(issuer.fetches.get() <= 3, "fetched " + issuer.fetches.get() + " times");
    }
  }

  @Test
  void aRememberedTokenStillExpiresOnTime() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("only").generate();
    try (RotatingIssuer issuer = new RotatingIssuer(key)) {
      JwtTokenVerifier verifier = JwtTokenVerifier.builder(issuer.issuer, AUDIENCE).clockSkew(Duration.ZERO).build();
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("only").build(),
          new JWTClaimsSet.Builder().issuer(issuer.issuer.toString()).subject("alice").audience(AUDIENCE.toString())
              .expirationTime(new Date(System.currentTimeMillis() + 1_500)).build());
      jwt.sign(new RSASSASigner(key));
      String token = jwt.serialize();
      assertEquals("alice", verifier.verify(token).subject());
      assertEquals("alice", verifier.verify(token).subject(), "the second time from the cache");
      Thread.sleep(1_700);
      InvalidTokenException expired = assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
      assertEquals("the token has expired", expired.getMessage());
    }
  }

  @Test
  void introspectionAcceptsActiveTokensForThisAudienceOnly() throws Exception {
    MockOAuth2Server oauth = AuthServers.startAuthorizationServer();
    try {
      URI endpoint = URI.create(oauth.issuerUrl(AuthServers.ISSUER_ID) + "/introspect");
      IntrospectionTokenVerifier verifier = IntrospectionTokenVerifier.create(endpoint, "mcp-server", "secret",
          AUDIENCE, Duration.ofSeconds(30));
      Principal alice = verifier.verify(AuthServers.token(oauth, "alice", AUDIENCE.toString(), "mcp:read mcp:write"));
      assertEquals("alice", alice.subject());
      assertEquals(Set.of("mcp:read", "mcp:write"), alice.scopes());
      assertThrows(InvalidTokenException.class,
          () -> verifier.verify(AuthServers.token(oauth, "alice", "http://elsewhere.example/mcp", "mcp:read")));
      assertThrows(InvalidTokenException.class, () -> verifier.verify("not-a-token-the-server-issued"));
    } finally {
      oauth.shutdown();
    }
  }

  @Test
  void anUnreachableIssuerGets503NotA401() throws Exception {
    int port = AuthServers.freePort();
    URI nowhere = URI.create("http://127.0.0.1:" + AuthServers.freePort() + "/issuer");
    try (JettyMcpServer shop = AuthServers.start(port, resource -> Authorization.builder(resource)
        .authorizationServers(nowhere).tokenVerifier(JwtTokenVerifier.builder(nowhere, resource).build()).build())) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(shop.uri())
          .header("Content-Type", "application/json").header("Accept", McpClient.ACCEPT)
          .header("Authorization", "Bearer a.b.c")
          .POST(HttpRequest.BodyPublishers.ofString(McpClient.initializeBody("2025-11-25"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, response.statusCode(), response.body());
      assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
    }
  }

  @Test
  void eachPrincipalHasItsOwnShareThoughAllComeFromOneAddress() throws Exception {
    int port = AuthServers.freePort();
    URI resource = URI.create("http://127.0.0.1:" + port + "/mcp");
    McpServlet servlet = McpServlet.builder(AuthServers.shop())
        .clientLimits(ClientLimits.defaults().withSessionsPerClient(1))
        .authorization(Authorization.builder(resource)
            .principals(request -> Optional.ofNullable(request.getHeader("X-Authenticated-User"))
                .map(user -> Principal.of(user, List.of())))
            .build())
        .build();
    try (JettyMcpServer shop = JettyMcpServer.builder(servlet).port(port).stopOnShutdown(false).start()) {
      assertEquals(200, initialize(shop.uri(), "alice"));
      assertEquals(429, initialize(shop.uri(), "alice"), "alice is at her share");
      assertEquals(200, initialize(shop.uri(), "bob"), "bob, from the same address, has his own");
    }
  }

  private static int initialize(URI uri, String user) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .header("Accept", McpClient.ACCEPT).header("X-Authenticated-User", user)
        .POST(HttpRequest.BodyPublishers.ofString(McpClient.initializeBody("2025-11-25"))).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void aFailedDiscoveryIsNotRetriedOnEveryRequest() throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    AtomicInteger asked = new AtomicInteger();
    context.addServlet(new ServletHolder(new JsonServlet(() -> "{\"issuer\":\"someone else\"}", asked::incrementAndGet)),
        "/*");
    jetty.setHandler(context);
    jetty.start();
    try {
      URI issuer = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/issuer");
      JwtTokenVerifier verifier = JwtTokenVerifier.builder(issuer, AUDIENCE).build();
      for (int i = 0; i < 20; i++) {
        assertThrows(IllegalStateException.class, () -> verifier.verify("a.b.c"));
      }
      assertTrue(asked.get() <= 3, "the metadata was asked for " + asked.get() + " times (3 well-known URIs, once)");
    } finally {
      jetty.stop();
    }
  }

  @Test
  void anApplicationThatAuthenticatesItselfHandsOverThePrincipal() throws Exception {
    int port = AuthServers.freePort();
    try (JettyMcpServer shop = AuthServers.start(port, resource -> Authorization.builder(resource)
        .principals(request -> Optional.ofNullable(request.getHeader("X-Authenticated-User"))
            .map(user -> Principal.of(user, List.of("mcp:read"))))
        .build())) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest.Builder base = HttpRequest.newBuilder(shop.uri()).header("Content-Type", "application/json")
          .header("Accept", McpClient.ACCEPT);
      HttpResponse<String> anonymous = http.send(base.copy()
          .POST(HttpRequest.BodyPublishers.ofString(McpClient.initializeBody("2025-11-25"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(401, anonymous.statusCode());
      HttpResponse<String> opened = http.send(base.copy().header("X-Authenticated-User", "frank")
          .POST(HttpRequest.BodyPublishers.ofString(McpClient.initializeBody("2025-11-25"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, opened.statusCode());
      String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
      HttpResponse<String> who = http.send(base.copy().header("X-Authenticated-User", "frank")
          .header("Mcp-Session-Id", session)
          .POST(HttpRequest.BodyPublishers.ofString(McpClient.callBody(2, "whoami", "{}"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("frank", McpClient.lastMessage(who).at("/result/content/0/text").asString());
      HttpResponse<String> order = http.send(base.copy().header("X-Authenticated-User", "frank")
          .header("Mcp-Session-Id", session)
          .POST(HttpRequest.BodyPublishers.ofString(McpClient.callBody(3, "order", "{\"item\":\"tea\"}"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(403, order.statusCode());
    }
  }

}
