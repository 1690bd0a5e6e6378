package dev.switchboard.mcp.schema.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of JDK types that map to a single JSON value, and their {@code format}s; shared by the
 * general generator and the elicitation-form builder, which allow different subsets of them.
 */
final class ScalarSchemas {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String LOCAL_DATE_TIME_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$";

  private ScalarSchemas() {}

  /** The schema of a type that maps to a single JSON value, or null. */
  static @Nullable ObjectNode scalar(Class<?> raw) {
    ObjectNode schema = NODES.objectNode();
    if (raw == boolean.class || raw == Boolean.class) {
      return schema.put("type", "boolean");
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class || raw == short.class
        || raw == Short.class || raw == byte.class || raw == Byte.class || raw == BigInteger.class
        || raw == OptionalInt.class || raw == OptionalLong.class) {
      return schema.put("type", "integer");
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
        || raw == BigDecimal.class || raw == OptionalDouble.class) {
      return schema.put("type", "number");
    }
    if (raw == char.class || raw == Character.class) {
      return schema.put("type", "string").put("minLength", 1).put("maxLength", 1);
    }
    if (raw == String.class || raw == CharSequence.class) {
      return schema.put("type", "string");
    }
    String format = format(raw);
    if (format != null) {
      return schema.put("type", "string").put("format", format);
    }
    if (raw == LocalDateTime.class) {
      return schema.put("type", "string").put("pattern", LOCAL_DATE_TIME_PATTERN);
    }
    if (raw == byte[].class) {
      return schema.put("type", "string").put("contentEncoding", "base64");
    }
    return null;
  }

  /** The {@code format} of a JDK type written as a string, or null. */
  static @Nullable String format(Class<?> raw) {
    if (raw == UUID.class) {
      return "uuid";
    }
    if (raw == URI.class || raw == URL.class) {
      return "uri";
    }
    if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
      return "date-time";
    }
    if (raw == LocalDate.class) {
      return "date";
    }
    if (raw == LocalTime.class || raw == OffsetTime.class) {
      return "time";
    }
    if (raw == Duration.class || raw == Period.class) {
      return "duration";
    }
    return null;
  }

  /** Parses a default given as text: JSON for non-string types, the text itself for strings. */
  static JsonNode parseDefault(JsonMapper mapper, String text, JavaType type, String where) {
    Class<?> raw = type.getRawClass();
    JsonNode value;
    if (raw == String.class || raw.isEnum() || format(raw) != null || raw == char.class || raw == Character.class) {
      value = NODES.stringNode(text);
    } else {
      try {
        value = mapper.readTree(text);
      } catch (JacksonException e) {
        value = NODES.stringNode(text);
      }
    }
    // A default the type cannot hold would be advertised in the schema, then fail every call that omits it.
    try {
      mapper.readerFor(type).readValue(value);
    } catch (JacksonException e) {
      throw new UnsupportedTypeException(where + ": defaultValue \"" + text + "\" is not a valid "
          + type.getRawClass().getSimpleName() + " (" + e.getOriginalMessage() + "); write a value of that type,"
          + " as JSON for numbers, booleans, lists and objects (for example defaultValue = \"10\")");
    }
    return value;
  }
}
