package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.transport.internal.HttpErrors.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Header checks made before a body is read: Origin and Host (DNS-rebinding protection), Accept and
 * Content-Type.
 */
public final class RequestGuards {
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  /** In the allowed hosts, means "any Host": a proxy in front checks it. */
  public static final String ANY_HOST = "*";

  private final @Nullable Set<String> allowedOrigins;
  private final @Nullable Set<String> allowedHosts;
  private final boolean anyHost;

  RequestGuards(TransportSettings settings) {
    this.allowedOrigins = settings.allowedOrigins();
    this.allowedHosts = settings.allowedHosts();
    this.anyHost = allowedHosts != null && allowedHosts.contains(ANY_HOST);
  }

  /** An absent Origin (a non-browser client) is allowed; a present one must be on the allow-list. */
  boolean originAllowed(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    URI uri = parseOrigin(origin);
    if (uri == null) {
      return false;
    }
    if (allowedOrigins != null) {
      return allowedOrigins.contains(normalized(uri));
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
    return LOOPBACK_NAMES.contains(uri.getHost().toLowerCase(Locale.ROOT)) && port == request.getLocalPort();
  }

  /**
   * The Host must name this server: one of the allowed hosts, or, when none are configured, a localhost
   * name, whatever address the server listens on. Otherwise a DNS-rebound page could reach it under a
   * name of its own; a server meant to be reached under another name must say which
   * ({@code allowedHosts}), or say that something in front of it checks ({@code allowAnyHost}).
   */
  boolean hostAllowed(HttpServletRequest request) {
    if (anyHost) {
      return true;
    }
    String host = hostName(request.getHeader("Host"));
    if (allowedHosts != null) {
      return host != null && allowedHosts.contains(host);
    }
    return host != null && LOOPBACK_NAMES.contains(host);
  }

  /**
   * Normalizes an Origin ({@code scheme://host[:port]}) to lower case; null when it is not one.
   *
   * @param origin the header or configured value
   */
  public static @Nullable String normalizeOrigin(String origin) {
    URI uri = parseOrigin(origin);
    return uri == null ? null : normalized(uri);
  }

  /** Parses an Origin ({@code scheme://host[:port]}); null when it is not one. */
  private static @Nullable URI parseOrigin(String origin) {
    try {
      URI uri = new URI(origin.trim());
      if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
          || uri.getQuery() != null || uri.getUserInfo() != null) {
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String normalized(URI origin) {
    String scheme = origin.getScheme().toLowerCase(Locale.ROOT);
    String host = origin.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + (origin.getPort() == -1 ? "" : ":" + origin.getPort());
  }

  /** The host part of a Host header, lower case, brackets kept for IPv6; null when absent. */
  public static @Nullable String hostName(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end < 0 ? null : value.substring(0, end + 1);
    }
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }

  /**
   * Whether an Accept header admits a media type. An absent header admits everything (RFC 9110);
   * {@code q=0} excludes.
   */
  static boolean accepts(@Nullable String accept, String type) {
    return acceptsBoth(accept, type, type);
  }

  /** Whether an Accept header admits two media types, in one pass over its ranges (see {@link #accepts}). */
  static boolean acceptsBoth(@Nullable String accept, String first, String second) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    String firstFamily = first.substring(0, first.indexOf('/')) + "/*";
    String secondFamily = second.substring(0, second.indexOf('/')) + "/*";
    boolean firstAdmitted = false;
    boolean secondAdmitted = false;
    for (String range : accept.split(",", -1)) {
      String[] parts = range.split(";", -1);
      String media = parts[0].trim().toLowerCase(Locale.ROOT);
      if (isExcluded(parts)) {
        continue;
      }
      boolean any = media.equals("*/*");
      firstAdmitted |= any || media.equals(first) || media.equals(firstFamily);
      secondAdmitted |= any || media.equals(second) || media.equals(secondFamily);
      if (firstAdmitted && secondAdmitted) {
        return true;
      }
    }
    return false;
  }

  private static boolean isExcluded(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2).trim()) <= 0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return false;
  }

  /** A POST must accept both JSON and SSE answers and send JSON; null when it does. */
  static @Nullable Rejection checkPostHeaders(HttpServletRequest request) {
    if (!acceptsBoth(request.getHeader("Accept"), "application/json", "text/event-stream")) {
      return Rejection.of(HttpServletResponse.SC_NOT_ACCEPTABLE,
          "Not Acceptable: Accept must allow both application/json and text/event-stream");
    }
    if (!isJson(request.getContentType())) {
      return Rejection.of(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
          "Unsupported Media Type: Content-Type must be application/json");
    }
    return null;
  }

  /**
   * Reads a POST's body, or answers 413 (larger than {@code limit}) or 408 (sent slower than the
   * launcher's minimum data rate, or cut off) and returns null.
   */
  static byte @Nullable [] bodyOrAnswer(HttpServletRequest request, HttpServletResponse response, JsonRpcCodec codec,
      long limit) {
    byte[] body;
    try {
      body = readBody(request, limit);
    } catch (IOException e) {
      response.setHeader("Connection", "close");
      HttpErrors.send(response, codec, Rejection.of(HttpServletResponse.SC_REQUEST_TIMEOUT,
          "Request Timeout: the request body came too slowly or was cut off"));
      return null;
    }
    if (body == null) {
      HttpErrors.send(response, codec, Rejection.of(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "Payload Too Large: the limit is " + limit + " bytes"));
    }
    return body;
  }

  /**
   * Reads a body up to {@code limit} bytes, without reading beyond it: a declared length over the limit
   * is refused before any byte is read.
   *
   * @return the body, or null when it is larger than the limit
   */
  static byte @Nullable [] readBody(HttpServletRequest request, long limit) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      return null;
    }
    InputStream in = request.getInputStream();
    byte[] body = in.readNBytes((int) Math.min(limit + 1, declared >= 0 ? declared + 1 : limit + 1));
    return body.length > limit ? null : body;
  }

  /** Whether a Content-Type is JSON ({@code application/json}, parameters such as charset allowed). */
  static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return media.equalsIgnoreCase("application/json");
  }
}
