package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.switchboard.mcp.protocol.internal.Texts;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC request id: a string or a number, never null. The id is echoed back exactly as it
 * arrived (a numeric id stays numeric), and two ids are equal only when both kind and value match.
 */
public final class RequestId {
  /** The longest string id accepted. */
  public static final int MAX_LENGTH = 256;

  private final Object value;

  private RequestId(Object value) {
    this.value = value;
  }

  /**
   * Creates a string id.
   *
   * @param value the id
   * @return the id
   */
  public static RequestId of(String value) {
    return new RequestId(Objects.requireNonNull(value, "value"));
  }

  /**
   * Creates a numeric id.
   *
   * @param value the id
   * @return the id
   */
  public static RequestId of(long value) {
    return new RequestId(value);
  }

  /**
   * Reads an id from JSON.
   *
   * @param node the JSON value, possibly null
   * @return the id, or null when the node is neither a string of at most {@value #MAX_LENGTH} characters
   *     nor an integer a long holds
   */
  public static @Nullable RequestId fromJson(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isString()) {
      // Ids are echoed in every answer: one of a megabyte would be a megabyte per reply.
      return node.stringValue().length() <= MAX_LENGTH ? new RequestId(node.stringValue()) : null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return new RequestId(node.longValue());
    }
    // MCP ids are strings or integers; a fraction, or a number no long holds (1e400), is no id.
    return null;
  }

  /**
   * Returns whether the id is a JSON number.
   *
   * @return true for numeric ids
   */
  public boolean isNumeric() {
    return !(value instanceof String);
  }

  /**
   * Returns the id as it would be written to JSON: a {@link String}, {@link Long} or {@link BigDecimal}.
   *
   * @return the raw value
   */
  @JsonValue
  public Object value() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RequestId id && value.equals(id.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    // Logs show ids: a client's line breaks must not forge log lines.
    return value instanceof String s ? '"' + Texts.clip(s, MAX_LENGTH) + '"' : value.toString();
  }
}
