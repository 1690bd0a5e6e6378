package dev.switchboard.mcp.session;


/**
 * Observes sessions opening and ending, for metrics or to free application state. Methods run on
 * the thread that opened or ended the session and must return quickly.
 */
public interface SessionListener {
  /**
   * Called after a session was created by {@code initialize}.
   *
   * @param session the new session
   */
  default void sessionOpened(McpSession session) {}

  /**
   * Called after a session ended and its streams were closed.
   *
   * @param session the ended session
   * @param reason why it ended
   */
  default void sessionClosed(McpSession session, SessionEnd reason) {}
}
