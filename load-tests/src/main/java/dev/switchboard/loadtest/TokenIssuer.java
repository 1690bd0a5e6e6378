package dev.switchboard.loadtest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The harness as the authorization server, as far as a resource server sees one: an RSA key (2048
 * bits, RS256) made for the run, its public half published as a JWK Set over HTTP on 127.0.0.1, and
 * access tokens signed with it. Its issuer identifier is its own base URL; there is no metadata to
 * discover, so a verifier is pointed at {@link #jwksUri()}. A token is minted once per subject and
 * audience and then handed out again, as a client keeps the token it got until it expires.
 */
final class TokenIssuer implements AutoCloseable {
  static final String JWKS_PATH = "/jwks.json";
  /** The scope every token carries; the load target's tools need none. */
  static final String SCOPE = "mcp:tools";
  static final Duration LIFETIME = Duration.ofHours(1);
  private final RSAKey key;
  private final RSASSASigner signer;
  private final Server jetty;
  private final ServerConnector connector;
  private final AtomicLong jwksFetches = new AtomicLong();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  TokenIssuer() {
    try {
      key = new RSAKeyGenerator(2048).keyID("load-test-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256).generate();
      signer = new RSASSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not make an RSA key: " + e.getMessage(), e);
    }
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    QueuedThreadPool threads = new QueuedThreadPool(8, 2);
    threads.setName("jwks");
    jetty = new Server(threads);
    connector = new ServerConnector(jetty, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("jwks", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        jwksFetches.incrementAndGet();
        response.setContentType("application/jwk-set+json");
        response.setContentLength(jwks.length);
        response.getOutputStream().write(jwks);
      }
    }), JWKS_PATH);
    jetty.setHandler(context);
    jetty.setStopTimeout(0);
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException("could not start the JWKS server: " + e.getMessage(), e);
    }
  }

  /** The issuer identifier, the {@code iss} of every token: {@code http://127.0.0.1:port}. */
  URI issuer() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  /** Where the public key is published. */
  URI jwksUri() {
    return URI.create(issuer() + JWKS_PATH);
  }

  /** How many times the JWK Set was fetched so far. */
  long jwksFetches() {
    return jwksFetches.get();
  }

  /**
   * An access token for {@code subject} to call {@code audience}: RS256, type {@code at+jwt} (RFC 9068),
   * {@code iss}, {@code sub}, {@code aud}, {@code iat}, {@code exp} an hour on, {@code scope},
   * {@code client_id} and a {@code jti}. The same one each time for the same subject and audience.
   */
  String token(String subject, URI audience) {
    return tokens.computeIfAbsent(subject + ' ' + audience, ignored -> mint(subject, audience));
  }

  private String mint(String subject, URI audience) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer().toString())
        .subject(subject)
        .audience(audience.toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME)))
        .jwtID(UUID.randomUUID().toString())
        .claim("scope", SCOPE)
        .claim("client_id", "switchboard-load-test")
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
        .type(new JOSEObjectType("at+jwt")).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a token: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
