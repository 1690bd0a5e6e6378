package dev.switchboard.mcp.server;

/**
 * Thrown by a handler to report a failure in words meant for the client: its message becomes the
 * tool's error result (or the error's message, for prompts and resources) as written. The messages of
 * other exceptions are not sent, since they may hold internals (a driver's message, a file path, a
 * stack of causes); the client gets a short reference that the server's log line carries too. An
 * {@link IllegalArgumentException}'s message is sent as well: it says what was wrong with the input.
 */
public class ToolErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for the model or the user to read
   */
  public ToolErrorException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause, which the server logs but does not send.
   *
   * @param message what went wrong, for the model or the user to read
   * @param cause the underlying failure
   */
  public ToolErrorException(String message, Throwable cause) {
    super(message, cause);
  }
}
