package dev.switchboard.mcp.session;

/** Why a session ended. */
public enum SessionEnd {
  /** The client deleted it (HTTP DELETE). */
  DELETED,
  /** It was idle for longer than the idle timeout. */
  EXPIRED,
  /** The server is shutting down. */
  SHUTDOWN,
  /** Another instance of the fleet took it over; it lives on there (see {@code McpServlet.Builder.fleet}). */
  MOVED
}
