package dev.switchboard.mcp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.schema.internal.SchemaCheck;
import dev.switchboard.mcp.schema.internal.SchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes {@link SchemaValidator} with values against fixed, realistic schemas: the generated schemas
 * of the schema tests ({@code src/test/resources/schemas}) and one that uses every keyword the
 * validator knows. Whatever the value, {@code validate} returns at most 10 messages and throws
 * nothing; a valid value stays valid once {@code withDefaults} has filled it in, and is not changed.
 */
class FuzzSchemaValidatorTest {
  private static final JsonMapper MAPPER = JsonRpcCodec.create().mapper();
  private static final List<String> RESOURCES = List.of("bean", "collections", "descriptions-and-defaults",
      "elicitation-form", "enums", "nested", "no-arguments", "optionals", "primitives", "recursive-nested",
      "recursive-root", "scalars", "tool-search", "tool-weather");
  /** Every keyword of the validator once, with the values a hand-written tool schema would give them. */
  static final String EVERY_KEYWORD = """
      {"type":"object","required":["id","when"],"additionalProperties":false,"minProperties":1,"maxProperties":8,
       "propertyNames":{"pattern":"^[a-z]+$","maxLength":12},
       "properties":{
        "id":{"type":"string","format":"uuid"},
        "when":{"type":"string","format":"date-time"},
        "day":{"type":"string","format":"date"},
        "at":{"type":["string","null"],"format":"time"},
        "every":{"type":"string","format":"duration","default":"PT15M"},
        "link":{"type":"string","format":"uri","minLength":3,"maxLength":200},
        "code":{"type":"string","pattern":"^[A-Z]{3}-[0-9]+$"},
        "count":{"type":"integer","minimum":0,"maximum":100,"default":10},
        "ratio":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1,"multipleOf":0.01},
        "tags":{"type":"array","items":{"type":"string","enum":["red","green","blue"]},"uniqueItems":true,
                "minItems":1,"maxItems":3},
        "mode":{"const":"fast"},
        "shape":{"oneOf":[{"type":"object","properties":{"r":{"type":"number"}},"required":["r"]},
                          {"type":"object","properties":{"w":{"type":"number"},"h":{"type":"number"}},
                           "required":["w","h"]}]},
        "size":{"anyOf":[{"type":"integer","multipleOf":2},{"type":"null"}]},
        "name":{"allOf":[{"type":"string"},{"not":{"const":"admin"}}]},
        "tree":{"$ref":"#/$defs/node"},
        "extra":{"type":"object","additionalProperties":{"type":"boolean"},
                 "properties":{"on":{"type":"boolean","default":true}}}},
       "$defs":{"node":{"type":"object","properties":{"label":{"type":"string","default":"?"},
                "kids":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["kids"]}}}
      """;
  /** Strings a value is likely to need to get past the first checks. */
  private static final List<String> EXAMPLES = List.of("2025-06-18T09:30:00Z", "2025-06-18", "09:30:00",
      "09:30:00+01:00", "PT15M", "P1D", "3f1c6c1e-8c1a-4c3e-9a55-0d7b5f6a1b2c", "https://example.com/a?b#c",
      "ABC-12", "fast", "admin", "red", "green", "blue");

  private record Fixture(String name, SchemaValidator validator, List<String> words) {}

  private static final List<Fixture> FIXTURES = fixtures();

  @FuzzTest(maxDuration = "4s")
  void validatesValuesAgainstRealisticSchemas(FuzzedDataProvider data) {
    Fixture fixture = data.pickValue(FIXTURES);
    JsonNode value = FuzzJson.value(data, fixture.words(), 0);
    checkValue(fixture.validator(), value);
  }

  /** The properties every validation must have, whatever the schema and value. */
  static void checkValue(SchemaValidator validator, JsonNode value) {
    JsonNode before = value.deepCopy();
    List<String> errors = validator.validate(value);
    assertTrue(errors.size() <= 10, () -> errors.size() + " messages");
    for (String error : errors) {
      assertFalse(error.isBlank());
    }
    assertEquals(before, value, "validate changed the value");
    if (errors.isEmpty()) {
      JsonNode filled = validator.withDefaults(value);
      assertEquals(before, value, "withDefaults changed the value");
      assertEquals(List.of(), validator.validate(filled), () -> "valid " + value + " filled in as " + filled);
    }
  }

  private static List<Fixture> fixtures() {
    List<Fixture> fixtures = new ArrayList<>();
    for (String name : RESOURCES) {
      fixtures.add(fixture(name, read("/schemas/" + name + ".json")));
    }
    fixtures.add(fixture("every-keyword", (ObjectNode) MAPPER.readTree(EVERY_KEYWORD)));
    return List.copyOf(fixtures);
  }

  private static Fixture fixture(String name, ObjectNode schema) {
    List<String> problems = SchemaCheck.problems(schema);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(name + ": " + problems);
    }
    Set<String> words = new LinkedHashSet<>(EXAMPLES);
    collectWords(schema, words);
    return new Fixture(name, SchemaValidator.of(schema), List.copyOf(words));
  }

  private static ObjectNode read(String resource) {
    try (InputStream in = Objects.requireNonNull(FuzzSchemaValidatorTest.class.getResourceAsStream(resource),
        resource)) {
      return (ObjectNode) MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Property names, and the strings of enums and consts: what a value needs to reach deeper checks. */
  static void collectWords(JsonNode schema, Set<String> words) {
    if (schema.isObject()) {
      for (Map.Entry<String, JsonNode> entry : schema.properties()) {
        if (entry.getKey().equals("properties") && entry.getValue().isObject()) {
          words.addAll(entry.getValue().propertyNames());
        }
        if ((entry.getKey().equals("enum") || entry.getKey().equals("const"))) {
          entry.getValue().forEach(v -> {
            if (v.isString()) {
              words.add(v.stringValue());
            }
          });
          if (entry.getValue().isString()) {
            words.add(entry.getValue().stringValue());
          }
        }
        collectWords(entry.getValue(), words);
      }
    } else if (schema.isArray()) {
      schema.forEach(item -> collectWords(item, words));
    }
  }
}
