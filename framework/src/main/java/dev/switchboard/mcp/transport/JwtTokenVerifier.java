package dev.switchboard.mcp.transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.switchboard.mcp.session.Principal;
import dev.switchboard.mcp.transport.internal.IssuerMetadata;
import dev.switchboard.mcp.transport.internal.Tokens;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies JWT access tokens with Nimbus JOSE+JWT: the signature with the issuer's published keys
 * (found through its RFC 8414 metadata, then OpenID Connect discovery, on first use), an allow-list of
 * asymmetric algorithms (never {@code none}, never HMAC), the issuer, {@code exp} and {@code nbf} with a
 * small leeway, and an audience that is this server (RFC 8707): a token minted for another resource is
 * refused. Keys are cached; a token signed with an unknown key id refetches them, at most every 30
 * seconds ({@link Builder#keyRefetchInterval}). A verified token is remembered (by hash) until it
 * expires, for a minute at most, so a client's next requests skip the signature check. Scopes come from {@code scope} (space-separated) or
 * {@code scp} (a list). Thread-safe.
 */
public final class JwtTokenVerifier implements TokenVerifier {
  /** The algorithms accepted unless {@link Builder#algorithms} says otherwise. */
  public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
      "ES256", "ES384", "ES512", "EdDSA");

  private final URI issuer;
  private final URI audience;
  private final Set<JWSAlgorithm> algorithms;
  private final Duration clockSkew;
  private final @Nullable URI jwksUri;
  private final Duration keyRefetchInterval;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private volatile @Nullable ConfigurableJWTProcessor<SecurityContext> processor;
  private static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);
  // Guarded by this.
  private long discoveryFailedAt;
  private String discoveryFailure = "";
  private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofMinutes(1)).build();

  /** A token verified lately: who it acts for, and until when it may be used. */
  private record Verified(Principal principal, long expiresAtMillis) {}

  private JwtTokenVerifier(Builder builder) {
    this.issuer = builder.issuer;
    this.audience = builder.audience;
    this.algorithms = builder.algorithms;
    this.clockSkew = builder.clockSkew;
    this.jwksUri = builder.jwksUri;
    this.keyRefetchInterval = builder.keyRefetchInterval;
  }

  /**
   * Starts a verifier of tokens that {@code issuer} mints for {@code audience}.
   *
   * @param issuer the authorization server's issuer identifier, exactly as its tokens' {@code iss}
   * @param audience this server's canonical URI, which the tokens' {@code aud} must contain
   * @return a builder
   */
  public static Builder builder(URI issuer, URI audience) {
    return new Builder(issuer, audience);
  }

  @Override
  public Principal verify(String token) throws InvalidTokenException {
    // A signature check costs about 60 µs on RSA-2048, more than the rest of a call: a token verified
    // lately is taken from the cache until it expires, for a minute at most (so a key the issuer
    // withdraws stops working within a minute). The key is a hash, so the cache holds no token.
    String key = Tokens.digest(token);
    Verified known = verified.getIfPresent(key);
    if (known != null) {
      if (System.currentTimeMillis() < known.expiresAtMillis()) {
        return known.principal();
      }
      verified.invalidate(key);
    }
    return verifyNow(token, key);
  }

  private Principal verifyNow(String token, String key) throws InvalidTokenException {
    JWTClaimsSet claims;
    try {
      claims = processor().process(token, null);
    } catch (ParseException e) {
      throw new InvalidTokenException("the token is not a JWT");
    } catch (com.nimbusds.jose.proc.BadJOSEException e) {
      throw new InvalidTokenException(describe(e));
    } catch (com.nimbusds.jose.jwk.source.RateLimitReachedException e) {
      // An unknown key id again before the keys may be fetched again: refused, not an outage.
      throw new InvalidTokenException("the token's signing key is unknown");
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("cannot verify tokens now: " + e.getMessage(), e);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    claims.toJSONObject().forEach((name, value) -> {
      if (value != null) {
        values.put(name, value);
      }
    });
    Principal principal = new Principal(claims.getSubject(), claims.getIssuer(), scopes(claims), values);
    long expires = claims.getExpirationTime().toInstant().plus(clockSkew).toEpochMilli();
    verified.put(key, new Verified(principal, expires));
    return principal;
  }

  private static String describe(Exception e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Expired")) {
      return "the token has expired";
    }
    if (message.contains("before use time")) {
      return "the token is not valid yet";
    }
    if (message.contains("audience")) {
      return "the token was not issued for this resource";
    }
    if (message.contains("iss")) {
      return "the token comes from another issuer";
    }
    if (message.contains("algorithm") || message.contains("key") || message.contains("Unsecured")) {
      return "the token's signature or algorithm is not accepted";
    }
    if (message.contains("Signed JWT rejected")) {
      return "the token's signature is invalid";
    }
    return "the token was refused";
  }

  private static Set<String> scopes(JWTClaimsSet claims) {
    Set<String> scopes = new LinkedHashSet<>();
    if (claims.getClaim("scope") instanceof String text) {
      scopes.addAll(Tokens.parse(text));
    }
    Object scp = claims.getClaim("scp");
    if (scp instanceof Collection<?> list) {
      list.forEach(name -> scopes.add(String.valueOf(name)));
    } else if (scp instanceof String text) {
      scopes.add(text);
    }
    return scopes;
  }

  /** Made on first use, so that a server may start before its authorization server. */
  private ConfigurableJWTProcessor<SecurityContext> processor() {
    ConfigurableJWTProcessor<SecurityContext> made = processor;
    if (made == null) {
      synchronized (this) {
        made = processor;
        if (made == null) {
          // Requests must not make this server ask an unreachable issuer again and again: after a
          // failed discovery, requests are refused (503) for a few seconds without asking.
          long now = System.nanoTime();
          if (discoveryFailedAt != 0 && now - discoveryFailedAt < DISCOVERY_RETRY.toNanos()) {
            throw new IllegalStateException("the issuer's metadata could not be fetched lately: " + discoveryFailure);
          }
          try {
            made = newProcessor();
          } catch (RuntimeException e) {
            discoveryFailedAt = now == 0 ? 1 : now;
            discoveryFailure = String.valueOf(e.getMessage());
            throw e;
          }
          processor = made;
        }
      }
    }
    return made;
  }

  private ConfigurableJWTProcessor<SecurityContext> newProcessor() {
    URI keys = jwksUri;
    if (keys == null) {
      String found = IssuerMetadata.discover(http, issuer).path("jwks_uri").asString("");
      if (found.isEmpty()) {
        throw new IllegalStateException("the metadata of " + issuer + " names no jwks_uri");
      }
      keys = URI.create(found);
    }
    JWKSource<SecurityContext> source;
    try {
      source = JWKSourceBuilder.<SecurityContext>create(keys.toURL())
          .cache(Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(15).toMillis())
          .rateLimited(keyRefetchInterval.toMillis())
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalStateException("bad jwks_uri " + keys, e);
    }
    DefaultJWTProcessor<SecurityContext> made = new DefaultJWTProcessor<>();
    made.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
        new JOSEObjectType("application/at+jwt"), null));
    made.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, source));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience.toString()),
        new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("sub", "exp"), null);
    claims.setMaxClockSkew((int) clockSkew.toSeconds());
    made.setJWTClaimsSetVerifier(claims);
    return made;
  }

  /** Builds a {@link JwtTokenVerifier}; each setter checks its argument at once. */
  public static final class Builder {
    private final URI issuer;
    private final URI audience;
    private Set<JWSAlgorithm> algorithms = toAlgorithms(DEFAULT_ALGORITHMS);
    private Duration clockSkew = Duration.ofSeconds(30);
    private @Nullable URI jwksUri;
    private Duration keyRefetchInterval = Duration.ofSeconds(30);

    private Builder(URI issuer, URI audience) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      this.audience = Objects.requireNonNull(audience, "audience");
    }

    /**
     * Sets the signature algorithms accepted. Only asymmetric ones may be named: {@code none} and HMAC
     * would let anyone holding the public key mint tokens.
     *
     * @param names JWS algorithm names such as {@code RS256} or {@code ES256}
     * @return this builder
     */
    public Builder algorithms(String... names) {
      Set<String> chosen = new LinkedHashSet<>(List.of(names));
      if (chosen.isEmpty() || !DEFAULT_ALGORITHMS.containsAll(chosen)) {
        throw new IllegalArgumentException("algorithms must be among " + DEFAULT_ALGORITHMS + ", was " + chosen);
      }
      this.algorithms = toAlgorithms(chosen);
      return this;
    }

    /**
     * Sets the leeway for {@code exp} and {@code nbf}, for clocks that differ a little.
     *
     * @param skew from zero to five minutes; default 30 seconds
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("clockSkew must be from 0 to 5 minutes, was " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /**
     * Sets how soon the keys may be fetched again when a token names a key id the cache lacks (the
     * issuer rotated its keys). Tokens with unknown key ids cannot make the server fetch more often.
     *
     * @param interval from 1 second to 1 hour; default 30 seconds
     * @return this builder
     */
    public Builder keyRefetchInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("keyRefetchInterval must be from 1 second to 1 hour, was " + interval);
      }
      this.keyRefetchInterval = interval;
      return this;
    }

    /**
     * Takes the keys from {@code uri} instead of finding it in the issuer's metadata.
     *
     * @param uri the JWK set's URI
     * @return this builder
     */
    public Builder jwksUri(URI uri) {
      this.jwksUri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /**
     * Builds the verifier; the issuer's metadata and keys are fetched on first use.
     *
     * @return the verifier
     */
    public JwtTokenVerifier build() {
      return new JwtTokenVerifier(this);
    }

    private static Set<JWSAlgorithm> toAlgorithms(Collection<String> names) {
      List<JWSAlgorithm> list = new ArrayList<>();
      names.forEach(name -> list.add(JWSAlgorithm.parse(name)));
      return Set.copyOf(list);
    }
  }

  @Override
  public String toString() {
    return "JwtTokenVerifier[issuer=" + issuer + ", audience=" + audience + "]";
  }
}
