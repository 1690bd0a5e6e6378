package dev.switchboard.mcp.transport;

import dev.switchboard.mcp.session.Principal;

/**
 * Checks a bearer access token and says who it acts for. Implementations: {@link JwtTokenVerifier}
 * (signed JWTs, keys from the issuer's metadata) and {@link IntrospectionTokenVerifier} (RFC 7662, for
 * opaque tokens); an application may write its own. Called for every request, from many threads at
 * once.
 */
@FunctionalInterface
public interface TokenVerifier {
  /**
   * Verifies a token: its signature or its introspection, its issuer, its lifetime, and that its
   * audience is this server.
   *
   * @param token the token from the {@code Authorization: Bearer} header
   * @return who the token acts for, with the scopes it grants
   * @throws InvalidTokenException when the token must be refused: the client gets 401 with
   *     {@code error="invalid_token"}
   * @throws RuntimeException when the token cannot be checked now (the authorization server is
   *     unreachable): the client gets 503
   */
  Principal verify(String token) throws InvalidTokenException;
}
