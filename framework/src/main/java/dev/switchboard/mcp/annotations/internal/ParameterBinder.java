package dev.switchboard.mcp.annotations.internal;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/** Produces one method argument from a call's arguments, prepared at registration. */
interface ParameterBinder {
  @Nullable Object bind(ObjectNode arguments, Object context);

  /** Injects the request's context. */
  ParameterBinder CONTEXT = (arguments, context) -> context;

  /** Binds the whole argument object to one type (a record standing for all arguments). */
  static ParameterBinder whole(ObjectReader reader) {
    return (arguments, context) -> {
      try {
        return reader.readValue(arguments);
      } catch (JacksonException e) {
        throw new IllegalArgumentException("arguments do not match: " + e.getOriginalMessage(), e);
      }
    };
  }

  /** Binds one named argument, with its default or its empty value when missing. */
  static ParameterBinder named(String name, ObjectReader reader, @Nullable JsonNode defaultValue, Class<?> raw) {
    Object absent = absentValue(raw);
    return (arguments, context) -> {
      JsonNode node = arguments.get(name);
      if (node == null || node.isNull()) {
        if (defaultValue == null) {
          return absent;
        }
        node = defaultValue;
      }
      try {
        return reader.readValue(node);
      } catch (JacksonException e) {
        throw new IllegalArgumentException("argument '" + name + "': " + e.getOriginalMessage(), e);
      }
    };
  }

  private static @Nullable Object absentValue(Class<?> raw) {
    if (raw == Optional.class) {
      return Optional.empty();
    }
    if (raw == OptionalInt.class) {
      return OptionalInt.empty();
    }
    if (raw == OptionalLong.class) {
      return OptionalLong.empty();
    }
    if (raw == OptionalDouble.class) {
      return OptionalDouble.empty();
    }
    return null;
  }
}
