package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A resource embedded in a result or prompt message.
 *
 * @param resource the resource contents
 * @param annotations hints for the client, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddedResource(ResourceContents resource, @Nullable Annotations annotations) implements Content {
  /** Checks the invariants.  */
  public EmbeddedResource {
    Objects.requireNonNull(resource, "resource");
  }

  /**
   * Embeds resource contents.
   *
   * @param resource the contents
   * @return the content block
   */
  public static EmbeddedResource of(ResourceContents resource) {
    return new EmbeddedResource(resource, null);
  }
}
