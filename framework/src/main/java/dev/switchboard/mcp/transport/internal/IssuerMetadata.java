package dev.switchboard.mcp.transport.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An authorization server's metadata: RFC 8414 first (the path-inserted well-known URI), then OpenID
 * Connect discovery, as the MCP authorization specification has clients look for it. The document must
 * name the issuer it was asked for.
 */
public final class IssuerMetadata {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final long MAX_BYTES = 1024 * 1024;

  private IssuerMetadata() {}

  /**
   * Fetches the metadata of {@code issuer}.
   *
   * @param http the client to fetch with
   * @param issuer the issuer identifier
   * @return the document
   * @throws IllegalStateException when no well-known URI gives a document for this issuer
   */
  public static JsonNode discover(HttpClient http, URI issuer) {
    List<String> tried = new ArrayList<>();
    for (URI candidate : candidates(issuer)) {
      tried.add(candidate.toString());
      try {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(candidate).timeout(TIMEOUT)
            .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length > MAX_BYTES) {
          continue;
        }
        JsonNode document = JsonMapper.shared().readTree(response.body());
        if (document.isObject() && trimmed(issuer.toString()).equals(trimmed(document.path("issuer").asString("")))) {
          return document;
        }
      } catch (IOException | JacksonException e) {
        // try the next form
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while fetching " + candidate, e);
      }
    }
    throw new IllegalStateException("no metadata for issuer " + issuer + " at " + String.join(", ", tried));
  }

  /** RFC 8414 §3.1 (well-known segment before the issuer's path), then OpenID Connect Discovery 1.0 §4. */
  static List<URI> candidates(URI issuer) {
    String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
    String path = issuer.getRawPath() == null ? "" : trimmed(issuer.getRawPath());
    List<URI> candidates = new ArrayList<>();
    candidates.add(URI.create(origin + "/.well-known/oauth-authorization-server" + path));
    candidates.add(URI.create(origin + path + "/.well-known/openid-configuration"));
    if (!path.isEmpty()) {
      candidates.add(URI.create(origin + "/.well-known/openid-configuration" + path));
    }
    return candidates;
  }

  private static String trimmed(String text) {
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
