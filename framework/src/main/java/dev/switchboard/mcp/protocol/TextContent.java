package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Text content.
 *
 * @param text the text
 * @param annotations hints for the client, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextContent(String text, @Nullable Annotations annotations) implements Content {
  /** Checks the invariants.  */
  public TextContent {
    Objects.requireNonNull(text, "text");
  }

  /**
   * Creates text content without annotations.
   *
   * @param text the text
   * @return the content
   */
  public static TextContent of(String text) {
    return new TextContent(text, null);
  }
}
