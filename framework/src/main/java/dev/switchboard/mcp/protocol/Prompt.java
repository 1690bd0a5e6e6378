package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A prompt as listed by {@code prompts/list}.
 *
 * @param name the unique name
 * @param title a display name, or null
 * @param description what the prompt does, or null
 * @param arguments the arguments it accepts; empty when none
 * @param icons icons; empty when none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Prompt(
    String name,
    @Nullable String title,
    @Nullable String description,
    List<PromptArgument> arguments,
    List<Icon> icons) {
  /** Checks and copies. */
  public Prompt {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a prompt needs a name");
    }
    arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments"));
    icons = List.copyOf(Objects.requireNonNull(icons, "icons"));
  }

  /**
   * Creates a prompt with a description and arguments.
   *
   * @param name the name
   * @param description the description, or null
   * @param arguments the arguments
   * @return the prompt
   */
  public static Prompt of(String name, @Nullable String description, List<PromptArgument> arguments) {
    return new Prompt(name, null, description, arguments, List.of());
  }
}
