package dev.switchboard.mcp.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@code resources/read}.
 *
 * @param contents the contents; one or more
 */
public record ReadResourceResult(List<ResourceContents> contents) {
  /** Checks and copies. */
  public ReadResourceResult {
    contents = List.copyOf(Objects.requireNonNull(contents, "contents"));
  }

  /**
   * A result with the given contents.
   *
   * @param contents the contents
   * @return the result
   */
  public static ReadResourceResult of(ResourceContents... contents) {
    return new ReadResourceResult(List.of(contents));
  }
}
