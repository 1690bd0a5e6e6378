package dev.switchboard.mcp.schema.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a hand-written schema is a JSON Schema (2020-12): every keyword of the core, applicator
 * and validation vocabularies holds a value of the kind the dialect defines ({@code "type": "strin"},
 * {@code "required": "a"} or a {@code "minLength"} of -1 are refused). Keywords it does not know are
 * left alone, as the dialect allows (annotations such as {@code x-mcp-header} among them).
 */
public final class SchemaCheck {
  private static final Set<String> TYPES = Set.of("null", "boolean", "object", "array", "number", "string", "integer");
  private static final Set<String> SCHEMA = Set.of("items", "additionalProperties", "not", "propertyNames",
      "contains", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems", "contentSchema");
  private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs",
      "dependentSchemas");
  private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  private static final Set<String> COUNTS = Set.of("minLength", "maxLength", "minItems", "maxItems",
      "minProperties", "maxProperties", "minContains", "maxContains");
  private static final Set<String> NUMBERS = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
  private static final Set<String> TEXTS = Set.of("format", "title", "description", "$id", "$schema", "$ref",
      "$anchor", "$dynamicRef", "$dynamicAnchor", "$comment", "contentEncoding", "contentMediaType");
  private static final Set<String> FLAGS = Set.of("uniqueItems", "readOnly", "writeOnly", "deprecated");
  private static final int MAX_DEPTH = 64;

  private SchemaCheck() {}

  /**
   * Returns what is wrong with a schema, one message per problem naming its JSON Pointer.
   *
   * @param schema the schema
   * @return the problems; empty when the schema is well-formed
   */
  public static List<String> problems(JsonNode schema) {
    List<String> problems = new ArrayList<>();
    check(schema, "", problems, 0);
    if (problems.isEmpty() && !ScalarKeywords.allFinite(schema)) {
      problems.add("the schema holds a number no double holds (like 1e400): numbers must be finite");
    }
    return problems;
  }

  private static void check(JsonNode schema, String path, List<String> problems, int depth) {
    if (depth > MAX_DEPTH) {
      problems.add(where(path) + ": nested deeper than " + MAX_DEPTH + " levels");
      return;
    }
    if (schema.isBoolean()) {
      return;
    }
    if (!schema.isObject()) {
      problems.add(where(path) + ": a schema is an object or a boolean, not " + schema);
      return;
    }
    for (Map.Entry<String, JsonNode> entry : schema.properties()) {
      keyword(entry.getKey(), entry.getValue(), path + "/" + escape(entry.getKey()), problems, depth);
    }
  }

  private static void keyword(String name, JsonNode value, String path, List<String> problems, int depth) {
    if (name.equals("type")) {
      type(value, path, problems);
    } else if (SCHEMA.contains(name)) {
      check(value, path, problems, depth + 1);
    } else if (SCHEMA_MAPS.contains(name)) {
      if (!value.isObject()) {
        problems.add(where(path) + ": must be an object of schemas");
        return;
      }
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        check(entry.getValue(), path + "/" + escape(entry.getKey()), problems, depth + 1);
      }
    } else if (SCHEMA_LISTS.contains(name)) {
      if (!value.isArray() || value.isEmpty()) {
        problems.add(where(path) + ": must be a non-empty array of schemas");
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), path + "/" + i, problems, depth + 1);
      }
    } else if (name.equals("required")) {
      strings(value, path, problems);
    } else if (name.equals("enum") && !value.isArray()) {
      problems.add(where(path) + ": must be an array of the allowed values");
    } else if (COUNTS.contains(name) && !(value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= 0)) {
      problems.add(where(path) + ": must be an integer from 0 to " + Integer.MAX_VALUE + ", not " + value);
    } else if (NUMBERS.contains(name) && !value.isNumber()) {
      problems.add(where(path) + ": must be a number, not " + value);
    } else if (name.equals("multipleOf") && !(value.isNumber() && value.asDouble() > 0)) {
      problems.add(where(path) + ": must be a number greater than 0, not " + value);
    } else if (name.equals("pattern")) {
      pattern(value, path, problems);
    } else if (TEXTS.contains(name) && !value.isString()) {
      problems.add(where(path) + ": must be a string, not " + value);
    } else if (FLAGS.contains(name) && !value.isBoolean()) {
      problems.add(where(path) + ": must be true or false, not " + value);
    }
  }

  private static void type(JsonNode value, String path, List<String> problems) {
    if (value.isString()) {
      if (!TYPES.contains(value.stringValue())) {
        problems.add(where(path) + ": \"" + value.stringValue() + "\" is not a JSON type (" + String.join(", ",
            List.of("null", "boolean", "object", "array", "number", "string", "integer")) + ")");
      }
      return;
    }
    if (!value.isArray() || value.isEmpty()) {
      problems.add(where(path) + ": must be a type name or a non-empty array of them");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode item : value) {
      if (!item.isString() || !TYPES.contains(item.stringValue()) || !seen.add(item.stringValue())) {
        problems.add(where(path) + ": " + item + " is not a JSON type, or is repeated");
      }
    }
  }

  private static void strings(JsonNode value, String path, List<String> problems) {
    if (!value.isArray()) {
      problems.add(where(path) + ": must be an array of property names");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode item : value) {
      if (!item.isString() || !seen.add(item.stringValue())) {
        problems.add(where(path) + ": " + item + " is not a property name, or is repeated");
      }
    }
  }

  private static void pattern(JsonNode value, String path, List<String> problems) {
    if (!value.isString()) {
      problems.add(where(path) + ": must be a regular expression, as a string");
      return;
    }
    try {
      Pattern.compile(value.stringValue());
    } catch (PatternSyntaxException e) {
      problems.add(where(path) + ": not a valid regular expression: " + e.getDescription());
    }
  }

  private static String where(String path) {
    return path.isEmpty() ? "the schema" : path;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
