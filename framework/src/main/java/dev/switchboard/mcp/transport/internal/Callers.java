package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.session.Principal;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** Who a request acts for, once the endpoint has checked: kept on the request for the rest of its serving. */
final class Callers {
  private static final String PRINCIPAL = "dev.switchboard.mcp.principal";

  private Callers() {}

  static void admit(HttpServletRequest request, Principal principal) {
    request.setAttribute(PRINCIPAL, principal);
  }

  /** The request's principal; null when authorization is off. */
  static @Nullable Principal principalOf(HttpServletRequest request) {
    return request.getAttribute(PRINCIPAL) instanceof Principal principal ? principal : null;
  }

  /** The key a session opened by this request is bound to; null when authorization is off. */
  static @Nullable String ownerOf(HttpServletRequest request) {
    Principal principal = principalOf(request);
    return principal == null ? null : principal.key();
  }
}
