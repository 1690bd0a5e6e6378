package dev.switchboard.mcp.protocol;

import java.util.Objects;

/**
 * A tool result with structured content and a text rendering of your own, for example rows as data
 * and as a table. Returned from an {@code @McpTool} method, {@code value} becomes
 * {@code structuredContent} (with an output schema generated from {@code T}) and {@code text} the text
 * block, where a plain record would repeat its JSON.
 *
 * @param value the structured value: a record or bean
 * @param text what a person, or a model without structured output, reads
 * @param <T> the value's type
 */
public record StructuredResult<T>(T value, String text) {
  /** Checks the invariants. */
  public StructuredResult {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(text, "text");
  }
}
