package dev.switchboard.mcp.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The client's answer to a sampling request.
 *
 * @param role who speaks (the assistant)
 * @param content the generated content as sent: a content block, or an array of them (with tool use)
 * @param model the model that generated it
 * @param stopReason why generation stopped ({@code endTurn}, {@code maxTokens}, {@code toolUse}, ...), or null
 */
public record SamplingResult(Role role, JsonNode content, String model, @Nullable String stopReason) {
  /** Checks the invariants. */
  public SamplingResult {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(model, "model");
  }

  /**
   * Returns the generated text: the text block's text, or the texts of all text blocks joined.
   *
   * @return the text, empty when there is none
   */
  public String text() {
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode block : content) {
        if ("text".equals(block.path("type").asString(""))) {
          text.append(block.path("text").asString(""));
        }
      }
      return text.toString();
    }
    return "text".equals(content.path("type").asString("")) ? content.path("text").asString("") : "";
  }
}
