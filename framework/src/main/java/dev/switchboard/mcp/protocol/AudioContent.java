package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Audio, base64-encoded (MCP 2025-03-26 and later).
 *
 * @param data the base64-encoded bytes
 * @param mimeType the audio type, for example {@code audio/wav}
 * @param annotations hints for the client, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AudioContent(String data, String mimeType, @Nullable Annotations annotations) implements Content {
  /** Checks the invariants.  */
  public AudioContent {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(mimeType, "mimeType");
  }

  /**
   * Creates audio content from raw bytes.
   *
   * @param bytes the audio bytes
   * @param mimeType the audio type
   * @return the content
   */
  public static AudioContent of(byte[] bytes, String mimeType) {
    return new AudioContent(Base64.getEncoder().encodeToString(bytes), mimeType, null);
  }
}
