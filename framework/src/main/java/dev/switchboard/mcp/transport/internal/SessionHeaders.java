package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.internal.Texts;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionStore;
import dev.switchboard.mcp.transport.internal.HttpErrors.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The headers of a request to a session: its {@code Mcp-Session-Id}, and a {@code MCP-Protocol-Version}
 * that, when present, must name a revision sessions speak. It need not be the one the session
 * negotiated: the official conformance suite's own client sends 2025-03-26 on a 2025-11-25 session,
 * and the specification asks only for a supported one.
 */
final class SessionHeaders {
  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";
  private static final String SUPPORTED = ProtocolVersion.SESSION_REVISIONS.stream()
      .map(ProtocolVersion::wireName).collect(Collectors.joining(", "));
  private static final Rejection MISSING_SESSION = Rejection.of(HttpServletResponse.SC_BAD_REQUEST,
      "Bad Request: Mcp-Session-Id header is required; send initialize first");
  static final Rejection UNKNOWN_SESSION = Rejection.of(HttpServletResponse.SC_NOT_FOUND,
      "Session not found: it expired or was deleted; send initialize to start a new one");

  private SessionHeaders() {}

  /** A request's session, or the rejection that says why it has none. */
  record Lookup(@Nullable SessionState session, @Nullable Rejection rejection) {}

  /** Finds the session a request names, checking its headers. */
  static Lookup find(HttpServletRequest request, SessionStore sessions) {
    String id = request.getHeader(SESSION_HEADER);
    if (id == null) {
      return new Lookup(null, MISSING_SESSION);
    }
    String header = request.getHeader(VERSION_HEADER);
    if (header != null && ProtocolVersion.fromWire(header.strip())
        .filter(ProtocolVersion.SESSION_REVISIONS::contains).isEmpty()) {
      return new Lookup(null, Rejection.of(HttpServletResponse.SC_BAD_REQUEST, "Bad Request: unsupported "
          + "MCP-Protocol-Version '" + Texts.echo(header) + "' (supported: " + SUPPORTED + ")"));
    }
    String owner = Callers.ownerOf(request);
    SessionState session = sessions.findOrTakeOver(id, owner).orElse(null);
    // Another principal's session does not exist, as far as this request can tell.
    if (session == null || !session.ownedBy(owner)) {
      return new Lookup(null, UNKNOWN_SESSION);
    }
    return new Lookup(session, null);
  }
}
