package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image, base64-encoded.
 *
 * @param data the base64-encoded bytes
 * @param mimeType the image type, for example {@code image/png}
 * @param annotations hints for the client, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageContent(String data, String mimeType, @Nullable Annotations annotations) implements Content {
  /** Checks the invariants.  */
  public ImageContent {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(mimeType, "mimeType");
  }

  /**
   * Creates image content from raw bytes.
   *
   * @param bytes the image bytes
   * @param mimeType the image type
   * @return the content
   */
  public static ImageContent of(byte[] bytes, String mimeType) {
    return new ImageContent(Base64.getEncoder().encodeToString(bytes), mimeType, null);
  }
}
