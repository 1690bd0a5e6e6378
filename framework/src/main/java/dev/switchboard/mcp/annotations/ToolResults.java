package dev.switchboard.mcp.annotations;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.StructuredResult;
import dev.switchboard.mcp.protocol.TextContent;
import dev.switchboard.mcp.schema.JsonSchemaGenerator;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.BaseStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns what a tool method returns into a {@link CallToolResult}, the way chosen by its return type. */
final class ToolResults {
  private static final CallToolResult EMPTY = CallToolResult.of(List.of());

  private ToolResults() {}

  /**
   * The type whose schema is the tool's output schema: the record or bean returned, or the {@code T}
   * of a {@link StructuredResult}; null when the result is not structured.
   */
  static @Nullable Type structuredType(Type type, JsonSchemaGenerator schemas) {
    if (raw(type) == StructuredResult.class) {
      Type value = elementType(type);
      if (!schemas.isObjectType(value)) {
        throw new IllegalArgumentException("StructuredResult needs a record or bean type argument, not "
            + value.getTypeName());
      }
      return value;
    }
    // The protocol's own records (CallToolResult, content blocks) are results, not structured data.
    boolean protocol = raw(type).getPackageName().equals(CallToolResult.class.getPackageName());
    return !protocol && schemas.isObjectType(type) ? type : null;
  }

  /**
   * How a tool method's results become a {@link CallToolResult}.
   *
   * @param structured whether {@link #structuredType} found a structured type for {@code type}; the
   *     caller has already worked that out for the output schema
   */
  static Function<@Nullable Object, CallToolResult> converter(Type type, boolean structured, String source,
      JsonMapper mapper) {
    Class<?> raw = raw(type);
    if (raw == void.class || raw == Void.class) {
      return value -> EMPTY;
    }
    if (raw == CallToolResult.class) {
      return value -> value == null ? EMPTY : (CallToolResult) value;
    }
    if (CharSequence.class.isAssignableFrom(raw)) {
      return value -> value == null ? EMPTY : CallToolResult.text(value.toString());
    }
    if (raw == StructuredResult.class) {
      return structuredResult(mapper);
    }
    if (Content.class.isAssignableFrom(raw)) {
      return value -> value == null ? EMPTY : CallToolResult.of((Content) value);
    }
    if (Collection.class.isAssignableFrom(raw) && Content.class.isAssignableFrom(raw(elementType(type)))) {
      return value -> value == null ? EMPTY : CallToolResult.of(List.copyOf(contents(value)));
    }
    if (Optional.class.isAssignableFrom(raw) || Future.class.isAssignableFrom(raw)
        || CompletionStage.class.isAssignableFrom(raw) || BaseStream.class.isAssignableFrom(raw)) {
      throw new IllegalArgumentException(source + ": return type " + type.getTypeName() + " is not supported;"
          + " return the value itself (handlers may block), or null for no content");
    }
    if (structured) {
      return structured(mapper);
    }
    if (raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw == Character.class
        || raw.isEnum()) {
      return value -> value == null ? EMPTY : CallToolResult.text(String.valueOf(value));
    }
    return value -> value == null ? EMPTY : CallToolResult.text(mapper.writeValueAsString(value));
  }

  /** A {@link StructuredResult}: its own text, and its value as structured content. */
  private static Function<@Nullable Object, CallToolResult> structuredResult(JsonMapper mapper) {
    return value -> {
      if (value == null) {
        return EMPTY;
      }
      StructuredResult<?> result = (StructuredResult<?>) value;
      return new CallToolResult(List.of(TextContent.of(result.text())), mapper.valueToTree(result.value()), false,
          null);
    };
  }

  /** A record or bean: structured content, and the same JSON as text for clients that read only text. */
  private static Function<@Nullable Object, CallToolResult> structured(JsonMapper mapper) {
    return value -> {
      if (value == null) {
        return EMPTY;
      }
      JsonNode json = mapper.valueToTree(value);
      return new CallToolResult(List.of(TextContent.of(json.toString())), json, false, null);
    };
  }

  @SuppressWarnings("unchecked")
  private static Collection<Content> contents(Object value) {
    return (Collection<Content>) value;
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof java.lang.reflect.WildcardType w && w.getUpperBounds().length == 1) {
      return raw(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  static Type elementType(Type type) {
    return type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
        ? p.getActualTypeArguments()[0] : Object.class;
  }
}
