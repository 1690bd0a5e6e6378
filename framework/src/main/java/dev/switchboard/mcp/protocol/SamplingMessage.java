package dev.switchboard.mcp.protocol;

import java.util.Objects;

/**
 * One message of a sampling conversation.
 *
 * @param role who says it
 * @param content text, an image or audio
 */
public record SamplingMessage(Role role, Content content) {
  /** Checks the invariants. */
  public SamplingMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /**
   * A text message from the user.
   *
   * @param text the text
   * @return the message
   */
  public static SamplingMessage user(String text) {
    return new SamplingMessage(Role.USER, TextContent.of(text));
  }
}
