package dev.switchboard.mcp.session;

/**
 * Thrown to code waiting on a session (for example on a server-to-client request) when the session
 * ends: it expired, was deleted, or the server is shutting down.
 */
public final class SessionClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the session ended
   */
  public SessionClosedException(String message) {
    super(message);
  }
}
