package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A resource as listed by {@code resources/list}.
 *
 * @param uri the resource's URI, unique within the server
 * @param name the programmatic name
 * @param title a display name, or null
 * @param description what the resource holds, or null
 * @param mimeType the type of its contents, or null
 * @param size the size in bytes, or null when unknown
 * @param icons icons; empty when none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Resource(
    String uri,
    String name,
    @Nullable String title,
    @Nullable String description,
    @Nullable String mimeType,
    @Nullable Long size,
    List<Icon> icons) {
  /** Checks and copies. */
  public Resource {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(name, "name");
    if (uri.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException("a resource needs a URI and a name");
    }
    icons = List.copyOf(Objects.requireNonNull(icons, "icons"));
  }

  /**
   * Creates a resource with a URI, a name and a MIME type.
   *
   * @param uri the URI
   * @param name the name
   * @param mimeType the type, or null
   * @return the resource
   */
  public static Resource of(String uri, String name, @Nullable String mimeType) {
    return new Resource(uri, name, null, null, mimeType, null, List.of());
  }
}
