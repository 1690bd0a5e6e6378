package dev.switchboard.mcp.transport;

import java.io.Serial;

/**
 * A bearer token that must be refused: malformed, badly signed, expired, from another issuer, or for
 * another resource. Its message goes to the client as the challenge's {@code error_description}, so
 * it says what is wrong without repeating the token.
 */
public final class InvalidTokenException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the token, for the client
   */
  public InvalidTokenException(String message) {
    super(message);
  }
}
