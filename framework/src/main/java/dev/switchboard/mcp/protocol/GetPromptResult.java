package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@code prompts/get}.
 *
 * @param description a description of this rendering, or null
 * @param messages the messages
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetPromptResult(@Nullable String description, List<PromptMessage> messages) {
  /** Checks and copies. */
  public GetPromptResult {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
  }

  /**
   * A result with the given messages and no description.
   *
   * @param messages the messages
   * @return the result
   */
  public static GetPromptResult of(PromptMessage... messages) {
    return new GetPromptResult(null, List.of(messages));
  }
}
