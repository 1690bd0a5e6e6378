package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An argument a prompt accepts.
 *
 * @param name the argument name
 * @param title a display name, or null
 * @param description what it is for, or null
 * @param required whether the client must send it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptArgument(String name, @Nullable String title, @Nullable String description, boolean required) {
  /** Checks the invariants. */
  public PromptArgument {
    Objects.requireNonNull(name, "name");
  }
}
