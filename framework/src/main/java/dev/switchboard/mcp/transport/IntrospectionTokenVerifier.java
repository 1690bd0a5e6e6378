package dev.switchboard.mcp.transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.mcp.session.Principal;
import dev.switchboard.mcp.transport.internal.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies opaque access tokens by asking the authorization server (OAuth 2.0 Token Introspection,
 * RFC 7662), authenticating as a client with {@code client_secret_basic}. A token must be active, not
 * expired, and name this server in its {@code aud} (RFC 8707). Answers are cached for a short time
 * (30 seconds by default, never past the token's {@code exp}), keyed by a hash of the token, so a
 * client's burst costs one introspection. The token is sent to the introspection endpoint only.
 * Thread-safe.
 */
public final class IntrospectionTokenVerifier implements TokenVerifier {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final String authorizationHeader;
  private final URI audience;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final Cache<String, Answer> answers;

  /** An introspection's outcome: a principal until a moment, or a refusal. */
  private record Answer(Principal principal, long validUntilMillis, String refusal) {}

  private IntrospectionTokenVerifier(URI endpoint, String clientId, String clientSecret, URI audience,
      Duration cacheFor, Clock clock) {
    this.endpoint = endpoint;
    this.authorizationHeader = "Basic " + Base64.getEncoder().encodeToString(
        (form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
    this.audience = audience;
    this.clock = clock;
    this.answers = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheFor).build();
  }

  /**
   * Creates a verifier.
   *
   * @param introspectionEndpoint the authorization server's {@code introspection_endpoint}
   * @param clientId this server's client id at the authorization server
   * @param clientSecret its secret
   * @param audience this server's canonical URI, which the token's {@code aud} must contain
   * @param cacheFor how long an answer is reused; zero asks every time
   * @return the verifier
   */
  public static IntrospectionTokenVerifier create(URI introspectionEndpoint, String clientId, String clientSecret,
      URI audience, Duration cacheFor) {
    Objects.requireNonNull(cacheFor, "cacheFor");
    if (cacheFor.isNegative()) {
      throw new IllegalArgumentException("cacheFor must not be negative, was " + cacheFor);
    }
    return new IntrospectionTokenVerifier(Objects.requireNonNull(introspectionEndpoint, "introspectionEndpoint"),
        Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(clientSecret, "clientSecret"),
        Objects.requireNonNull(audience, "audience"), cacheFor, Clock.systemUTC());
  }

  @Override
  public Principal verify(String token) throws InvalidTokenException {
    String key = Tokens.digest(token);
    Answer answer = answers.getIfPresent(key);
    if (answer == null || clock.millis() >= answer.validUntilMillis()) {
      answer = introspect(token);
      answers.put(key, answer);
    }
    if (!answer.refusal().isEmpty() || clock.millis() >= answer.validUntilMillis()) {
      throw new InvalidTokenException(answer.refusal().isEmpty() ? "the token has expired" : answer.refusal());
    }
    return answer.principal();
  }

  private Answer introspect(String token) {
    JsonNode body;
    try {
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
          .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
          .header("Authorization", authorizationHeader)
          .POST(HttpRequest.BodyPublishers.ofString("token=" + form(token) + "&token_type_hint=access_token"))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("token introspection answered " + response.statusCode());
      }
      body = JsonMapper.shared().readTree(response.body());
    } catch (IOException | JacksonException e) {
      throw new IllegalStateException("cannot introspect tokens now: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while introspecting a token", e);
    }
    long now = clock.millis();
    long expires = body.path("exp").canConvertToLong() ? body.path("exp").asLong() * 1000 : Long.MAX_VALUE;
    if (!body.path("active").asBoolean(false)) {
      return refused("the token is not active");
    }
    if (expires <= now) {
      return refused("the token has expired");
    }
    if (body.path("nbf").canConvertToLong() && body.path("nbf").asLong() * 1000 > now + 30_000) {
      return refused("the token is not valid yet");
    }
    JsonNode aud = body.path("aud");
    boolean forUs = aud.isString() ? aud.asString().equals(audience.toString())
        : aud.isArray() && aud.valueStream().anyMatch(value -> value.asString("").equals(audience.toString()));
    if (!forUs) {
      return refused("the token was not issued for this resource");
    }
    String subject = body.path("sub").asString("");
    if (subject.isEmpty()) {
      return refused("the token names no subject");
    }
    Set<String> scopes = Tokens.parse(body.path("scope").asString(""));
    Map<String, Object> claims = new LinkedHashMap<>();
    body.properties().forEach(entry -> {
      if (!entry.getValue().isNull()) {
        claims.put(entry.getKey(), JsonMapper.shared().convertValue(entry.getValue(), Object.class));
      }
    });
    String issuer = body.path("iss").isString() ? body.path("iss").asString() : null;
    return new Answer(new Principal(subject, issuer, scopes, claims), expires, "");
  }

  private Answer refused(String why) {
    return new Answer(Principal.of("-", Set.of()), Long.MAX_VALUE, why);
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "IntrospectionTokenVerifier[" + endpoint + ", audience=" + audience + "]";
  }
}
