package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@code resources/read}.
 *
 * @param contents the contents; one or more
 * @param cacheHint how long clients may reuse it (2026-07-28), or null for the resource's default
 */
public record ReadResourceResult(List<ResourceContents> contents, @JsonIgnore @Nullable CacheHint cacheHint) {
  /** Checks and copies. */
  public ReadResourceResult {
    contents = List.copyOf(Objects.requireNonNull(contents, "contents"));
  }

  /**
   * A result with the resource's default cache hint.
   *
   * @param contents the contents; one or more
   */
  public ReadResourceResult(List<ResourceContents> contents) {
    this(contents, null);
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

  /**
   * Returns this result with a cache hint of its own, for contents whose freshness only the handler
   * knows.
   *
   * @param hint how long clients may reuse it, and who
   * @return a copy with the hint
   */
  public ReadResourceResult withCacheHint(CacheHint hint) {
    return new ReadResourceResult(contents, Objects.requireNonNull(hint, "hint"));
  }
}
