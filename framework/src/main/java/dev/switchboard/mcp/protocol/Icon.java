package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An icon for a server, tool, resource or prompt (MCP 2025-11-25).
 *
 * @param src an {@code https:} or {@code data:} URI
 * @param mimeType the image type, or null
 * @param sizes sizes such as {@code "48x48"} or {@code "any"}; empty when unknown
 * @param theme {@code "light"} or {@code "dark"}, or null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Icon(String src, @Nullable String mimeType, List<String> sizes, @Nullable String theme) {
  /** Checks and copies.  */
  public Icon {
    Objects.requireNonNull(src, "src");
    sizes = List.copyOf(Objects.requireNonNull(sizes, "sizes"));
  }

  /**
   * Creates an icon with only a source.
   *
   * @param src the URI
   * @return the icon
   */
  public static Icon of(String src) {
    return new Icon(src, null, List.of(), null);
  }
}
