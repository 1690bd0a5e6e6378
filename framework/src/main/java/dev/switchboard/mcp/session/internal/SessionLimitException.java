package dev.switchboard.mcp.session.internal;

/**
 * Thrown when a new session would exceed a configured maximum: the server's, or one client's. Live
 * sessions are never evicted to make room; the client should retry later.
 */
public final class SessionLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean perClient;

  SessionLimitException(int limit, boolean perClient) {
    super(perClient ? "this client holds its maximum of " + limit + " sessions"
        : "the server holds its maximum of " + limit + " sessions", null, false, false);
    this.perClient = perClient;
  }

  /** Whether the limit is the client's own (429), not the server's (503). */
  public boolean perClient() {
    return perClient;
  }
}
