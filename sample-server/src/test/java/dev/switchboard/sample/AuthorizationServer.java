package dev.switchboard.sample;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.jspecify.annotations.Nullable;

/**
 * A real OAuth 2 authorization server on 127.0.0.1 (mock-oauth2-server: RFC 8414 and OpenID Connect
 * metadata, a JWKS, RS256-signed tokens) that grants tokens the way a real one grants them to its
 * registered clients: the client_credentials grant gives the client (its id is the token's subject) the
 * scopes it asked for that it is allowed, for the resource it named (RFC 8707 {@code resource}, the
 * token's audience). Client "reader" may have shop:read; "buyer" shop:read and shop:write; others none.
 * It remembers every token request it answered.
 */
public final class AuthorizationServer implements AutoCloseable {
  /** The issuer's id: its path on the server. */
  public static final String ISSUER_ID = "shop";

  /** The scopes each client may be granted. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "reader", Set.of("shop:read"),
      "buyer", Set.of("shop:read", "shop:write"));

  /**
   * One token request the server answered.
   *
   * @param client the client's id
   * @param grantType the grant
   * @param requestedScope the scope parameter, or null
   * @param resources the resource parameters
   * @param grantedScope the scope the token carries
   */
  public record Grant(String client, String grantType, @Nullable String requestedScope, List<String> resources,
      String grantedScope) {}

  private final MockOAuth2Server server;
  private final List<Grant> grants = new CopyOnWriteArrayList<>();

  private AuthorizationServer() {
    server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(),
        Set.of(new ClientGrants())));
  }

  /**
   * Starts one on a free port of 127.0.0.1.
   *
   * @return the running server
   */
  public static AuthorizationServer start() {
    AuthorizationServer started = new AuthorizationServer();
    started.server.start(InetAddress.getLoopbackAddress(), 0);
    return started;
  }

  /**
   * Returns the issuer identifier, as its metadata and tokens state it.
   *
   * @return the issuer's URL
   */
  public URI issuer() {
    return URI.create(server.issuerUrl(ISSUER_ID).toString());
  }

  /**
   * Mints a token directly, as if granted to {@code subject}.
   *
   * @param subject the subject
   * @param audience the audience
   * @param scope the space-separated scopes
   * @return the serialized JWT
   */
  public String token(String subject, String audience, String scope) {
    return server.issueToken(ISSUER_ID, subject, audience, Map.of("scope", scope), 3600).serialize();
  }

  /**
   * Returns every token request answered through the token endpoint, in order.
   *
   * @return the grants
   */
  public List<Grant> grants() {
    return List.copyOf(grants);
  }

  @Override
  public void close() {
    server.shutdown();
  }

  /** Subject, audience and scope from the token request, as a real server decides them. */
  private final class ClientGrants implements OAuth2TokenCallback {
    @Override
    public String issuerId() {
      return ISSUER_ID;
    }

    @Override
    public String subject(TokenRequest request) {
      return client(request);
    }

    @Override
    public String typeHeader(TokenRequest request) {
      return "JWT";
    }

    @Override
    public List<String> audience(TokenRequest request) {
      return resources(request);
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
      Scope asked = request.getScope();
      Set<String> granted = new LinkedHashSet<>(asked == null ? List.of() : asked.toStringList());
      granted.retainAll(ALLOWED.getOrDefault(client(request), Set.of()));
      String scope = String.join(" ", granted);
      grants.add(new Grant(client(request), request.getAuthorizationGrant().getType().getValue(),
          asked == null ? null : asked.toString(), resources(request), scope));
      return Map.of("scope", scope);
    }

    @Override
    public long tokenExpiry() {
      return 3600;
    }

    private static String client(TokenRequest request) {
      if (request.getClientAuthentication() != null) {
        return request.getClientAuthentication().getClientID().getValue();
      }
      return request.getClientID() == null ? "anonymous" : request.getClientID().getValue();
    }

    private static List<String> resources(TokenRequest request) {
      List<String> resources = new ArrayList<>();
      if (request.getResources() != null) {
        request.getResources().forEach(resource -> resources.add(resource.toString()));
      }
      return resources;
    }
  }
}
