package dev.switchboard.mcp.protocol;

/**
 * Thrown when a handler asks the client for something it did not declare it can do, such as
 * sampling or elicitation. No request is sent. A tool that lets it propagate reports its message to
 * the model.
 */
public final class ClientCapabilityException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is missing
   */
  public ClientCapabilityException(String message) {
    super(message);
  }
}
