package dev.switchboard.mcp.schema.internal;

/** Thrown when a Java type has no JSON Schema this framework can promise to bind. */
public final class UnsupportedTypeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UnsupportedTypeException(String message) {
    super(message);
  }
}
