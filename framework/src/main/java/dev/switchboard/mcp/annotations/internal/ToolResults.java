package dev.switchboard.mcp.annotations.internal;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.StructuredResult;
import dev.switchboard.mcp.protocol.TextContent;
import dev.switchboard.mcp.schema.internal.JsonSchemaGenerator;
import dev.switchboard.mcp.schema.internal.UnsupportedTypeException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.BaseStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns what a tool method returns into a {@link CallToolResult}, the way chosen by its return type. */
final class ToolResults {
  private static final Logger LOG = LoggerFactory.getLogger(ToolResults.class);
  private static final CallToolResult EMPTY = CallToolResult.of(List.of());
  /** The property that holds a result which is not itself an object, as other SDKs name it too. */
  static final String WRAPPER = "result";

  private ToolResults() {}

  /**
   * A tool's structured output: the Java type returned, whether its JSON is wrapped in an object
   * under {@value #WRAPPER} (structured content must be an object), and the output schema.
   */
  record Output(Type type, boolean wrapped, ObjectNode schema) {}

  /**
   * The structured output of a return type: a record, bean or map as it is; a collection, array,
   * number, boolean, enum or other scalar wrapped in {@code {"result": ...}}; the {@code T} of a
   * {@link StructuredResult} the same way. Null when the result is text only: strings, content
   * blocks, {@link CallToolResult}, {@code void}, or a value without a schema ({@code Object},
   * {@code JsonNode}, a container whose elements have none).
   */
  static @Nullable Output output(Type type, JsonSchemaGenerator schemas) {
    Type value = raw(type) == StructuredResult.class ? elementType(type) : type;
    Class<?> raw = raw(value);
    // The protocol's own records (CallToolResult, content blocks) are results, not structured data.
    if (raw.getPackageName().equals(CallToolResult.class.getPackageName()) || raw == void.class || raw == Void.class
        || CharSequence.class.isAssignableFrom(raw) || raw == byte[].class || raw == Object.class
        || JsonNode.class.isAssignableFrom(raw) || isUnsupportedWrapper(raw)
        || (Collection.class.isAssignableFrom(raw) && Content.class.isAssignableFrom(raw(elementType(value))))) {
      if (value != type) {
        throw new IllegalArgumentException("StructuredResult needs a type with a JSON Schema (a record, bean, map,"
            + " collection or scalar), not " + value.getTypeName());
      }
      return null;
    }
    if (schemas.isObjectType(value)) {
      return new Output(value, false, schemas.schemaFor(value, JsonSchemaGenerator.Direction.OUTPUT));
    }
    boolean container = Map.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw) || raw.isArray();
    if (!container && !raw.isEnum() && schemas.jsonTypes(value).isEmpty() && raw != char.class
        && raw != Character.class) {
      return null;
    }
    try {
      if (Map.class.isAssignableFrom(raw)) {
        return new Output(value, false, schemas.schemaFor(value, JsonSchemaGenerator.Direction.OUTPUT));
      }
      ObjectNode schema = schemas.objectSchema(
          List.of(new JsonSchemaGenerator.Property(WRAPPER, value, null, null, true, null)),
          JsonSchemaGenerator.Direction.OUTPUT);
      return new Output(value, true, schema);
    } catch (UnsupportedTypeException e) {
      // A container of something without a schema (an Object, a map with other keys) stays text, as before.
      return null;
    }
  }

  private static boolean isUnsupportedWrapper(Class<?> raw) {
    return Optional.class.isAssignableFrom(raw) || Future.class.isAssignableFrom(raw)
        || CompletionStage.class.isAssignableFrom(raw) || BaseStream.class.isAssignableFrom(raw);
  }

  /**
   * How a tool method's results become a {@link CallToolResult}.
   *
   * @param output the structured output {@link #output} found for {@code type}, or null; the caller
   *     has already worked it out for the output schema
   */
  static Function<@Nullable Object, CallToolResult> converter(Type type, @Nullable Output output, String source,
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
      return structuredResult(Objects.requireNonNull(output), source, mapper);
    }
    if (Content.class.isAssignableFrom(raw)) {
      return value -> value == null ? EMPTY : CallToolResult.of((Content) value);
    }
    if (Collection.class.isAssignableFrom(raw) && Content.class.isAssignableFrom(raw(elementType(type)))) {
      return value -> value == null ? EMPTY : CallToolResult.of(List.copyOf(contents(value)));
    }
    if (isUnsupportedWrapper(raw)) {
      throw new IllegalArgumentException(source + ": return type " + type.getTypeName() + " is not supported;"
          + " return the value itself (handlers may block), or null for no content");
    }
    if (output != null) {
      return structured(output, source, mapper);
    }
    return value -> value == null ? EMPTY : CallToolResult.text(mapper.writeValueAsString(value));
  }

  /** A {@link StructuredResult}: its own text, and its value as structured content. */
  private static Function<@Nullable Object, CallToolResult> structuredResult(Output output, String source,
      JsonMapper mapper) {
    return value -> {
      if (value == null) {
        return returnedNull(source);
      }
      StructuredResult<?> result = (StructuredResult<?>) value;
      return new CallToolResult(List.of(TextContent.of(result.text())),
          structuredContent(output, mapper.valueToTree(result.value())), false, null);
    };
  }

  /** A value with a schema: structured content, and the same JSON as text for clients that read only text. */
  private static Function<@Nullable Object, CallToolResult> structured(Output output, String source,
      JsonMapper mapper) {
    return value -> {
      if (value == null) {
        return returnedNull(source);
      }
      JsonNode json = mapper.valueToTree(value);
      String text = json.isString() ? json.stringValue() : json.toString();
      return new CallToolResult(List.of(TextContent.of(text)), structuredContent(output, json), false, null);
    };
  }

  private static JsonNode structuredContent(Output output, JsonNode json) {
    if (!output.wrapped()) {
      return json;
    }
    ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
    wrapper.set(WRAPPER, json);
    return wrapper;
  }

  /**
   * A tool with an output schema must return structured content (clients refuse a result without it),
   * so a null is a failed call, and a bug worth a warning.
   */
  private static CallToolResult returnedNull(String source) {
    LOG.warn("{} returned null, but a tool with an output schema must return a value; the client gets a tool error",
        source);
    return CallToolResult.error("The tool returned no result, although it declares structured output");
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
    if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
      return raw(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  static Type elementType(Type type) {
    return type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
        ? p.getActualTypeArguments()[0] : Object.class;
  }
}
