package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Hints for the client about a content block or resource.
 *
 * @param audience who the content is for: {@code "user"} and/or {@code "assistant"}; empty when unspecified
 * @param priority importance from 0 (least) to 1 (most), or null
 * @param lastModified an ISO 8601 timestamp, or null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Annotations(List<String> audience, @Nullable Double priority, @Nullable String lastModified) {
  /** Checks and copies.  */
  public Annotations {
    audience = List.copyOf(Objects.requireNonNull(audience, "audience"));
    if (priority != null && (priority < 0 || priority > 1)) {
      throw new IllegalArgumentException("priority must be between 0 and 1, was " + priority);
    }
  }
}
