package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The contents of a resource: text, or a base64 blob. Exactly one of {@code text} and {@code blob} is set.
 *
 * @param uri the resource URI
 * @param mimeType the type, or null
 * @param text the text, or null for binary contents
 * @param blob the base64-encoded bytes, or null for text contents
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceContents(String uri, @Nullable String mimeType, @Nullable String text, @Nullable String blob) {
  /** Checks the invariants.  */
  public ResourceContents {
    Objects.requireNonNull(uri, "uri");
    if ((text == null) == (blob == null)) {
      throw new IllegalArgumentException("resource contents have exactly one of text and blob");
    }
  }

  /**
   * Creates text contents.
   *
   * @param uri the URI
   * @param mimeType the type, or null
   * @param text the text
   * @return the contents
   */
  public static ResourceContents text(String uri, @Nullable String mimeType, String text) {
    return new ResourceContents(uri, mimeType, Objects.requireNonNull(text, "text"), null);
  }

  /**
   * Creates binary contents.
   *
   * @param uri the URI
   * @param mimeType the type, or null
   * @param bytes the bytes, which are base64-encoded
   * @return the contents
   */
  public static ResourceContents blob(String uri, @Nullable String mimeType, byte[] bytes) {
    return new ResourceContents(uri, mimeType, null, Base64.getEncoder().encodeToString(bytes));
  }
}
