package dev.switchboard.mcp.schema;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Validates JSON values against a JSON Schema (2020-12), with messages that name the offending
 * field and say what is wrong, so a model can correct its call.
 *
 * <p>Supported keywords: {@code type}, {@code enum}, {@code const}, {@code properties},
 * {@code required}, {@code additionalProperties}, {@code propertyNames}, {@code min/maxProperties},
 * {@code items}, {@code min/maxItems}, {@code uniqueItems}, {@code min/maxLength}, {@code pattern},
 * {@code format} (date-time, date, time, duration, uuid, uri), {@code minimum}, {@code maximum},
 * {@code exclusiveMinimum}, {@code exclusiveMaximum}, {@code multipleOf}, {@code allOf},
 * {@code anyOf}, {@code oneOf}, {@code not}, and local {@code $ref}. Other keywords are ignored.
 * {@link #withDefaults} fills in the {@code default}s the schema declares.
 * Immutable and thread-safe.
 */
public final class SchemaValidator {
  private static final int MAX_ERRORS = 10;
  private static final Pattern UUID_PATTERN =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final JsonNode root;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  private SchemaValidator(JsonNode root) {
    this.root = root;
  }

  /**
   * Prepares a validator.
   *
   * @param schema the schema; {@code $ref}s must point inside it
   * @return the validator
   */
  public static SchemaValidator of(JsonNode schema) {
    return new SchemaValidator(Objects.requireNonNull(schema, "schema").deepCopy());
  }

  /**
   * Validates a value.
   *
   * @param value the value, for example a tool's arguments
   * @return what is wrong, one message per problem (at most 10); empty when valid
   */
  public List<String> validate(JsonNode value) {
    List<String> errors = new ArrayList<>();
    check(root, Objects.requireNonNull(value, "value"), "", errors, 0);
    return errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
  }

  /**
   * Returns the value with the schema's {@code default}s filled in for missing object properties, at
   * any depth. The value itself is not changed.
   *
   * @param value a value that passed {@link #validate}
   * @return the value, or a copy with defaults added
   */
  public JsonNode withDefaults(JsonNode value) {
    JsonNode filled = fill(root, Objects.requireNonNull(value, "value"), 0);
    return filled == null ? value : filled;
  }

  /** Returns a filled copy, or null when nothing was missing. */
  private @Nullable JsonNode fill(JsonNode schema, JsonNode value, int depth) {
    if (!schema.isObject() || !value.isObject() || depth > 64) {
      return null;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isString()) {
      JsonNode target = resolve(ref.stringValue());
      return target == null ? null : fill(target, value, depth + 1);
    }
    JsonNode properties = schema.get("properties");
    if (properties == null || !properties.isObject()) {
      return null;
    }
    tools.jackson.databind.node.ObjectNode copy = null;
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode present = value.get(property.getKey());
      JsonNode replacement = null;
      if (present == null && property.getValue().has("default")) {
        replacement = property.getValue().get("default").deepCopy();
      } else if (present != null) {
        replacement = fill(nonNullBranch(property.getValue()), present, depth + 1);
      }
      if (replacement != null) {
        copy = copy == null ? (tools.jackson.databind.node.ObjectNode) value.deepCopy() : copy;
        copy.set(property.getKey(), replacement);
      }
    }
    return copy;
  }

  /** For a nullable schema ({@code anyOf} with a null branch), the branch that is not null. */
  private static JsonNode nonNullBranch(JsonNode schema) {
    JsonNode anyOf = schema.get("anyOf");
    if (anyOf != null && anyOf.isArray()) {
      for (JsonNode branch : anyOf) {
        if (!isNullBranch(branch)) {
          return branch;
        }
      }
    }
    return schema;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> errors, int depth) {
    if (errors.size() > MAX_ERRORS || depth > 64) {
      return;
    }
    if (schema.isBoolean()) {
      if (!schema.booleanValue()) {
        errors.add(name(path) + " is not allowed");
      }
      return;
    }
    if (!schema.isObject()) {
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isString()) {
      JsonNode target = resolve(ref.stringValue());
      if (target != null) {
        check(target, value, path, errors, depth + 1);
      }
    }
    if (!checkType(schema, value, path, errors)) {
      return;
    }
    checkValue(schema, value, path, errors);
    if (value.isString()) {
      checkString(schema, value.stringValue(), path, errors);
    } else if (value.isNumber()) {
      checkNumber(schema, value.decimalValue(), path, errors);
    } else if (value.isObject()) {
      checkObject(schema, value, path, errors, depth);
    } else if (value.isArray()) {
      checkArray(schema, value, path, errors, depth);
    }
    checkCombinations(schema, value, path, errors, depth);
  }

  private @Nullable JsonNode resolve(String ref) {
    if (ref.equals("#")) {
      return root;
    }
    if (!ref.startsWith("#/")) {
      return null;
    }
    JsonNode target = root.at(ref.substring(1));
    return target.isMissingNode() ? null : target;
  }

  private static boolean checkType(JsonNode schema, JsonNode value, String path, List<String> errors) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return true;
    }
    List<String> allowed = new ArrayList<>();
    if (type.isString()) {
      allowed.add(type.stringValue());
    } else if (type.isArray()) {
      type.forEach(t -> allowed.add(t.asString()));
    }
    for (String name : allowed) {
      if (hasType(value, name)) {
        return true;
      }
    }
    errors.add(name(path) + " must be " + article(String.join(" or ", allowed)) + ", not " + describe(value));
    return false;
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "string" -> value.isString() || value.isBinary(); // binary is written as base64 text
      case "integer" -> value.isIntegralNumber()
          || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "null" -> value.isNull();
      default -> true;
    };
  }

  private static void checkValue(JsonNode schema, JsonNode value, String path, List<String> errors) {
    JsonNode options = schema.get("enum");
    if (options != null && options.isArray()) {
      boolean found = false;
      for (JsonNode option : options) {
        found |= equal(option, value);
      }
      if (!found) {
        errors.add(name(path) + " must be one of " + list(options) + ", not " + value);
      }
    }
    JsonNode constant = schema.get("const");
    if (constant != null && !equal(constant, value)) {
      errors.add(name(path) + " must be " + constant);
    }
  }

  private static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private void checkString(JsonNode schema, String text, String path, List<String> errors) {
    int length = text.codePointCount(0, text.length());
    JsonNode min = schema.get("minLength");
    if (min != null && length < min.asInt()) {
      errors.add(name(path) + " must have at least " + min.asInt() + " characters");
    }
    JsonNode max = schema.get("maxLength");
    if (max != null && length > max.asInt()) {
      errors.add(name(path) + " must have at most " + max.asInt() + " characters");
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null && pattern.isString()) {
      Pattern compiled = compile(pattern.stringValue());
      if (compiled != null && !compiled.matcher(text).find()) {
        errors.add(name(path) + " must match the pattern " + pattern.stringValue());
      }
    }
    JsonNode format = schema.get("format");
    if (format != null && format.isString() && !hasFormat(text, format.stringValue())) {
      errors.add(name(path) + " must be a " + format.stringValue() + formatHint(format.stringValue())
          + ", not \"" + text + "\"");
    }
  }

  private @Nullable Pattern compile(String regex) {
    try {
      return patterns.computeIfAbsent(regex, Pattern::compile);
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  private static boolean hasFormat(String text, String format) {
    try {
      switch (format) {
        case "date-time" -> OffsetDateTime.parse(text);
        case "date" -> LocalDate.parse(text);
        case "time" -> {
          try {
            OffsetTime.parse(text);
          } catch (DateTimeParseException e) {
            LocalTime.parse(text);
          }
        }
        case "duration" -> {
          try {
            Duration.parse(text);
          } catch (DateTimeParseException e) {
            Period.parse(text);
          }
        }
        case "uuid" -> {
          return UUID_PATTERN.matcher(text).matches();
        }
        case "uri" -> new URI(text);
        default -> {
          return true;
        }
      }
      return true;
    } catch (DateTimeParseException | URISyntaxException e) {
      return false;
    }
  }

  private static String formatHint(String format) {
    return switch (format) {
      case "date-time" -> " (RFC 3339, like 2025-06-18T09:30:00Z)";
      case "date" -> " (like 2025-06-18)";
      case "time" -> " (like 09:30:00)";
      case "duration" -> " (ISO 8601, like PT15M)";
      default -> "";
    };
  }

  private static void checkNumber(JsonNode schema, BigDecimal number, String path, List<String> errors) {
    bound(schema, "minimum", number, path, errors, c -> c >= 0, "at least");
    bound(schema, "maximum", number, path, errors, c -> c <= 0, "at most");
    bound(schema, "exclusiveMinimum", number, path, errors, c -> c > 0, "more than");
    bound(schema, "exclusiveMaximum", number, path, errors, c -> c < 0, "less than");
    JsonNode multipleOf = schema.get("multipleOf");
    if (multipleOf != null && multipleOf.isNumber() && multipleOf.decimalValue().signum() > 0
        && number.remainder(multipleOf.decimalValue()).signum() != 0) {
      errors.add(name(path) + " must be a multiple of " + multipleOf);
    }
  }

  private static void bound(JsonNode schema, String keyword, BigDecimal number, String path, List<String> errors,
      java.util.function.IntPredicate ok, String words) {
    JsonNode limit = schema.get(keyword);
    if (limit != null && limit.isNumber() && !ok.test(number.compareTo(limit.decimalValue()))) {
      errors.add(name(path) + " must be " + words + " " + limit);
    }
  }

  private void checkObject(JsonNode schema, JsonNode value, String path, List<String> errors, int depth) {
    JsonNode required = schema.get("required");
    if (required != null) {
      for (JsonNode name : required) {
        if (!value.has(name.asString())) {
          errors.add(name(join(path, name.asString())) + " is required");
        }
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    JsonNode propertyNames = schema.get("propertyNames");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldPath = join(path, field.getKey());
      if (propertyNames != null) {
        List<String> keyErrors = new ArrayList<>();
        check(propertyNames, tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(field.getKey()),
            fieldPath, keyErrors, depth + 1);
        if (!keyErrors.isEmpty()) {
          errors.add(name(fieldPath) + " is not an allowed key");
        }
      }
      JsonNode propertySchema = properties.get(field.getKey());
      if (propertySchema != null) {
        check(propertySchema, field.getValue(), fieldPath, errors, depth + 1);
      } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
        errors.add(name(fieldPath) + " is not a known " + (path.isEmpty() ? "argument" : "field")
            + known(properties));
      } else if (additional != null && additional.isObject()) {
        check(additional, field.getValue(), fieldPath, errors, depth + 1);
      }
    }
    JsonNode min = schema.get("minProperties");
    if (min != null && value.size() < min.asInt()) {
      errors.add(name(path) + " must have at least " + min.asInt() + " entries");
    }
    JsonNode max = schema.get("maxProperties");
    if (max != null && value.size() > max.asInt()) {
      errors.add(name(path) + " must have at most " + max.asInt() + " entries");
    }
  }

  private static String known(JsonNode properties) {
    if (!properties.isObject() || properties.isEmpty()) {
      return "";
    }
    return " (expected: " + String.join(", ", properties.propertyNames()) + ")";
  }

  private void checkArray(JsonNode schema, JsonNode value, String path, List<String> errors, int depth) {
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        check(items, value.get(i), path + "[" + i + "]", errors, depth + 1);
      }
    }
    JsonNode min = schema.get("minItems");
    if (min != null && value.size() < min.asInt()) {
      errors.add(name(path) + " must have at least " + min.asInt() + " items");
    }
    JsonNode max = schema.get("maxItems");
    if (max != null && value.size() > max.asInt()) {
      errors.add(name(path) + " must have at most " + max.asInt() + " items");
    }
    JsonNode unique = schema.get("uniqueItems");
    if (unique != null && unique.asBoolean()) {
      Set<JsonNode> seen = new HashSet<>();
      for (JsonNode item : value) {
        if (!seen.add(item)) {
          errors.add(name(path) + " must not repeat " + item);
          break;
        }
      }
    }
  }

  private void checkCombinations(JsonNode schema, JsonNode value, String path, List<String> errors, int depth) {
    JsonNode allOf = schema.get("allOf");
    if (allOf != null) {
      for (JsonNode branch : allOf) {
        check(branch, value, path, errors, depth + 1);
      }
    }
    JsonNode anyOf = schema.get("anyOf");
    if (anyOf != null && anyOf.isArray()) {
      // When no branch matches, report the closest one, never the "null" branch of a nullable value.
      List<String> closest = null;
      boolean matched = false;
      for (JsonNode branch : anyOf) {
        List<String> branchErrors = new ArrayList<>();
        check(branch, value, path, branchErrors, depth + 1);
        if (branchErrors.isEmpty()) {
          matched = true;
          break;
        }
        if (!isNullBranch(branch) && (closest == null || branchErrors.size() < closest.size())) {
          closest = branchErrors;
        }
      }
      if (!matched) {
        errors.addAll(closest != null ? closest : List.of(name(path) + " must be null"));
      }
    }
    JsonNode oneOf = schema.get("oneOf");
    if (oneOf != null && oneOf.isArray()) {
      int matches = 0;
      for (JsonNode branch : oneOf) {
        List<String> branchErrors = new ArrayList<>();
        check(branch, value, path, branchErrors, depth + 1);
        matches += branchErrors.isEmpty() ? 1 : 0;
      }
      if (matches != 1) {
        errors.add(name(path) + (matches == 0 ? " must be one of " + oneOfChoices(oneOf) + ", not " + value
            : " matches more than one allowed form"));
      }
    }
    JsonNode not = schema.get("not");
    if (not != null) {
      List<String> branchErrors = new ArrayList<>();
      check(not, value, path, branchErrors, depth + 1);
      if (branchErrors.isEmpty()) {
        errors.add(name(path) + " has a value that is not allowed");
      }
    }
  }

  private static boolean isNullBranch(JsonNode branch) {
    return "null".equals(branch.path("type").asString(""));
  }

  private static String oneOfChoices(JsonNode oneOf) {
    List<String> consts = new ArrayList<>();
    for (JsonNode branch : oneOf) {
      if (!branch.has("const")) {
        return "the allowed forms";
      }
      consts.add(branch.get("const").toString());
    }
    return "[" + String.join(", ", consts) + "]";
  }

  private static String list(JsonNode options) {
    List<String> values = new ArrayList<>();
    options.forEach(option -> values.add(option.toString()));
    return "[" + String.join(", ", values) + "]";
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String name(String path) {
    return path.isEmpty() ? "the arguments" : "'" + path + "'";
  }

  private static String article(String type) {
    return switch (type.isEmpty() ? ' ' : type.charAt(0)) {
      case 'a', 'e', 'i', 'o', 'u' -> "an " + type;
      default -> "a " + type;
    };
  }

  private static String describe(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    if (value.isString()) {
      return "a string";
    }
    if (value.isIntegralNumber()) {
      return "an integer";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return value.isArray() ? "an array" : "an object";
  }
}
