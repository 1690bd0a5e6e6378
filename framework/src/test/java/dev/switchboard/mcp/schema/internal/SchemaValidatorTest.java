package dev.switchboard.mcp.schema.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.schema.internal.JsonSchemaGenerator.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validation messages name the field and say what is wrong. */
class SchemaValidatorTest {
  private final JsonSchemaGenerator generator = new JsonSchemaGenerator(JsonMapper.shared(), PropertyHints.NONE);

  private static JsonNode json(String text) {
    return JsonMapper.shared().readTree(text);
  }

  private List<String> validate(Class<?> type, String value) {
    return SchemaValidator.of(generator.schemaFor(type, Direction.INPUT)).validate(json(value));
  }

  @Test
  void aValidValueHasNoProblems() {
    assertEquals(List.of(), validate(SchemaFixtures.Order.class, """
        {"customer":{"name":"Ada","address":{"street":"1 Main","city":"Oslo"}},
         "lines":[{"product":{"sku":"A1","price":9.5},"quantity":2}],
         "featured":{"sku":"B2","price":1}}"""));
    assertEquals(List.of(), validate(SchemaFixtures.Primitives.class, """
        {"flag":true,"boxedFlag":false,"count":1.0,"boxedCount":2,"big":3,"small":4,"tiny":5,
         "ratio":0.5,"boxedRatio":1,"initial":"x","name":"n"}"""), "1.0 is an integer in JSON Schema");
  }

  @Test
  void missingAndUnknownFieldsAreNamed() {
    List<String> problems = validate(SchemaFixtures.Address.class, "{\"street\":\"1 Main\",\"zip\":\"0150\"}");
    assertEquals(List.of("'city' is required", "'zip' is not a known argument (expected: street, city)"), problems);
  }

  @Test
  void nestedPathsAndArrayIndexesAreNamed() {
    List<String> problems = validate(SchemaFixtures.Order.class, """
        {"customer":{"name":"Ada","address":{"street":"1 Main","city":7}},
         "lines":[{"product":{"sku":"A1","price":"cheap"},"quantity":2.5}],
         "featured":{"sku":"B2","price":1}}""");
    assertEquals(List.of("'customer.address.city' must be a string, not an integer",
        "'lines[0].product.price' must be a number, not a string",
        "'lines[0].quantity' must be an integer, not a number"), problems);
  }

  @Test
  void enumsAndFormatsSayWhatIsAllowed() {
    assertEquals(List.of("'unit' must be one of [\"CELSIUS\", \"FAHRENHEIT\"], not \"KELVIN\""),
        validate(SchemaFixtures.Enums.class, "{\"unit\":\"KELVIN\",\"priority\":\"low\",\"units\":[]}"));
    assertEquals(List.of("'priority' must be one of [\"low\", \"high\"], not \"urgent\""),
        validate(SchemaFixtures.Enums.class, "{\"unit\":\"CELSIUS\",\"priority\":\"urgent\",\"units\":[]}"));
    List<String> problems = validate(SchemaFixtures.Scalars.class, """
        {"amount":1,"huge":2,"at":"yesterday","offsetAt":"2025-01-01T00:00:00Z","zonedAt":"2025-01-01T00:00:00+01:00",
         "day":"2025-13-40","time":"09:30","localAt":"2025-01-01T09:30","timeout":"PT15M",
         "id":"not-a-uuid","link":"https://example.com","data":"AAEC"}""");
    assertEquals(List.of(
        "'at' must be a date-time (RFC 3339, like 2025-06-18T09:30:00Z), not \"yesterday\"",
        "'day' must be a date (like 2025-06-18), not \"2025-13-40\"",
        "'id' must be a uuid, not \"not-a-uuid\""), problems);
  }

  @Test
  void nullableAndOptionalFieldsAcceptNullOrAbsence() {
    assertEquals(List.of(), validate(SchemaFixtures.Optionals.class, "{}"));
    assertEquals(List.of(), validate(SchemaFixtures.Optionals.class, "{\"note\":null,\"address\":null,\"age\":3}"));
    assertEquals(List.of("'address.city' is required"),
        validate(SchemaFixtures.Optionals.class, "{\"address\":{\"street\":\"x\"}}"),
        "the non-null branch explains a failed nullable value");
  }

  @Test
  void recursiveReferencesAreFollowed() {
    assertEquals(List.of("'children[0].children[0].name' must be a string, not a boolean"),
        validate(SchemaFixtures.TreeNode.class,
            "{\"name\":\"a\",\"children\":[{\"name\":\"b\",\"children\":[{\"name\":true,\"children\":[]}]}]}"));
  }

  @Test
  void handWrittenSchemasUseTheCommonKeywords() {
    SchemaValidator validator = SchemaValidator.of(json("""
        {"type":"object","properties":{
          "n":{"type":"integer","minimum":1,"maximum":10},
          "s":{"type":"string","minLength":2,"pattern":"^[a-z]+$"},
          "a":{"type":"array","maxItems":2,"uniqueItems":true},
          "c":{"const":"fixed"}}}"""));
    List<String> problems = validator.validate(json("{\"n\":11,\"s\":\"A\",\"a\":[1,1,1],\"c\":\"other\"}"));
    assertTrue(problems.contains("'n' must be at most 10"), problems.toString());
    assertTrue(problems.contains("'s' must have at least 2 characters"), problems.toString());
    assertTrue(problems.contains("'s' must match the pattern ^[a-z]+$"), problems.toString());
    assertTrue(problems.contains("'a' must have at most 2 items"), problems.toString());
    assertTrue(problems.contains("'a' must not repeat 1"), problems.toString());
    assertTrue(problems.contains("'c' must be \"fixed\""), problems.toString());
  }

  @Test
  void theWholeValueMustHaveTheRightType() {
    assertEquals(List.of("the arguments must be an object, not an array"),
        validate(SchemaFixtures.Address.class, "[]"));
  }
}
