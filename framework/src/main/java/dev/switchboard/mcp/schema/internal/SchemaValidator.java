package dev.switchboard.mcp.schema.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

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
  /**
   * Checks one validation may make. Without it, local references that recurse in two branches
   * ({@code {"allOf":[{"$ref":"#"},{"$ref":"#"}]}}) double the work at each level down to the depth
   * limit; a value within the codec's token limit needs far fewer.
   */
  private static final int MAX_CHECKS = 1_000_000;

  private final JsonNode root;
  private final ScalarKeywords scalars = new ScalarKeywords();

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
    int[] checksLeft = {MAX_CHECKS};
    Errors errors = new Errors(checksLeft);
    check(root, Objects.requireNonNull(value, "value"), "", errors, 0);
    if (checksLeft[0] == 0) {
      // What was found so far may be wrong (a branch cut short): say only this.
      return List.of(name("") + " are too complex to check against the schema");
    }
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
    ObjectNode copy = null;
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode present = value.get(property.getKey());
      JsonNode replacement = null;
      if (present == null && property.getValue().has("default")) {
        replacement = property.getValue().get("default").deepCopy();
      } else if (present != null) {
        replacement = fill(nonNullBranch(property.getValue()), present, depth + 1);
      }
      if (replacement != null) {
        copy = copy == null ? (ObjectNode) value.deepCopy() : copy;
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

  private void check(JsonNode schema, JsonNode value, String path, Errors errors, int depth) {
    if (errors.size() > MAX_ERRORS || depth > 64 || !errors.spend()) {
      return;
    }
    if (value.isNumber() && !ScalarKeywords.finite(value)) {
      errors.add(name(path) + " must be a finite number, not " + value);
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
    if (!ScalarKeywords.checkType(schema, value, path, errors)) {
      return;
    }
    ScalarKeywords.checkValue(schema, value, path, errors);
    if (value.isString()) {
      scalars.checkString(schema, value.stringValue(), path, errors);
    } else if (value.isNumber()) {
      ScalarKeywords.checkNumber(schema, value.decimalValue(), path, errors);
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

  private void checkObject(JsonNode schema, JsonNode value, String path, Errors errors, int depth) {
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
      checkField(it.next(), properties, additional, propertyNames, path, errors, depth);
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

  /** One field of an object value: its key against {@code propertyNames}, its value against its schema. */
  private void checkField(Map.Entry<String, JsonNode> field, JsonNode properties, @Nullable JsonNode additional,
      @Nullable JsonNode propertyNames, String path, Errors errors, int depth) {
    String fieldPath = join(path, field.getKey());
    if (propertyNames != null) {
      Errors keyErrors = errors.branch();
      check(propertyNames, JsonNodeFactory.instance.stringNode(field.getKey()),
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

  private static String known(JsonNode properties) {
    if (!properties.isObject() || properties.isEmpty()) {
      return "";
    }
    return " (expected: " + String.join(", ", properties.propertyNames()) + ")";
  }

  private void checkArray(JsonNode schema, JsonNode value, String path, Errors errors, int depth) {
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

  private void checkCombinations(JsonNode schema, JsonNode value, String path, Errors errors, int depth) {
    JsonNode allOf = schema.get("allOf");
    if (allOf != null) {
      for (JsonNode branch : allOf) {
        check(branch, value, path, errors, depth + 1);
      }
    }
    JsonNode anyOf = schema.get("anyOf");
    if (anyOf != null && anyOf.isArray()) {
      checkAnyOf(anyOf, value, path, errors, depth);
    }
    JsonNode oneOf = schema.get("oneOf");
    if (oneOf != null && oneOf.isArray()) {
      checkOneOf(oneOf, value, path, errors, depth);
    }
    JsonNode not = schema.get("not");
    if (not != null) {
      Errors branchErrors = errors.branch();
      check(not, value, path, branchErrors, depth + 1);
      if (branchErrors.isEmpty()) {
        errors.add(name(path) + " has a value that is not allowed");
      }
    }
  }

  private void checkAnyOf(JsonNode anyOf, JsonNode value, String path, Errors errors, int depth) {
    // When no branch matches, report the closest one, never the "null" branch of a nullable value.
    List<String> closest = null;
    boolean matched = false;
    for (JsonNode branch : anyOf) {
      Errors branchErrors = errors.branch();
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

  private void checkOneOf(JsonNode oneOf, JsonNode value, String path, Errors errors, int depth) {
    int matches = 0;
    for (JsonNode branch : oneOf) {
      Errors branchErrors = errors.branch();
      check(branch, value, path, branchErrors, depth + 1);
      matches += branchErrors.isEmpty() ? 1 : 0;
    }
    if (matches != 1) {
      errors.add(name(path) + (matches == 0 ? " must be one of " + oneOfChoices(oneOf) + ", not " + value
          : " matches more than one allowed form"));
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

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** How a path is named in messages. */
  static String name(String path) {
    return path.isEmpty() ? "the arguments" : "'" + path + "'";
  }

  /** The messages of one validation (or of one branch of it), and the checks left for the whole of it. */
  private static final class Errors extends ArrayList<String> {
    private static final long serialVersionUID = 1L;
    private final int[] checksLeft;

    Errors(int[] checksLeft) {
      this.checksLeft = checksLeft;
    }

    Errors branch() {
      return new Errors(checksLeft);
    }

    /** Counts one check; false once the budget is spent. */
    boolean spend() {
      if (checksLeft[0] > 0) {
        checksLeft[0]--;
        return true;
      }
      return false;
    }
  }
}
