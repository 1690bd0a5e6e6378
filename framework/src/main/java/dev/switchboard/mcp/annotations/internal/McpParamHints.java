package dev.switchboard.mcp.annotations.internal;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.switchboard.mcp.annotations.McpParam;
import dev.switchboard.mcp.schema.internal.PropertyHints;
import java.lang.reflect.AnnotatedElement;
import org.jspecify.annotations.Nullable;

/** Reads {@code @McpParam} (and Jackson's description) for the schema generator. */
final class McpParamHints implements PropertyHints {
  static final McpParamHints INSTANCE = new McpParamHints();

  private McpParamHints() {}

  @Override
  public @Nullable String description(AnnotatedElement element) {
    McpParam param = element.getAnnotation(McpParam.class);
    if (param != null && !param.description().isBlank()) {
      return param.description();
    }
    JsonPropertyDescription jackson = element.getAnnotation(JsonPropertyDescription.class);
    return jackson == null || jackson.value().isBlank() ? null : jackson.value();
  }

  @Override
  public @Nullable String title(AnnotatedElement element) {
    McpParam param = element.getAnnotation(McpParam.class);
    return param == null || param.title().isBlank() ? null : param.title();
  }

  @Override
  public @Nullable String defaultValue(AnnotatedElement element) {
    McpParam param = element.getAnnotation(McpParam.class);
    return param == null || McpParam.NO_DEFAULT.equals(param.defaultValue()) ? null : param.defaultValue();
  }
}
