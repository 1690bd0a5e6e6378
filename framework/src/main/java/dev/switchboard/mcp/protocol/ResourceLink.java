package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A link to a resource the client may read (MCP 2025-06-18 and later).
 *
 * @param uri the resource URI
 * @param name the resource name
 * @param title a display name, or null
 * @param description a description, or null
 * @param mimeType the resource type, or null
 * @param annotations hints for the client, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceLink(
    String uri,
    String name,
    @Nullable String title,
    @Nullable String description,
    @Nullable String mimeType,
    @Nullable Annotations annotations)
    implements Content {
  /** Checks the invariants.  */
  public ResourceLink {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Creates a link with a URI and a name.
   *
   * @param uri the URI
   * @param name the name
   * @return the link
   */
  public static ResourceLink of(String uri, String name) {
    return new ResourceLink(uri, name, null, null, null, null);
  }
}
