package dev.switchboard.mcp.protocol;

import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thrown when a handler asks the client for something it did not declare it can do, such as
 * sampling or elicitation. No request is sent. A tool that lets it propagate reports its message to
 * the model on a session (2025 revisions); in 2026-07-28 the client gets error -32021 naming
 * {@link #requiredCapabilities()}.
 */
public final class ClientCapabilityException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient ObjectNode requiredCapabilities;

  /**
   * Creates the exception.
   *
   * @param message what is missing
   */
  public ClientCapabilityException(String message) {
    this(message, JsonNodeFactory.instance.objectNode());
  }

  /**
   * Creates the exception, naming what the client would have to declare.
   *
   * @param message what is missing
   * @param requiredCapabilities client capabilities as on the wire, for example {@code {"sampling":{}}}
   */
  public ClientCapabilityException(String message, ObjectNode requiredCapabilities) {
    super(message);
    this.requiredCapabilities = Objects.requireNonNull(requiredCapabilities, "requiredCapabilities").deepCopy();
  }

  /**
   * Returns the client capabilities the request needed.
   *
   * @return a copy, as on the wire; empty when not known
   */
  public ObjectNode requiredCapabilities() {
    return requiredCapabilities.deepCopy();
  }
}
