package dev.switchboard.mcp.session;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who a request acts for, as a verified access token (or the application that embeds the server) says:
 * a subject, the issuer that vouches for it, the scopes granted, and the token's other claims.
 * Immutable.
 *
 * @param subject the subject ({@code sub}), unique within its issuer
 * @param issuer the issuer ({@code iss}), or null when the principal did not come from a token
 * @param scopes the scopes granted
 * @param claims the token's claims as JSON values (strings, numbers, booleans, lists, maps); empty when
 *     the principal did not come from a token
 */
public record Principal(String subject, @Nullable String issuer, Set<String> scopes, Map<String, Object> claims) {
  /** Checks and copies. */
  public Principal {
    Objects.requireNonNull(subject, "subject");
    scopes = Set.copyOf(scopes);
    claims = Map.copyOf(claims);
  }

  /**
   * A principal handed over by an application that authenticated the request itself.
   *
   * @param subject who the request acts for
   * @param scopes what it may do
   * @return the principal
   */
  public static Principal of(String subject, Collection<String> scopes) {
    return new Principal(subject, null, Set.copyOf(scopes), Map.of());
  }

  /**
   * Returns whether every one of {@code required} was granted.
   *
   * @param required the scopes an operation needs
   * @return true when none is missing
   */
  public boolean hasScopes(Collection<String> required) {
    return scopes.containsAll(required);
  }

  /**
   * Returns what identifies this principal across requests: its issuer and subject. A session is
   * bound to it, and so are a client's shares of the limits.
   *
   * @return the key
   */
  public String key() {
    return (issuer == null ? "" : issuer) + " " + subject;
  }
}
