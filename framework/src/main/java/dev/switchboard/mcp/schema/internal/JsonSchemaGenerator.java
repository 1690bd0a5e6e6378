package dev.switchboard.mcp.schema.internal;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates JSON Schema (2020-12) from Java types, with properties exactly as Jackson binds them.
 *
 * <p>Covered: primitives and their boxes, strings, enums (with descriptions), {@code BigDecimal} and
 * {@code BigInteger}, {@code java.time} types, {@code UUID}, {@code URI}, arrays and collections,
 * {@code Map<String, T>}, records and Jackson-visible classes, {@code Optional}, nullable
 * properties, descriptions and defaults. A class used once is inlined; one used more than once, or
 * recursively, is defined once under {@code $defs} at the root and referenced. Anything else is
 * refused with an {@link UnsupportedTypeException} that names the type, so a server fails at build
 * time rather than on a call. Immutable and thread-safe.
 */
public final class JsonSchemaGenerator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonMapper mapper;
  private final PropertyHints hints;

  /**
   * Creates a generator.
   *
   * @param mapper the mapper whose view of types the schemas describe
   * @param hints extra descriptions and defaults from the caller's annotations
   */
  public JsonSchemaGenerator(JsonMapper mapper, PropertyHints hints) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.hints = Objects.requireNonNull(hints, "hints");
  }

  /**
   * Which way values travel: input schemas follow how Jackson reads a type, output schemas how it
   * writes one.
   */
  public enum Direction {
    /** Values the client sends, bound by Jackson. */
    INPUT,
    /** Values the server returns, written by Jackson. */
    OUTPUT
  }

  /**
   * One named property of an object schema built from parts, such as a method's parameters.
   *
   * @param name the property name
   * @param type its Java type
   * @param element where it was declared (for nullability and hints), or null
   * @param description a description, or null
   * @param required whether the property must be present
   * @param defaultValue the default, or null
   */
  public record Property(String name, Type type, @Nullable AnnotatedElement element, @Nullable String description,
      boolean required, @Nullable JsonNode defaultValue) {
    /** Checks the invariants. */
    public Property {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * Builds the schema of an object whose properties are given one by one, for example a tool's
   * arguments. With no properties it is {@code {"type":"object","additionalProperties":false}}.
   *
   * @param properties the properties, in order
   * @param direction whether the object is read or written
   * @return the root schema, with any {@code $defs} it needs
   * @throws UnsupportedTypeException when a property's type has no schema
   */
  public ObjectNode objectSchema(List<Property> properties, Direction direction) {
    SchemaGeneration generation = new SchemaGeneration(mapper, hints, direction, null);
    ObjectNode root = NODES.objectNode();
    root.put("type", "object");
    ObjectNode props = NODES.objectNode();
    ArrayNode required = NODES.arrayNode();
    for (Property property : properties) {
      JavaType type = mapper.constructType(property.type());
      boolean nullable = property.element() != null && isNullable(property.element());
      ObjectNode schema = generation.property(type, nullable, property.description(), property.defaultValue(),
          "property '" + property.name() + "'");
      props.set(property.name(), schema);
      if (property.required()) {
        required.add(property.name());
      }
    }
    if (!properties.isEmpty()) {
      root.set("properties", props);
    }
    if (!required.isEmpty()) {
      root.set("required", required);
    }
    root.put("additionalProperties", false);
    generation.finish(root);
    return root;
  }

  /**
   * Builds the schema of a type.
   *
   * @param type the type
   * @param direction whether values of it are read or written
   * @return the root schema, with any {@code $defs} it needs
   * @throws UnsupportedTypeException when the type has no schema
   */
  public ObjectNode schemaFor(Type type, Direction direction) {
    JavaType javaType = mapper.constructType(Objects.requireNonNull(type, "type"));
    JavaType rootType = SchemaGeneration.isBean(javaType) ? javaType : null;
    SchemaGeneration generation = new SchemaGeneration(mapper, hints, direction, rootType);
    ObjectNode root = generation.schema(javaType, "type " + javaType.toCanonical());
    generation.finish(root);
    return root;
  }

  /**
   * Builds the schema of an elicitation form from a flat record or bean: the restricted schema the
   * MCP spec allows there, with strings (dates, date-times and URIs get a {@code format}), integers,
   * numbers, booleans, enums (with {@code oneOf} and titles when their constants have titles), and
   * lists or sets of enums (multi-select). Titles, descriptions and defaults come from the hints and
   * Jackson's annotations.
   *
   * @param type the form's type
   * @return the form schema
   * @throws UnsupportedTypeException for nested objects and other types a form cannot hold
   */
  public ObjectNode formSchema(Type type) {
    JavaType javaType = mapper.constructType(Objects.requireNonNull(type, "type"));
    if (!SchemaGeneration.isBean(javaType)) {
      throw new UnsupportedTypeException("an elicitation form is a record or bean, not " + javaType.toCanonical());
    }
    return new FormSchemas(hints, new SchemaGeneration(mapper, hints, Direction.INPUT, null)).form(javaType);
  }

  /**
   * Returns whether a type's schema is an object with named properties (a record or a Jackson bean),
   * which is what a structured tool result must be.
   *
   * @param type the type
   * @return true for records and beans
   */
  public boolean isObjectType(Type type) {
    return SchemaGeneration.isBean(mapper.constructType(type));
  }

  /**
   * Returns whether a type says by itself that a value may be absent: {@code Optional},
   * {@code OptionalInt}, {@code OptionalLong}, {@code OptionalDouble}.
   *
   * @param type the type
   * @return true for the optional wrappers
   */
  public static boolean isOptionalType(Type type) {
    Class<?> raw = type instanceof Class<?> c ? c
        : type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
    return raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class;
  }

  /**
   * Returns whether an element is marked nullable, by any annotation named {@code Nullable}
   * (JSpecify, Jakarta, JetBrains and others), on the declaration or its type.
   *
   * @param element a parameter, record component, field or method
   * @return true when marked nullable
   */
  public static boolean isNullable(AnnotatedElement element) {
    return Nullness.isMarkedNullable(Objects.requireNonNull(element, "element"));
  }

  /**
   * Parses a default value for a property of a given type.
   *
   * @param text the default as written in an annotation
   * @param type the property's type
   * @param where the property, for the message when the default does not fit its type
   * @return the default as JSON
   * @throws UnsupportedTypeException when the default is not a value of the type
   */
  public JsonNode defaultFor(String text, Type type, String where) {
    return ScalarSchemas.parseDefault(mapper, Objects.requireNonNull(text, "text"), mapper.constructType(type), where);
  }

  /**
   * Returns the JSON types a Java type's values take (for example {@code ["string"]}), or an empty
   * collection when it is not a single scalar type.
   *
   * @param type the type
   * @return the JSON type names
   */
  public Collection<String> jsonTypes(Type type) {
    ObjectNode scalar = ScalarSchemas.scalar(mapper.constructType(type).getRawClass());
    return scalar == null ? List.of() : List.of(scalar.get("type").asString());
  }
}
