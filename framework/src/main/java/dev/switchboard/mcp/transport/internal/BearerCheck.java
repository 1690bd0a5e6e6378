package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.internal.DecodedBody;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.session.Principal;
import dev.switchboard.mcp.transport.Authorization;
import dev.switchboard.mcp.transport.InvalidTokenException;
import dev.switchboard.mcp.transport.TokenVerifier;
import dev.switchboard.mcp.transport.internal.HttpErrors.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint as an OAuth resource server (RFC 6750, RFC 9728): a request without a token, or with
 * one the verifier refuses, gets 401 and a challenge that points to the resource metadata; a principal
 * without the scopes an operation needs gets 403 {@code insufficient_scope}. Tokens are read from the
 * {@code Authorization} header only, never from the query string.
 */
final class BearerCheck {
  private static final Logger LOG = LoggerFactory.getLogger(BearerCheck.class);

  private final Authorization authorization;
  private final JsonRpcCodec codec;
  private final String metadata;
  private final @Nullable Function<HttpServletRequest, Optional<Principal>> principals;
  private final @Nullable TokenVerifier verifier;
  private final String challenge;

  BearerCheck(Authorization authorization, JsonRpcCodec codec) {
    this.authorization = authorization;
    this.codec = codec;
    this.metadata = "resource_metadata=\"" + authorization.metadataUrl() + "\"";
    this.principals = authorization.principals().orElse(null);
    this.verifier = authorization.tokenVerifier().orElse(null);
    String scopes = String.join(" ", authorization.scopesSupported());
    this.challenge = "Bearer " + metadata + (scopes.isEmpty() ? "" : ", scope=\"" + scopes + "\"");
  }

  /**
   * Finds who the request acts for and keeps it on the request; answers 400, 401 or 503 when it cannot.
   *
   * @return whether the request may be served
   */
  boolean admit(HttpServletRequest request, HttpServletResponse response) {
    String query = request.getQueryString();
    if (query != null && (query.startsWith("access_token=") || query.contains("&access_token="))) {
      reject(response, 400, "Bad Request: send the access token in the Authorization header, never in the URL",
          "Bearer error=\"invalid_request\", " + metadata);
      return false;
    }
    if (principals != null) {
      Optional<Principal> principal = principals.apply(request);
      if (principal.isEmpty()) {
        reject(response, 401, "Unauthorized: this server needs an authenticated caller", challenge);
        return false;
      }
      Callers.admit(request, principal.get());
      return true;
    }
    String header = request.getHeader("Authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
    if (token.isEmpty()) {
      reject(response, 401, "Unauthorized: send an access token (Authorization: Bearer ...) issued for "
          + authorization.resource(), challenge);
      return false;
    }
    try {
      Callers.admit(request, Objects.requireNonNull(verifier).verify(token));
      return true;
    } catch (InvalidTokenException e) {
      String why = quotable(e.getMessage());
      reject(response, 401, "Unauthorized: " + why,
          "Bearer error=\"invalid_token\", error_description=\"" + why + "\", " + metadata);
      return false;
    } catch (RuntimeException e) {
      LOG.warn("could not verify a token: {}", e.toString());
      response.setHeader("Retry-After", "5");
      reject(response, 503, "Service Unavailable: access tokens cannot be verified now", null);
      return false;
    }
  }

  /**
   * Checks each request's scopes before anything runs.
   *
   * @return whether all may run; false after answering 403 naming every scope they need
   */
  boolean scopesGranted(HttpServletRequest request, HttpServletResponse response, DecodedBody decoded,
      ServerCore server) {
    Principal principal = Objects.requireNonNull(Callers.principalOf(request));
    Set<String> missing = new LinkedHashSet<>();
    for (JsonRpcMessage message : decoded.messages()) {
      if (message instanceof JsonRpcRequest call) {
        Set<String> needed = server.requiredScopes(call);
        if (!principal.hasScopes(needed)) {
          missing.addAll(needed);
        }
      }
    }
    if (missing.isEmpty()) {
      return true;
    }
    insufficientScope(response, missing);
    return false;
  }

  /** Answers 403 with a step-up challenge naming every scope the operation needs. */
  private void insufficientScope(HttpServletResponse response, Collection<String> needed) {
    String scopes = String.join(" ", needed);
    reject(response, 403, "Forbidden: this needs the scopes " + scopes,
        "Bearer error=\"insufficient_scope\", scope=\"" + scopes + "\", " + metadata
            + ", error_description=\"the access token lacks a scope this needs\"");
  }

  private void reject(HttpServletResponse response, int status, String message, @Nullable String challenge) {
    if (challenge != null) {
      response.setHeader("WWW-Authenticate", challenge);
    }
    HttpErrors.send(response, codec, Rejection.of(status, message));
  }

  /** A message fit for a quoted-string: no quotes, backslashes or control characters. */
  private static String quotable(@Nullable String text) {
    String safe = text == null ? "the token was refused" : text;
    return safe.replaceAll("[\"\\\\\\p{Cntrl}]", " ");
  }
}
