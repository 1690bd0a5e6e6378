package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** The sender of a prompt or sampling message. */
public enum Role {
  /** The human user. */
  USER,
  /** The model. */
  ASSISTANT;

  /**
   * Returns the wire name.
   *
   * @return {@code "user"} or {@code "assistant"}
   */
  @JsonValue
  public String wireName() {
    return this == USER ? "user" : "assistant";
  }
}
