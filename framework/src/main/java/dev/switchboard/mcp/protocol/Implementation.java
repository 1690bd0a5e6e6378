package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The name and version of an MCP implementation: {@code serverInfo} or {@code clientInfo}.
 *
 * @param name the programmatic name
 * @param version the version
 * @param title a display name, or null
 * @param description a description, or null
 * @param websiteUrl a web site, or null
 * @param icons icons; empty when none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Implementation(
    String name,
    String version,
    @Nullable String title,
    @Nullable String description,
    @Nullable String websiteUrl,
    List<Icon> icons) {
  /** Checks and copies.  */
  public Implementation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    icons = List.copyOf(Objects.requireNonNull(icons, "icons"));
  }

  /**
   * Creates an implementation description with only a name and version.
   *
   * @param name the name
   * @param version the version
   * @return the description
   */
  public static Implementation of(String name, String version) {
    return new Implementation(name, version, null, null, null, List.of());
  }
}
