package dev.switchboard.mcp.annotations.internal;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.switchboard.mcp.annotations.McpParam;
import dev.switchboard.mcp.schema.internal.JsonSchemaGenerator;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A method's parameters as arguments: how to bind each one, and the properties of the argument
 * object they describe. Everything that can be wrong with a parameter is found here, at registration.
 */
final class Signature {
  private final ParameterBinder[] binders;
  private final List<JsonSchemaGenerator.Property> properties;
  private final @Nullable Type wholeObject;

  private Signature(ParameterBinder[] binders, List<JsonSchemaGenerator.Property> properties, @Nullable Type wholeObject) {
    this.binders = binders;
    this.properties = properties;
    this.wholeObject = wholeObject;
  }

  /**
   * Reads a method's parameters.
   *
   * @param wholeObjectAllowed whether a single unannotated record parameter may stand for all arguments
   */
  static Signature of(Method method, String source, JsonMapper mapper, JsonSchemaGenerator schemas,
      boolean wholeObjectAllowed, Class<?> contextType) {
    Parameter[] parameters = method.getParameters();
    ParameterBinder[] binders = new ParameterBinder[parameters.length];
    List<JsonSchemaGenerator.Property> properties = new ArrayList<>();
    Type wholeObject = null;
    List<Parameter> valueParameters = new ArrayList<>();
    for (Parameter parameter : parameters) {
      if (parameter.getType() != contextType) {
        valueParameters.add(parameter);
      }
    }
    for (int i = 0; i < parameters.length; i++) {
      Parameter parameter = parameters[i];
      if (parameter.getType() == contextType) {
        binders[i] = ParameterBinder.CONTEXT;
      } else if (wholeObjectAllowed && valueParameters.size() == 1 && parameter.getType().isRecord()
          && parameter.getAnnotation(McpParam.class) == null) {
        wholeObject = parameter.getParameterizedType();
        binders[i] = ParameterBinder.whole(mapper.readerFor(mapper.constructType(wholeObject)));
      } else {
        JsonSchemaGenerator.Property property = property(parameter, source, schemas);
        properties.add(property);
        JavaType type = mapper.constructType(parameter.getParameterizedType());
        binders[i] = ParameterBinder.named(property.name(), mapper.readerFor(type), property.defaultValue(),
            parameter.getType());
      }
    }
    return new Signature(binders, List.copyOf(properties), wholeObject);
  }

  private static JsonSchemaGenerator.Property property(Parameter parameter, String source,
      JsonSchemaGenerator schemas) {
    McpParam annotation = parameter.getAnnotation(McpParam.class);
    String name = annotation != null && !annotation.name().isBlank() ? annotation.name() : null;
    if (name == null) {
      if (!parameter.isNamePresent()) {
        throw new IllegalArgumentException(source + ": parameter " + parameter.getName() + " has no name at run time;"
            + " compile with 'javac -parameters', or name it with @McpParam(name = \"...\")");
      }
      name = parameter.getName();
    }
    String description = McpParamHints.INSTANCE.description(parameter);
    if (description == null) {
      JsonPropertyDescription jackson = parameter.getAnnotation(JsonPropertyDescription.class);
      description = jackson == null ? null : jackson.value();
    }
    String defaultText = McpParamHints.INSTANCE.defaultValue(parameter);
    JsonNode defaultValue = defaultText == null ? null
        : schemas.defaultFor(defaultText, parameter.getParameterizedType(), "parameter '" + name + "'");
    boolean optional = JsonSchemaGenerator.isOptionalType(parameter.getParameterizedType())
        || JsonSchemaGenerator.isNullable(parameter) || defaultValue != null
        || (annotation != null && !annotation.required());
    if (optional && defaultValue == null && parameter.getType().isPrimitive()) {
      throw new IllegalArgumentException(source + ": optional parameter '" + name + "' is a primitive "
          + parameter.getType() + "; give it a defaultValue, or use a boxed or Optional type");
    }
    return new JsonSchemaGenerator.Property(name, parameter.getParameterizedType(), parameter, description, !optional,
        defaultValue);
  }

  /** The method's arguments for one call. */
  Object[] bind(ObjectNode arguments, Object context) {
    Object[] values = new Object[binders.length];
    for (int i = 0; i < binders.length; i++) {
      values[i] = binders[i].bind(arguments, context);
    }
    return values;
  }

  /** The method's arguments for one call whose arguments are all text: prompt arguments, URI variables. */
  Object[] bind(Map<String, String> arguments, Object context) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    arguments.forEach(json::put);
    return bind(json, context);
  }

  /** The named arguments, in parameter order. */
  List<JsonSchemaGenerator.Property> properties() {
    return properties;
  }

  /**
   * The JSON Schema of the arguments, with {@code x-mcp-header} on the arguments declared to travel
   * in a header too.
   *
   * @throws IllegalArgumentException when such an argument is not a string, number or boolean
   */
  ObjectNode inputSchema(JsonSchemaGenerator schemas, String source) {
    ObjectNode schema = wholeObject != null ? schemas.schemaFor(wholeObject, JsonSchemaGenerator.Direction.INPUT)
        : schemas.objectSchema(properties, JsonSchemaGenerator.Direction.INPUT);
    Map<String, String> headers = new LinkedHashMap<>();
    if (wholeObject instanceof Class<?> type && type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        McpParam param = component.getAnnotation(McpParam.class);
        if (param != null && !param.header().isBlank()) {
          headers.put(param.name().isBlank() ? component.getName() : param.name(), param.header());
        }
      }
    }
    for (JsonSchemaGenerator.Property property : properties) {
      McpParam param = property.element() == null ? null : property.element().getAnnotation(McpParam.class);
      if (param != null && !param.header().isBlank()) {
        headers.put(property.name(), param.header());
      }
    }
    headers.forEach((name, header) -> {
      JsonNode property = schema.path("properties").get(name);
      if (!(property instanceof ObjectNode object) || !isScalar(object.get("type"))) {
        throw new IllegalArgumentException(source + ": argument '" + name + "' cannot travel in header Mcp-Param-"
            + header + ": only strings, numbers and booleans can");
      }
      object.put("x-mcp-header", header);
    });
    return schema;
  }

  private static boolean isScalar(@Nullable JsonNode type) {
    if (type == null) {
      return false;
    }
    if (type.isArray()) {
      for (JsonNode each : type) {
        if (!"null".equals(each.asString("")) && !isScalar(each)) {
          return false;
        }
      }
      return true;
    }
    return switch (type.asString("")) {
      case "string", "number", "integer", "boolean" -> true;
      default -> false;
    };
  }
}
