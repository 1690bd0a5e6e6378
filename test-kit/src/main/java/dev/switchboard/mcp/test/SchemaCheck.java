package dev.switchboard.mcp.test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * A small JSON Schema (2020-12) checker, written for the kit, for the schemas tools declare: type
 * (one or several), properties, required, additionalProperties, propertyNames, items, prefixItems,
 * enum, const, anyOf, oneOf, allOf, not, local {@code $ref} ({@code #} and {@code #/$defs/...}),
 * string lengths and pattern, the formats date, date-time, time and uuid, numeric bounds and
 * multipleOf, array lengths and uniqueItems, object sizes. Other keywords are not checked.
 */
final class SchemaCheck {
  private final JsonNode root;
  private final List<String> problems = new ArrayList<>();

  private SchemaCheck(JsonNode root) {
    this.root = root;
  }

  /** What does not match, each with its place ({@code $} is the value, {@code $.a[0]} inside it). */
  static List<String> violations(JsonNode schema, JsonNode value) {
    SchemaCheck check = new SchemaCheck(schema);
    check.check(schema, value, "$", 0);
    return List.copyOf(check.problems);
  }

  private boolean valid(JsonNode schema, JsonNode value, String path, int depth) {
    SchemaCheck inner = new SchemaCheck(root);
    inner.check(schema, value, path, depth);
    return inner.problems.isEmpty();
  }

  private void check(JsonNode schema, JsonNode value, String path, int depth) {
    if (depth > 64) {
      problems.add(path + ": the schema nests too deep (a $ref loop?)");
      return;
    }
    if (schema.isBoolean()) {
      if (!schema.asBoolean()) {
        problems.add(path + ": no value is allowed here");
      }
      return;
    }
    if (!schema.isObject()) {
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isString()) {
      JsonNode target = resolve(ref.asString());
      if (target == null) {
        problems.add(path + ": the schema's $ref " + ref.asString() + " points nowhere");
      } else {
        check(target, value, path, depth + 1);
      }
    }
    JsonNode type = schema.get("type");
    if (type != null && !typeMatches(type, value)) {
      problems.add(path + ": expected " + (type.isArray() ? "one of " + Json.compact(type) : type.asString())
          + ", got " + kind(value) + " " + shown(value));
      return;
    }
    JsonNode constant = schema.get("const");
    if (constant != null && !Json.same(constant, value)) {
      problems.add(path + ": must be " + Json.compact(constant) + ", not " + shown(value));
    }
    JsonNode choices = schema.get("enum");
    if (choices != null && choices.isArray()) {
      boolean found = false;
      for (JsonNode choice : choices) {
        found |= Json.same(choice, value);
      }
      if (!found) {
        problems.add(path + ": must be one of " + Json.compact(choices) + ", not " + shown(value));
      }
    }
    combinators(schema, value, path, depth);
    if (value.isString()) {
      strings(schema, value.asString(), path);
    } else if (value.isNumber()) {
      numbers(schema, value.decimalValue(), path);
    } else if (value.isArray()) {
      arrays(schema, value, path, depth);
    } else if (value.isObject()) {
      objects(schema, value, path, depth);
    }
  }

  private JsonNode resolve(String ref) {
    if (ref.equals("#")) {
      return root;
    }
    if (!ref.startsWith("#/")) {
      return null;
    }
    JsonNode target = root.at(ref.substring(1));
    return target.isMissingNode() ? null : target;
  }

  private void combinators(JsonNode schema, JsonNode value, String path, int depth) {
    JsonNode allOf = schema.get("allOf");
    if (allOf != null) {
      for (JsonNode part : allOf) {
        check(part, value, path, depth + 1);
      }
    }
    JsonNode anyOf = schema.get("anyOf");
    if (anyOf != null && anyOf.isArray()) {
      boolean any = false;
      for (JsonNode part : anyOf) {
        any |= valid(part, value, path, depth + 1);
      }
      JsonNode only = onlyNonNull(anyOf);
      if (!any && only != null && !value.isNull()) {
        check(only, value, path, depth + 1); // "T or null", as generated for nullable values: say what T misses
      } else if (!any) {
        problems.add(path + ": matches none of anyOf (" + shown(value) + ")");
      }
    }
    JsonNode oneOf = schema.get("oneOf");
    if (oneOf != null && oneOf.isArray()) {
      int matches = 0;
      for (JsonNode part : oneOf) {
        matches += valid(part, value, path, depth + 1) ? 1 : 0;
      }
      if (matches != 1) {
        problems.add(path + ": matches " + matches + " of oneOf, not exactly one (" + shown(value) + ")");
      }
    }
    JsonNode not = schema.get("not");
    if (not != null && valid(not, value, path, depth + 1)) {
      problems.add(path + ": matches the schema under not (" + shown(value) + ")");
    }
  }

  /** The one branch of {@code [T, {"type": "null"}]} that is not the null one, or null for other lists. */
  private static JsonNode onlyNonNull(JsonNode branches) {
    JsonNode other = null;
    for (JsonNode branch : branches) {
      boolean isNull = branch.isObject() && branch.size() == 1 && "null".equals(branch.path("type").asString(""));
      if (!isNull) {
        if (other != null) {
          return null;
        }
        other = branch;
      }
    }
    return other;
  }

  private void strings(JsonNode schema, String text, String path) {
    int length = text.codePointCount(0, text.length());
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      problems.add(path + ": shorter than " + schema.get("minLength").asInt() + " characters");
    }
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      problems.add(path + ": longer than " + schema.get("maxLength").asInt() + " characters");
    }
    if (schema.has("pattern")) {
      try {
        if (!Pattern.compile(schema.get("pattern").asString()).matcher(text).find()) {
          problems.add(path + ": does not match the pattern " + schema.get("pattern").asString());
        }
      } catch (PatternSyntaxException e) {
        // a pattern Java cannot read is not checked
      }
    }
    String format = schema.path("format").asString("");
    try {
      switch (format) {
        case "date" -> LocalDate.parse(text);
        case "date-time" -> OffsetDateTime.parse(text);
        case "time" -> LocalTime.parse(text.replaceAll("(Z|[+-]\\d\\d:\\d\\d)$", ""));
        case "uuid" -> UUID.fromString(text);
        default -> { }
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      problems.add(path + ": not a valid " + format + ": \"" + text + "\"");
    }
  }

  private void numbers(JsonNode schema, BigDecimal number, String path) {
    bound(schema, "minimum", number, path, c -> c >= 0, "at least");
    bound(schema, "maximum", number, path, c -> c <= 0, "at most");
    bound(schema, "exclusiveMinimum", number, path, c -> c > 0, "more than");
    bound(schema, "exclusiveMaximum", number, path, c -> c < 0, "less than");
    JsonNode multiple = schema.get("multipleOf");
    if (multiple != null && multiple.isNumber() && multiple.decimalValue().signum() > 0
        && number.remainder(multiple.decimalValue()).signum() != 0) {
      problems.add(path + ": not a multiple of " + multiple);
    }
  }

  private void bound(JsonNode schema, String keyword, BigDecimal number, String path,
      java.util.function.IntPredicate ok, String words) {
    JsonNode limit = schema.get(keyword);
    if (limit != null && limit.isNumber() && !ok.test(number.compareTo(limit.decimalValue()))) {
      problems.add(path + ": must be " + words + " " + limit + ", not " + number.toPlainString());
    }
  }

  private void arrays(JsonNode schema, JsonNode array, String path, int depth) {
    if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
      problems.add(path + ": fewer than " + schema.get("minItems").asInt() + " items");
    }
    if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
      problems.add(path + ": more than " + schema.get("maxItems").asInt() + " items");
    }
    if (schema.path("uniqueItems").asBoolean(false)) {
      for (int i = 0; i < array.size(); i++) {
        for (int j = i + 1; j < array.size(); j++) {
          if (Json.same(array.get(i), array.get(j))) {
            problems.add(path + ": items " + i + " and " + j + " are the same, and must be unique");
          }
        }
      }
    }
    int start = 0;
    JsonNode prefix = schema.get("prefixItems");
    if (prefix != null && prefix.isArray()) {
      for (; start < prefix.size() && start < array.size(); start++) {
        check(prefix.get(start), array.get(start), path + "[" + start + "]", depth + 1);
      }
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = start; i < array.size(); i++) {
        check(items, array.get(i), path + "[" + i + "]", depth + 1);
      }
    }
  }

  private void objects(JsonNode schema, JsonNode object, String path, int depth) {
    JsonNode required = schema.get("required");
    if (required != null) {
      for (JsonNode name : required) {
        if (!object.has(name.asString())) {
          problems.add(path + ": '" + name.asString() + "' is required");
        }
      }
    }
    if (schema.has("minProperties") && object.size() < schema.get("minProperties").asInt()) {
      problems.add(path + ": fewer than " + schema.get("minProperties").asInt() + " properties");
    }
    if (schema.has("maxProperties") && object.size() > schema.get("maxProperties").asInt()) {
      problems.add(path + ": more than " + schema.get("maxProperties").asInt() + " properties");
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    JsonNode names = schema.get("propertyNames");
    Set<String> declared = new HashSet<>(properties.propertyNames());
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      String at = path + "." + member.getKey();
      if (names != null) {
        check(names, Json.NODES.stringNode(member.getKey()), at + " (its name)", depth + 1);
      }
      if (declared.contains(member.getKey())) {
        check(properties.get(member.getKey()), member.getValue(), at, depth + 1);
      } else if (additional != null) {
        if (additional.isBoolean() && !additional.asBoolean()) {
          problems.add(path + ": '" + member.getKey() + "' is not a declared property");
        } else {
          check(additional, member.getValue(), at, depth + 1);
        }
      }
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (typeMatches(one, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asString("")) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isString();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      case "number" -> value.isNumber();
      case "integer" -> value.isIntegralNumber()
          || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
      default -> true;
    };
  }

  private static String kind(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isString()) {
      return "a string";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    if (value.isNull()) {
      return "null";
    }
    return value.isNumber() ? "a number" : "a value";
  }

  private static String shown(JsonNode value) {
    return Exchange.cut(Json.compact(value), 120);
  }
}
