package dev.switchboard.mcp.auth;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.transport.Authorization;
import dev.switchboard.mcp.transport.McpServlet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/** A real OAuth 2 server in process (mock-oauth2-server: metadata, JWKS, signed tokens) and MCP servers that trust it. */
final class AuthServers {
  static final String ISSUER_ID = "shop";

  private AuthServers() {}

  static MockOAuth2Server startAuthorizationServer() {
    MockOAuth2Server oauth = new MockOAuth2Server();
    oauth.start(InetAddress.getLoopbackAddress(), 0);
    return oauth;
  }

  static URI issuer(MockOAuth2Server oauth) {
    return URI.create(oauth.issuerUrl(ISSUER_ID).toString());
  }

  /** A free port, so that the resource URI is known before the server starts. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static McpServer shop() {
    return McpServer.builder("shop", "1.0").register(new ScopedTools()).build();
  }

  /** Starts the shop on {@code port}, with the authorization {@code resource -> ...} makes. */
  static JettyMcpServer start(int port, Function<URI, Authorization> authorization) {
    URI resource = URI.create("http://127.0.0.1:" + port + "/mcp");
    McpServlet servlet = McpServlet.builder(shop()).authorization(authorization.apply(resource)).build();
    return JettyMcpServer.builder(servlet).port(port).stopOnShutdown(false).start();
  }

  static String token(MockOAuth2Server oauth, String subject, String audience, String scope) {
    return oauth.issueToken(ISSUER_ID, subject, audience, Map.of("scope", scope), 3600).serialize();
  }

  static String token(MockOAuth2Server oauth, String subject, String audience, Map<String, Object> claims,
      long expirySeconds) {
    return oauth.issueToken(ISSUER_ID, subject, audience, claims, expirySeconds).serialize();
  }

  static List<String> scopes() {
    return List.of("mcp:read", "mcp:write");
  }
}
