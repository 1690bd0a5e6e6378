package dev.switchboard.mcp.schema;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyMetadata;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
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
  private static final String LOCAL_DATE_TIME_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$";

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
    Generation generation = new Generation(direction, null);
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
    Generation generation = new Generation(direction, isBean(javaType) ? javaType : null);
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
    if (!isBean(javaType)) {
      throw new UnsupportedTypeException("an elicitation form is a record or bean, not " + javaType.toCanonical());
    }
    Generation generation = new Generation(Direction.INPUT, null);
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
      String title = null;
      for (AnnotatedElement element : elements) {
        title = title != null ? title : hints.title(element);
      }
      if (title != null) {
        schema.put("title", title);
      }
      String description = generation.description(property, elements);
      if (description != null && !description.isBlank()) {
        schema.put("description", description);
      }
      JsonNode defaultValue = generation.defaultValue(property, elements);
      if (defaultValue != null) {
        schema.set("default", defaultValue);
      }
      properties.set(property.getName(), schema);
      boolean nullable = elements.stream().anyMatch(JsonSchemaGenerator::isNullable);
      if (!nullable && defaultValue == null && !isOptionalType(property.getPrimaryType().getRawClass())) {
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

  private ObjectNode formField(JavaType type, String where) {
    Class<?> raw = type.getRawClass();
    if (raw == java.util.Optional.class) {
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
    ObjectNode scalar = scalar(raw);
    String kind = scalar == null ? "" : scalar.path("type").asString("");
    if (scalar != null && (kind.equals("integer") || kind.equals("number") || kind.equals("boolean"))) {
      return scalar;
    }
    if (raw == String.class || raw == CharSequence.class) {
      return NODES.objectNode().put("type", "string");
    }
    String format = format(raw);
    if (format != null && (format.equals("date") || format.equals("date-time") || format.equals("uri"))) {
      return NODES.objectNode().put("type", "string").put("format", format);
    }
    throw new UnsupportedTypeException(where + ": an elicitation form holds only strings, numbers, booleans, dates,"
        + " URIs, enums and lists of enums, not " + type.toCanonical());
  }

  /** An enum for a form: plain {@code enum}, or {@code oneOf}/{@code anyOf} of const and title when titled. */
  private ObjectNode formEnum(Class<?> raw, boolean multi) {
    ArrayNode names = NODES.arrayNode();
    ArrayNode titled = NODES.arrayNode();
    boolean anyTitle = false;
    for (Field field : raw.getFields()) {
      if (!field.isEnumConstant()) {
        continue;
      }
      JsonProperty renamed = field.getAnnotation(JsonProperty.class);
      String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName();
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

  /**
   * Returns whether a type's schema is an object with named properties (a record or a Jackson bean),
   * which is what a structured tool result must be.
   *
   * @param type the type
   * @return true for records and beans
   */
  public boolean isObjectType(Type type) {
    return isBean(mapper.constructType(type));
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
        : type instanceof java.lang.reflect.ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
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
    if (hasNullable(element.getAnnotations())) {
      return true;
    }
    AnnotatedType type = null;
    if (element instanceof Parameter parameter) {
      type = parameter.getAnnotatedType();
    } else if (element instanceof RecordComponent component) {
      type = component.getAnnotatedType();
    } else if (element instanceof Field field) {
      type = field.getAnnotatedType();
    } else if (element instanceof Method method) {
      type = method.getAnnotatedReturnType();
    }
    return type != null && hasNullable(type.getAnnotations());
  }

  private static boolean hasNullable(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }

  private boolean isBean(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw.isRecord()) {
      return true;
    }
    return !type.isContainerType() && !type.isEnumType() && !type.isPrimitive() && !type.isArrayType()
        && scalar(raw) == null && !raw.isInterface() && !java.lang.reflect.Modifier.isAbstract(raw.getModifiers())
        && raw != Object.class && !raw.getName().startsWith("java.") && !JsonNode.class.isAssignableFrom(raw)
        && !isOptionalType(raw);
  }

  /** The schema of a type that maps to a single JSON value, or null. */
  private static @Nullable ObjectNode scalar(Class<?> raw) {
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

  private static @Nullable String format(Class<?> raw) {
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

  /** A class that gets its own schema, and the places that refer to it. */
  private static final class Definition {
    final String name;
    final List<ObjectNode> references = new ArrayList<>();
    @Nullable ObjectNode body;
    boolean recursive;

    Definition(String name) {
      this.name = name;
    }
  }

  /** The state of one root schema being generated. */
  private final class Generation {
    private final Direction direction;
    private final @Nullable JavaType rootType;
    private final Map<JavaType, Definition> definitions = new java.util.LinkedHashMap<>();
    private final Set<String> names = new java.util.HashSet<>();
    private final java.util.ArrayDeque<JavaType> inProgress = new java.util.ArrayDeque<>();

    Generation(Direction direction, @Nullable JavaType rootType) {
      this.direction = direction;
      this.rootType = rootType;
    }

    /** A property's schema, with its nullability, description and default. */
    ObjectNode property(JavaType type, boolean nullable, @Nullable String description, @Nullable JsonNode defaultValue,
        String where) {
      boolean optional = isOptionalType(type.getRawClass());
      ObjectNode schema = schema(type, where);
      if (nullable || optional) {
        schema = allowNull(schema);
      }
      if (description != null && !description.isBlank()) {
        schema.put("description", description);
      }
      if (defaultValue != null) {
        schema.set("default", defaultValue);
      }
      return schema;
    }

    ObjectNode schema(JavaType type, String where) {
      Class<?> raw = type.getRawClass();
      ObjectNode scalar = scalar(raw);
      if (scalar != null) {
        return scalar;
      }
      if (raw == Optional.class) {
        return schema(type.containedTypeOrUnknown(0), where);
      }
      if (raw.isEnum()) {
        return enumSchema(raw);
      }
      if (type.isArrayType() || type.isCollectionLikeType()) {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.set("items", schema(type.getContentType(), where + " items"));
        if (Set.class.isAssignableFrom(raw)) {
          array.put("uniqueItems", true);
        }
        return array;
      }
      if (type.isMapLikeType()) {
        return mapSchema(type, where);
      }
      if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
        return raw == tools.jackson.databind.node.ObjectNode.class ? NODES.objectNode().put("type", "object")
            : NODES.objectNode();
      }
      if (isBean(type)) {
        return reference(type, where);
      }
      throw new UnsupportedTypeException(where + ": " + type.toCanonical()
          + " has no JSON Schema here; use a record, a class Jackson can bind, or a supported JDK type");
    }

    private ObjectNode mapSchema(JavaType type, String where) {
      JavaType key = type.getKeyType();
      ObjectNode map = NODES.objectNode().put("type", "object");
      if (key.getRawClass().isEnum()) {
        map.set("propertyNames", enumSchema(key.getRawClass()));
      } else if (key.getRawClass() != String.class && key.getRawClass() != CharSequence.class) {
        throw new UnsupportedTypeException(where + ": maps need String or enum keys, not " + key.toCanonical());
      }
      map.set("additionalProperties", schema(type.getContentType(), where + " values"));
      return map;
    }

    private ObjectNode enumSchema(Class<?> raw) {
      ArrayNode names = NODES.arrayNode();
      ArrayNode described = NODES.arrayNode();
      boolean anyDescription = false;
      for (Field field : raw.getFields()) {
        if (!field.isEnumConstant()) {
          continue;
        }
        JsonProperty renamed = field.getAnnotation(JsonProperty.class);
        String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName();
        names.add(name);
        String description = describe(field);
        ObjectNode option = NODES.objectNode().put("const", name);
        if (description != null) {
          option.put("description", description);
          anyDescription = true;
        }
        described.add(option);
      }
      ObjectNode schema = NODES.objectNode().put("type", "string");
      schema.set(anyDescription ? "oneOf" : "enum", anyDescription ? described : names);
      return schema;
    }

    /** A placeholder for a class's schema; {@link #finish} inlines it or points it at {@code $defs}. */
    private ObjectNode reference(JavaType type, String where) {
      ObjectNode placeholder = NODES.objectNode();
      Definition definition = definitions.get(type);
      if (definition == null) {
        definition = new Definition(uniqueName(type));
        definitions.put(type, definition);
        definition.references.add(placeholder);
        inProgress.push(type);
        definition.body = beanSchema(type, where);
        inProgress.pop();
      } else {
        definition.references.add(placeholder);
        if (inProgress.contains(type)) {
          definition.recursive = true;
        }
      }
      return placeholder;
    }

    private String uniqueName(JavaType type) {
      StringBuilder name = new StringBuilder(type.getRawClass().getSimpleName());
      for (int i = 0; i < type.containedTypeCount(); i++) {
        name.append('_').append(type.containedType(i).getRawClass().getSimpleName());
      }
      String candidate = name.toString();
      for (int n = 2; !names.add(candidate); n++) {
        candidate = name + "_" + n;
      }
      return candidate;
    }

    BeanDescription describe(JavaType type) {
      MapperConfig<?> config = direction == Direction.INPUT ? mapper.deserializationConfig() : mapper.serializationConfig();
      ClassIntrospector introspector = config.classIntrospectorInstance().forOperation(config);
      AnnotatedClass annotated = introspector.introspectClassAnnotations(type);
      return direction == Direction.INPUT
          ? introspector.introspectForDeserialization(type, annotated)
          : introspector.introspectForSerialization(type, annotated);
    }

    private ObjectNode beanSchema(JavaType type, String where) {
      List<BeanPropertyDefinition> properties = describe(type).findProperties();
      if (properties.isEmpty()) {
        throw new UnsupportedTypeException(where + ": Jackson sees no properties in " + type.toCanonical());
      }
      ObjectNode schema = NODES.objectNode().put("type", "object");
      JsonClassDescription classDescription = type.getRawClass().getAnnotation(JsonClassDescription.class);
      if (classDescription != null && !classDescription.value().isBlank()) {
        schema.put("description", classDescription.value());
      }
      ObjectNode props = NODES.objectNode();
      ArrayNode required = NODES.arrayNode();
      for (BeanPropertyDefinition property : properties) {
        if (direction == Direction.INPUT ? !property.couldDeserialize() : !property.couldSerialize()) {
          continue;
        }
        List<AnnotatedElement> elements = elements(type.getRawClass(), property);
        boolean nullable = elements.stream().anyMatch(JsonSchemaGenerator::isNullable);
        JsonNode defaultValue = defaultValue(property, elements);
        String description = description(property, elements);
        JavaType propertyType = property.getPrimaryType();
        String name = property.getName();
        props.set(name, property(propertyType, nullable, description, defaultValue,
            where + " property '" + name + "'"));
        if (!nullable && defaultValue == null && !isOptionalType(propertyType.getRawClass())) {
          required.add(name);
        }
      }
      schema.set("properties", props);
      if (!required.isEmpty()) {
        schema.set("required", required);
      }
      schema.put("additionalProperties", false);
      return schema;
    }

    List<AnnotatedElement> elements(Class<?> owner, BeanPropertyDefinition property) {
      List<AnnotatedElement> elements = new ArrayList<>(4);
      if (owner.isRecord()) {
        for (RecordComponent component : owner.getRecordComponents()) {
          if (component.getName().equals(property.getInternalName())) {
            elements.add(component);
          }
        }
      }
      for (AnnotatedMember member : new AnnotatedMember[] {property.getField(), property.getGetter(),
          property.getSetter()}) {
        if (member != null && member.getAnnotated() != null) {
          elements.add(member.getAnnotated());
        }
      }
      if (property.getConstructorParameter() != null) {
        int index = property.getConstructorParameter().getIndex();
        Object owning = property.getConstructorParameter().getOwner().getAnnotated();
        if (owning instanceof java.lang.reflect.Executable executable && index < executable.getParameterCount()) {
          elements.add(executable.getParameters()[index]);
        }
      }
      return elements;
    }

    @Nullable String description(BeanPropertyDefinition property, List<AnnotatedElement> elements) {
      for (AnnotatedElement element : elements) {
        String hinted = hints.description(element);
        if (hinted != null && !hinted.isBlank()) {
          return hinted;
        }
      }
      PropertyMetadata metadata = property.getMetadata();
      return metadata.getDescription();
    }

    @Nullable JsonNode defaultValue(BeanPropertyDefinition property, List<AnnotatedElement> elements) {
      String text = null;
      for (AnnotatedElement element : elements) {
        text = hints.defaultValue(element);
        if (text != null) {
          break;
        }
      }
      if (text == null) {
        text = property.getMetadata().getDefaultValue();
      }
      return text == null || text.isEmpty() ? null : parseDefault(text, property.getPrimaryType());
    }

    private @Nullable String describe(Field constant) {
      String hinted = hints.description(constant);
      if (hinted != null && !hinted.isBlank()) {
        return hinted;
      }
      JsonPropertyDescription description = constant.getAnnotation(JsonPropertyDescription.class);
      return description == null || description.value().isBlank() ? null : description.value();
    }

    /** Settles every placeholder: inline for a class used once, a {@code $ref} otherwise. */
    void finish(ObjectNode root) {
      java.util.TreeMap<String, ObjectNode> defs = new java.util.TreeMap<>();
      for (Map.Entry<JavaType, Definition> entry : definitions.entrySet()) {
        Definition definition = entry.getValue();
        ObjectNode body = Objects.requireNonNull(definition.body);
        boolean isRoot = entry.getKey().equals(rootType);
        if (isRoot) {
          for (ObjectNode reference : definition.references) {
            if (reference != root) {
              reference.put("$ref", "#");
            }
          }
          mergeInto(root, body);
        } else if (definition.references.size() == 1 && !definition.recursive) {
          mergeInto(definition.references.get(0), body);
        } else {
          for (ObjectNode reference : definition.references) {
            reference.put("$ref", "#/$defs/" + definition.name);
          }
          defs.put(definition.name, body);
        }
      }
      if (!defs.isEmpty()) {
        ObjectNode defsNode = NODES.objectNode();
        defs.forEach(defsNode::set);
        root.set("$defs", defsNode);
      }
    }
  }

  /** Copies a body into a placeholder, keeping what the place itself says (its description). */
  private static void mergeInto(ObjectNode target, ObjectNode body) {
    ObjectNode own = target.deepCopy();
    target.removeAll();
    target.setAll(body);
    target.setAll(own);
  }

  private static ObjectNode allowNull(ObjectNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isString() && !schema.has("enum") && !schema.has("oneOf")) {
      schema.set("type", NODES.arrayNode().add(type.stringValue()).add("null"));
      return schema;
    }
    ObjectNode wrapper = NODES.objectNode();
    wrapper.set("anyOf", NODES.arrayNode().add(schema).add(NODES.objectNode().put("type", "null")));
    return wrapper;
  }

  /** Parses a default given as text: JSON for non-string types, the text itself for strings. */
  JsonNode parseDefault(String text, JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == String.class || raw.isEnum() || format(raw) != null || raw == char.class || raw == Character.class) {
      return NODES.stringNode(text);
    }
    try {
      return mapper.readTree(text);
    } catch (JacksonException e) {
      return NODES.stringNode(text);
    }
  }

  /**
   * Parses a default value for a property of a given type.
   *
   * @param text the default as written in an annotation
   * @param type the property's type
   * @return the default as JSON
   */
  public JsonNode defaultFor(String text, Type type) {
    return parseDefault(Objects.requireNonNull(text, "text"), mapper.constructType(type));
  }

  /**
   * Returns the JSON types a Java type's values take (for example {@code ["string"]}), or an empty
   * collection when it is not a single scalar type.
   *
   * @param type the type
   * @return the JSON type names
   */
  public Collection<String> jsonTypes(Type type) {
    ObjectNode scalar = scalar(mapper.constructType(type).getRawClass());
    return scalar == null ? List.of() : List.of(scalar.get("type").asString());
  }
}
