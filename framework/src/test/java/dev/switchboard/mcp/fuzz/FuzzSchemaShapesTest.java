package dev.switchboard.mcp.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.mcp.schema.internal.SchemaCheck;
import dev.switchboard.mcp.schema.internal.SchemaValidator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes {@link SchemaValidator} with fuzzed schemas: every schema {@link SchemaCheck} accepts must
 * validate any value without throwing, in little time (libFuzzer's per-input timeout, 10 s in the
 * build), with the properties of {@link FuzzSchemaValidatorTest#checkValue}. The schemas are built
 * from the keywords the validator and the check know; {@code pattern}s come from a fixed list, as a
 * regular expression is the schema author's own (and Jazzer reports any fuzzed one that does not compile).
 */
class FuzzSchemaShapesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> KEYWORDS = List.of("type", "enum", "const", "properties", "required",
      "additionalProperties", "propertyNames", "minProperties", "maxProperties", "items", "minItems", "maxItems",
      "uniqueItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
      "exclusiveMaximum", "multipleOf", "allOf", "anyOf", "oneOf", "not", "$ref", "$defs", "default", "description");
  private static final List<String> TYPES = List.of("null", "boolean", "object", "array", "number", "string",
      "integer");
  private static final List<String> NAMES = List.of("a", "b", "c", "name", "kids");
  private static final List<String> PATTERNS = List.of("^[a-z]+$", "[0-9]", "^$", "a|b", "^(ab)*$", "\\d{2,4}",
      "^[^/]+/[^/]+$", ".");
  private static final List<String> FORMATS = List.of("date-time", "date", "time", "duration", "uuid", "uri",
      "email");
  private static final List<String> REFS = List.of("#", "#/$defs/a", "#/$defs/b", "#/properties/a", "#/items",
      "#/nope", "other.json#/x");
  private static final List<String> WORDS = List.of("a", "b", "c", "name", "kids", "x", "", "2025-06-18",
      "PT15M", "09:30:00", "2025-06-18T09:30:00Z", "3f1c6c1e-8c1a-4c3e-9a55-0d7b5f6a1b2c", "https://a.example/");

  @FuzzTest(maxDuration = "4s")
  void validatesAgainstWellFormedSchemas(FuzzedDataProvider data) {
    JsonNode schema = schema(data, 0);
    if (!SchemaCheck.problems(schema).isEmpty()) {
      return;
    }
    Set<String> words = new LinkedHashSet<>(WORDS);
    FuzzSchemaValidatorTest.collectWords(schema, words);
    List<String> wordList = List.copyOf(words);
    SchemaValidator validator = SchemaValidator.of(schema);
    int values = data.consumeInt(1, 3);
    for (int i = 0; i < values; i++) {
      JsonNode value = FuzzJson.value(data, wordList, 0);
      FuzzSchemaValidatorTest.checkValue(validator, value);
    }
  }

  static JsonNode schema(FuzzedDataProvider data, int depth) {
    if (data.consumeInt(0, 9) == 0) {
      return NODES.booleanNode(data.consumeBoolean());
    }
    ObjectNode schema = NODES.objectNode();
    int keywords = data.consumeInt(0, depth >= 3 ? 2 : 4);
    for (int i = 0; i < keywords; i++) {
      String keyword = data.pickValue(KEYWORDS);
      schema.set(keyword, keywordValue(keyword, data, depth));
    }
    return schema;
  }

  private static JsonNode keywordValue(String keyword, FuzzedDataProvider data, int depth) {
    if (data.consumeInt(0, 15) == 0) {
      // Anything at all, which SchemaCheck should mostly refuse; but never a fuzzed pattern string.
      JsonNode any = FuzzJson.value(data, WORDS, 3);
      return keyword.equals("pattern") && any.isString() ? NODES.stringNode(data.pickValue(PATTERNS)) : any;
    }
    return switch (keyword) {
      case "type" -> data.consumeBoolean() ? NODES.stringNode(data.pickValue(TYPES))
          : strings(data, TYPES);
      case "enum" -> {
        ArrayNode options = NODES.arrayNode();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
          options.add(FuzzJson.value(data, WORDS, 3));
        }
        yield options;
      }
      case "const", "default" -> FuzzJson.value(data, WORDS, 3);
      case "properties", "$defs" -> {
        ObjectNode map = NODES.objectNode();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
          map.set(keyword.equals("$defs") ? data.pickValue(List.of("a", "b")) : data.pickValue(NAMES),
              schema(data, depth + 1));
        }
        yield map;
      }
      case "required" -> strings(data, NAMES);
      case "additionalProperties", "propertyNames", "items", "not" -> schema(data, depth + 1);
      case "minProperties", "maxProperties", "minItems", "maxItems", "minLength", "maxLength" ->
          data.consumeInt(0, 9) == 0 ? NODES.numberNode(data.consumeLong(0, Long.MAX_VALUE))
              : NODES.numberNode(data.consumeInt(0, 6));
      case "uniqueItems" -> NODES.booleanNode(data.consumeBoolean());
      case "pattern" -> NODES.stringNode(data.pickValue(PATTERNS));
      case "format" -> NODES.stringNode(data.pickValue(FORMATS));
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" -> FuzzJson.number(data);
      case "allOf", "anyOf", "oneOf" -> {
        ArrayNode branches = NODES.arrayNode();
        int n = data.consumeInt(1, 3);
        for (int i = 0; i < n; i++) {
          branches.add(schema(data, depth + 1));
        }
        yield branches;
      }
      case "$ref" -> NODES.stringNode(data.pickValue(REFS));
      default -> NODES.stringNode(data.consumeString(16));
    };
  }

  private static ArrayNode strings(FuzzedDataProvider data, List<String> from) {
    ArrayNode array = NODES.arrayNode();
    int n = data.consumeInt(1, 3);
    for (int i = 0; i < n; i++) {
      array.add(data.pickValue(from));
    }
    return array;
  }
}
