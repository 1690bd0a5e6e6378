package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of {@code tools/call}. A tool that fails in a way the model can act on returns a result
 * with {@code isError: true}; protocol failures are JSON-RPC errors instead.
 *
 * @param content the content blocks
 * @param structuredContent structured output matching the tool's output schema, or null
 * @param isError whether the call failed
 * @param meta the {@code _meta} object, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallToolResult(
    List<Content> content,
    @Nullable JsonNode structuredContent,
    @JsonProperty("isError") boolean isError,
    @JsonProperty("_meta") @Nullable ObjectNode meta) {

  /** Checks and copies.  */
  public CallToolResult {
    content = List.copyOf(Objects.requireNonNull(content, "content"));
  }

  /**
   * A successful result with one text block.
   *
   * @param text the text
   * @return the result
   */
  public static CallToolResult text(String text) {
    return new CallToolResult(List.of(TextContent.of(text)), null, false, null);
  }

  /**
   * A successful result with the given blocks.
   *
   * @param content the blocks
   * @return the result
   */
  public static CallToolResult of(List<? extends Content> content) {
    return new CallToolResult(List.copyOf(content), null, false, null);
  }

  /**
   * A successful result with the given blocks.
   *
   * @param content the blocks
   * @return the result
   */
  public static CallToolResult of(Content... content) {
    return new CallToolResult(List.of(content), null, false, null);
  }

  /**
   * A failed result with a message the model can read.
   *
   * @param message what went wrong
   * @return the result, with {@code isError: true}
   */
  public static CallToolResult error(String message) {
    return new CallToolResult(List.of(TextContent.of(message)), null, true, null);
  }
}
