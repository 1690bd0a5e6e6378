package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A root the client exposes, such as a project directory.
 *
 * @param uri the root's URI (a {@code file://} URI in the current revisions)
 * @param name a display name, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Root(String uri, @Nullable String name) {
  /** Checks the invariants. */
  public Root {
    Objects.requireNonNull(uri, "uri");
  }
}
