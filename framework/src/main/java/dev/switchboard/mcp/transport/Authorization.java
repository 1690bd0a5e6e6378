package dev.switchboard.mcp.transport;

import dev.switchboard.mcp.session.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How an endpoint checks who may call it, as an OAuth 2.1 resource server (the MCP authorization
 * specification): every request must carry a bearer token that a {@link TokenVerifier} accepts, or be
 * authenticated by the embedding application ({@link Builder#principals}). The endpoint publishes its
 * Protected Resource Metadata (RFC 9728), answers 401 with a {@code WWW-Authenticate} challenge that
 * points to it, and 403 {@code insufficient_scope} when a tool, prompt or resource needs scopes the
 * token lacks. Immutable.
 */
public final class Authorization {
  private final URI resource;
  private final List<URI> authorizationServers;
  private final List<String> scopesSupported;
  private final @Nullable TokenVerifier verifier;
  private final @Nullable Function<HttpServletRequest, Optional<Principal>> principals;

  private Authorization(Builder builder) {
    this.resource = builder.resource;
    this.authorizationServers = List.copyOf(builder.authorizationServers);
    this.scopesSupported = List.copyOf(builder.scopesSupported);
    this.verifier = builder.verifier;
    this.principals = builder.principals;
  }

  /**
   * Starts an authorization for the endpoint whose canonical URI is {@code resource}: tokens must name
   * it as their audience (RFC 8707).
   *
   * @param resource the endpoint's URI as clients reach it, such as {@code https://mcp.example.com/mcp}
   * @return a builder
   */
  public static Builder builder(URI resource) {
    return new Builder(resource);
  }

  /**
   * Returns the endpoint's canonical URI, the audience its tokens must name.
   *
   * @return the resource URI
   */
  public URI resource() {
    return resource;
  }

  /**
   * Returns the authorization servers clients are sent to.
   *
   * @return the issuers' URIs, in the order given
   */
  public List<URI> authorizationServers() {
    return authorizationServers;
  }

  /**
   * Returns the scopes the metadata advertises.
   *
   * @return the scopes, in the order given
   */
  public List<String> scopesSupported() {
    return scopesSupported;
  }

  /**
   * Returns the verifier of bearer tokens, when the endpoint checks tokens itself.
   *
   * @return the verifier; empty when the application hands over principals
   */
  public Optional<TokenVerifier> tokenVerifier() {
    return Optional.ofNullable(verifier);
  }

  /**
   * Returns how the embedding application says who a request acts for, when it authenticates
   * requests itself.
   *
   * @return the function; empty when tokens are verified here
   */
  public Optional<Function<HttpServletRequest, Optional<Principal>>> principals() {
    return Optional.ofNullable(principals);
  }

  /**
   * Returns where the endpoint's Protected Resource Metadata is published: the path-inserted form of
   * RFC 9728, {@code /.well-known/oauth-protected-resource} followed by the resource's path.
   *
   * @return the metadata's URL
   */
  public URI metadataUrl() {
    String path = resource.getRawPath() == null || resource.getRawPath().equals("/") ? "" : resource.getRawPath();
    return URI.create(resource.getScheme() + "://" + resource.getRawAuthority() + "/.well-known/oauth-protected-resource"
        + path);
  }

  /** Builds an {@link Authorization}; each setter checks its argument at once. */
  public static final class Builder {
    private final URI resource;
    private final List<URI> authorizationServers = new ArrayList<>();
    private final List<String> scopesSupported = new ArrayList<>();
    private @Nullable TokenVerifier verifier;
    private @Nullable Function<HttpServletRequest, Optional<Principal>> principals;

    private Builder(URI resource) {
      Objects.requireNonNull(resource, "resource");
      if (!resource.isAbsolute() || resource.getRawAuthority() == null || resource.getRawFragment() != null
          || !(resource.getScheme().equals("https") || resource.getScheme().equals("http"))) {
        throw new IllegalArgumentException("resource must be an absolute http(s) URI without a fragment, was "
            + resource);
      }
      this.resource = resource;
    }

    /**
     * Adds authorization servers (their issuer URIs) the metadata sends clients to.
     *
     * @param issuers one or more issuers
     * @return this builder
     */
    public Builder authorizationServers(URI... issuers) {
      for (URI issuer : issuers) {
        authorizationServers.add(Objects.requireNonNull(issuer, "issuer"));
      }
      return this;
    }

    /**
     * Adds scopes the metadata advertises (leave out {@code offline_access}).
     *
     * @param scopes scope names
     * @return this builder
     */
    public Builder scopesSupported(String... scopes) {
      for (String scope : scopes) {
        if (Objects.requireNonNull(scope, "scope").isBlank() || scope.contains(" ") || scope.contains("\"")) {
          throw new IllegalArgumentException("a scope is a non-empty token without spaces or quotes, was '" + scope + "'");
        }
        scopesSupported.add(scope);
      }
      return this;
    }

    /**
     * Verifies bearer tokens with {@code verifier}.
     *
     * @param verifier the verifier
     * @return this builder
     */
    public Builder tokenVerifier(TokenVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Takes who a request acts for from the embedding application, which authenticated it already (a
     * servlet filter, Jetty's security handler, a gateway); no token is read. A request for which it
     * returns empty gets 401.
     *
     * @param principals the request's principal, for example from {@code request.getUserPrincipal()}
     * @return this builder
     */
    public Builder principals(Function<HttpServletRequest, Optional<Principal>> principals) {
      this.principals = Objects.requireNonNull(principals, "principals");
      return this;
    }

    /**
     * Builds the authorization.
     *
     * @return the authorization
     * @throws IllegalStateException when neither a token verifier nor principals were given, or both,
     *     or a verifier without an authorization server to send clients to
     */
    public Authorization build() {
      if ((verifier == null) == (principals == null)) {
        throw new IllegalStateException("give either tokenVerifier(...) or principals(...), exactly one");
      }
      if (verifier != null && authorizationServers.isEmpty()) {
        throw new IllegalStateException("tokens need an authorization server: add authorizationServers(...)");
      }
      return new Authorization(this);
    }
  }
}
