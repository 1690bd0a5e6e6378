package dev.switchboard.mcp.annotations.internal;

import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.GetPromptResult;
import dev.switchboard.mcp.protocol.PromptMessage;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.schema.internal.JsonSchemaGenerator;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Turns what resource, prompt and completion methods return into results, chosen by return type. */
final class Results {
  private Results() {}

  static BiFunction<String, @Nullable Object, ReadResourceResult> resource(Type type, @Nullable String mimeType,
      String source, JsonMapper mapper, JsonSchemaGenerator schemas) {
    Class<?> raw = ToolResults.raw(type);
    if (raw == ReadResourceResult.class) {
      return (uri, value) -> required(value, source, ReadResourceResult.class);
    }
    if (raw == ResourceContents.class) {
      return (uri, value) -> ReadResourceResult.of(required(value, source, ResourceContents.class));
    }
    if (Collection.class.isAssignableFrom(raw) && ToolResults.raw(ToolResults.elementType(type)) == ResourceContents.class) {
      return (uri, value) -> new ReadResourceResult(List.copyOf(elements(required(value, source, Collection.class))));
    }
    if (CharSequence.class.isAssignableFrom(raw)) {
      String mime = mimeType != null ? mimeType : "text/plain";
      return (uri, value) -> ReadResourceResult.of(ResourceContents.text(uri, mime,
          required(value, source, CharSequence.class).toString()));
    }
    if (raw == byte[].class) {
      String mime = mimeType != null ? mimeType : "application/octet-stream";
      return (uri, value) -> ReadResourceResult.of(ResourceContents.blob(uri, mime, required(value, source, byte[].class)));
    }
    if (schemas.isObjectType(type) || Collection.class.isAssignableFrom(raw)) {
      String mime = mimeType != null ? mimeType : "application/json";
      return (uri, value) -> ReadResourceResult.of(ResourceContents.text(uri, mime,
          mapper.writeValueAsString(required(value, source, Object.class))));
    }
    throw new IllegalArgumentException(source + ": a resource method returns String, byte[], ResourceContents, a list"
        + " of them, ReadResourceResult, or a record; not " + type.getTypeName());
  }

  static Function<@Nullable Object, GetPromptResult> prompt(Type type, String source) {
    Class<?> raw = ToolResults.raw(type);
    if (raw == GetPromptResult.class) {
      return value -> required(value, source, GetPromptResult.class);
    }
    if (raw == PromptMessage.class) {
      return value -> GetPromptResult.of(required(value, source, PromptMessage.class));
    }
    if (Collection.class.isAssignableFrom(raw) && ToolResults.raw(ToolResults.elementType(type)) == PromptMessage.class) {
      return value -> new GetPromptResult(null, List.copyOf(elements(required(value, source, Collection.class))));
    }
    if (CharSequence.class.isAssignableFrom(raw)) {
      return value -> GetPromptResult.of(PromptMessage.user(required(value, source, CharSequence.class).toString()));
    }
    throw new IllegalArgumentException(source + ": a prompt method returns String, PromptMessage, a list of them,"
        + " or GetPromptResult; not " + type.getTypeName());
  }

  static Function<@Nullable Object, Completion> completion(Type type, String source) {
    Class<?> raw = ToolResults.raw(type);
    if (raw == Completion.class) {
      return value -> value == null ? Completion.empty() : (Completion) value;
    }
    if (Collection.class.isAssignableFrom(raw) && ToolResults.raw(ToolResults.elementType(type)) == String.class) {
      return value -> value == null ? Completion.empty() : Completion.of(List.copyOf(strings(value)));
    }
    throw new IllegalArgumentException(source + ": a completion method returns List<String> or Completion; not "
        + type.getTypeName());
  }

  private static <T> T required(@Nullable Object value, String source, Class<T> type) {
    if (value == null) {
      throw new IllegalStateException(source + " returned null");
    }
    return type.cast(value);
  }

  @SuppressWarnings("unchecked")
  private static <T> Collection<T> elements(Collection<?> values) {
    return (Collection<T>) values;
  }

  @SuppressWarnings("unchecked")
  private static Collection<String> strings(Object values) {
    return (Collection<String>) values;
  }
}
