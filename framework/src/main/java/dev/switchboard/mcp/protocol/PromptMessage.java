package dev.switchboard.mcp.protocol;

import java.util.Objects;

/**
 * One message of a prompt: text, an image, audio, or an embedded resource, from the user or the model.
 *
 * @param role who says it
 * @param content what is said
 */
public record PromptMessage(Role role, Content content) {
  /** Checks the invariants. */
  public PromptMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /**
   * A text message from the user.
   *
   * @param text the text
   * @return the message
   */
  public static PromptMessage user(String text) {
    return new PromptMessage(Role.USER, TextContent.of(text));
  }

  /**
   * A text message from the model.
   *
   * @param text the text
   * @return the message
   */
  public static PromptMessage assistant(String text) {
    return new PromptMessage(Role.ASSISTANT, TextContent.of(text));
  }
}
