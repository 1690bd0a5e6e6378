package dev.switchboard.mcp.session.internal;

/**
 * Thrown when a new session would exceed the configured maximum. Live sessions are never evicted to
 * make room; the client should retry later.
 */
public final class SessionLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SessionLimitException(int limit) {
    super("the server holds its maximum of " + limit + " sessions", null, false, false);
  }
}
