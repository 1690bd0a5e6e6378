package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.HttpRequestInfo;
import dev.switchboard.mcp.session.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The headers and remote address of a POST, copied when it arrives. A servlet request object is
 * recycled by the container once its response completes, and a call may outlive its connection, so
 * the handler reads this copy, never the live request. Names and values sit in two parallel arrays: the
 * container's own strings, no map per request.
 */
final class CapturedRequest implements HttpRequestInfo {
  private static final String ATTRIBUTE = "dev.switchboard.mcp.capturedRequest";
  private final String[] names;
  private final String[] values;
  private final String remoteAddress;
  private final @Nullable Principal principal;

  private CapturedRequest(String[] names, String[] values, String remoteAddress, @Nullable Principal principal) {
    this.names = names;
    this.values = values;
    this.remoteAddress = remoteAddress;
    this.principal = principal;
  }

  /** The request's copy, made once: the client key and the exchange both read it. */
  static CapturedRequest of(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof CapturedRequest made) {
      return made;
    }
    CapturedRequest made = copy(request);
    request.setAttribute(ATTRIBUTE, made);
    return made;
  }

  private static CapturedRequest copy(HttpServletRequest request) {
    List<String> names = new ArrayList<>(16);
    List<String> values = new ArrayList<>(16);
    for (String name : Collections.list(request.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (String value : Collections.list(request.getHeaders(name))) {
        names.add(lower);
        values.add(value);
      }
    }
    String remote = request.getRemoteAddr();
    return new CapturedRequest(names.toArray(String[]::new), values.toArray(String[]::new),
        remote == null ? "" : remote, Callers.principalOf(request));
  }

  @Override
  public Optional<String> header(String name) {
    String lower = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(lower)) {
        return Optional.of(values[i]);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> headers(String name) {
    String lower = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    List<String> found = new ArrayList<>(1);
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(lower)) {
        found.add(values[i]);
      }
    }
    return List.copyOf(found);
  }

  @Override
  public Set<String> headerNames() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }
}
