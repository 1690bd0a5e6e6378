package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A family of resources named by an RFC 6570 URI template, as listed by {@code resources/templates/list}.
 *
 * @param uriTemplate the template, for example {@code db://tables/{name}}
 * @param name the programmatic name
 * @param title a display name, or null
 * @param description what the resources hold, or null
 * @param mimeType the type of their contents, or null
 * @param icons icons; empty when none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceTemplate(
    String uriTemplate,
    String name,
    @Nullable String title,
    @Nullable String description,
    @Nullable String mimeType,
    List<Icon> icons) {
  /** Checks and copies. */
  public ResourceTemplate {
    Objects.requireNonNull(uriTemplate, "uriTemplate");
    Objects.requireNonNull(name, "name");
    icons = List.copyOf(Objects.requireNonNull(icons, "icons"));
  }

  /**
   * Creates a template with a name and a MIME type.
   *
   * @param uriTemplate the template
   * @param name the name
   * @param mimeType the type, or null
   * @return the template
   */
  public static ResourceTemplate of(String uriTemplate, String name, @Nullable String mimeType) {
    return new ResourceTemplate(uriTemplate, name, null, null, mimeType, List.of());
  }
}
