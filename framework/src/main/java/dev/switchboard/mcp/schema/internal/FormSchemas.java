package dev.switchboard.mcp.schema.internal;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the schema of an elicitation form for {@link JsonSchemaGenerator#formSchema}: kept apart
 * because a form allows only the flat, restricted subset of JSON Schema the MCP spec defines there.
 */
final class FormSchemas {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final PropertyHints hints;
  private final SchemaGeneration generation;

  FormSchemas(PropertyHints hints, SchemaGeneration generation) {
    this.hints = hints;
    this.generation = generation;
  }

  /** The form schema of a record or bean, which the caller has checked it is. */
  ObjectNode form(JavaType javaType) {
    BeanDescription bean = generation.describe(javaType);
    ObjectNode properties = NODES.objectNode();
    ArrayNode required = NODES.arrayNode();
    for (BeanPropertyDefinition property : bean.findProperties()) {
      if (!property.couldDeserialize()) {
        continue;
      }
      List<AnnotatedElement> elements = generation.elements(javaType.getRawClass(), property);
      String where = "form " + javaType.getRawClass().getSimpleName() + " field '" + property.getName() + "'";
      ObjectNode schema = formField(property.getPrimaryType(), where);
      JsonNode defaultValue = annotate(schema, property, elements);
      properties.set(property.getName(), schema);
      boolean nullable = elements.stream().anyMatch(JsonSchemaGenerator::isNullable);
      if (SchemaGeneration.isRequired(nullable, defaultValue, property.getPrimaryType())) {
        required.add(property.getName());
      }
    }
    ObjectNode form = NODES.objectNode().put("type", "object");
    form.set("properties", properties);
    if (!required.isEmpty()) {
      form.set("required", required);
    }
    return form;
  }

  /** Adds a field's title, description and default to its schema; returns the default, or null. */
  private @Nullable JsonNode annotate(ObjectNode schema, BeanPropertyDefinition property,
      List<AnnotatedElement> elements) {
    String title = null;
    for (AnnotatedElement element : elements) {
      title = title != null ? title : hints.title(element);
    }
    if (title != null) {
      schema.put("title", title);
    }
    JsonNode defaultValue = generation.defaultValue(property, elements);
    SchemaGeneration.decorate(schema, generation.description(property, elements), defaultValue);
    return defaultValue;
  }

  private ObjectNode formField(JavaType type, String where) {
    Class<?> raw = type.getRawClass();
    if (raw == Optional.class) {
      return formField(type.containedTypeOrUnknown(0), where);
    }
    if (raw.isEnum()) {
      return formEnum(raw, false);
    }
    if ((type.isCollectionLikeType() || type.isArrayType()) && type.getContentType().getRawClass().isEnum()) {
      ObjectNode array = NODES.objectNode().put("type", "array");
      array.set("items", formEnum(type.getContentType().getRawClass(), true));
      return array;
    }
    ObjectNode scalar = ScalarSchemas.scalar(raw);
    if (scalar != null && fitsForm(scalar)) {
      return scalar;
    }
    throw new UnsupportedTypeException(where + ": an elicitation form holds only strings, numbers, booleans, dates,"
        + " URIs, enums and lists of enums, not " + type.toCanonical());
  }

  /**
   * Whether a form may hold a scalar: a number, integer or boolean, a plain string, or a string of
   * format date, date-time or uri; not a char's length bounds, a pattern, base64 or another format.
   */
  private static boolean fitsForm(ObjectNode scalar) {
    String kind = scalar.path("type").asString("");
    if (!kind.equals("string")) {
      return kind.equals("integer") || kind.equals("number") || kind.equals("boolean");
    }
    String format = scalar.path("format").asString("");
    return scalar.size() == 1
        || (scalar.size() == 2 && (format.equals("date") || format.equals("date-time") || format.equals("uri")));
  }

  /** An enum for a form: plain {@code enum}, or {@code oneOf}/{@code anyOf} of const and title when titled. */
  private ObjectNode formEnum(Class<?> raw, boolean multi) {
    ArrayNode names = NODES.arrayNode();
    ArrayNode titled = NODES.arrayNode();
    boolean anyTitle = false;
    for (Map.Entry<String, Field> constant : EnumConstants.of(raw).entrySet()) {
      String name = constant.getKey();
      Field field = constant.getValue();
      names.add(name);
      String title = hints.title(field);
      anyTitle |= title != null;
      titled.add(NODES.objectNode().put("const", name).put("title", title != null ? title : name));
    }
    if (!anyTitle) {
      ObjectNode plain = NODES.objectNode().put("type", "string");
      plain.set("enum", names);
      return plain;
    }
    if (multi) {
      ObjectNode items = NODES.objectNode();
      items.set("anyOf", titled);
      return items;
    }
    ObjectNode single = NODES.objectNode().put("type", "string");
    single.set("oneOf", titled);
    return single;
  }
}
