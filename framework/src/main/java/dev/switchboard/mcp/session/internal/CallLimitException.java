package dev.switchboard.mcp.session.internal;

/**
 * Thrown when a call would exceed a limit on calls in flight: one session's, or one client's. The
 * call is not begun; the client should wait for some of its calls to finish.
 */
public final class CallLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CallLimitException(String message) {
    super(message, null, false, false);
  }
}
