package dev.switchboard.mcp.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The kit's schema checker, on schemas the framework generates and on the keywords it covers. */
class SchemaCheckTest {
  private static List<String> check(String schema, String value) {
    return SchemaCheck.violations(Json.parse(schema), Json.parse(value));
  }

  /** Types whose schemas the framework generates: nested records, enums, optionals, maps, sets, recursion. */
  public static final class Shapes {
    /** A size. */
    public enum Size { SMALL, LARGE }

    /** A part of a tree. */
    public record Node(String name, List<Node> children) {}

    /** Everything at once. */
    public record Everything(int count, Optional<String> note, Size size, Set<Size> sizes, Map<String, Integer> scores,
        LocalDate day, Node tree, double ratio) {}

    @McpTool(description = "Returns everything")
    public Everything everything() {
      return null;
    }
  }

  @Test
  void valuesMatchTheSchemasTheFrameworkGenerates() {
    Tool tool = McpServer.builder("s", "1").register(new Shapes()).build().tools().get(0);
    JsonNode schema = tool.outputSchema();
    String good = "{\"count\": 3, \"note\": null, \"size\": \"SMALL\", \"sizes\": [\"SMALL\", \"LARGE\"],"
        + " \"scores\": {\"a\": 1}, \"day\": \"2026-02-28\", \"ratio\": 0.5,"
        + " \"tree\": {\"name\": \"root\", \"children\": [{\"name\": \"leaf\", \"children\": []}]}}";
    assertEquals(List.of(), SchemaCheck.violations(schema, Json.parse(good)), schema.toString());
    List<String> bad = SchemaCheck.violations(schema, Json.parse("{\"count\": 3.5, \"size\": \"MEDIUM\","
        + " \"sizes\": [\"SMALL\", \"SMALL\"], \"scores\": {\"a\": \"x\"}, \"day\": \"2026-02-30\", \"ratio\": 1,"
        + " \"tree\": {\"name\": \"root\", \"children\": [{\"name\": 7}]}, \"extra\": true}"));
    String all = String.join("\n", bad);
    assertTrue(all.contains("$.count: expected integer"), all);
    assertTrue(all.contains("$.size: must be one of [\"SMALL\",\"LARGE\"], not \"MEDIUM\""), all);
    assertTrue(all.contains("$.sizes: items 0 and 1 are the same"), all);
    assertTrue(all.contains("$.scores.a: expected integer"), all);
    assertTrue(all.contains("$.day: not a valid date"), all);
    assertTrue(all.contains("$.tree.children[0].name: expected one of [\"string\",\"null\"], got a number 7"), all);
    assertTrue(all.contains("'extra' is not a declared property"), all);
  }

  @Test
  void theCoveredKeywordsAreChecked() {
    assertEquals(List.of(), check("{\"type\": [\"string\", \"null\"]}", "null"));
    assertEquals(1, check("{\"type\": \"integer\"}", "1.5").size());
    assertEquals(List.of(), check("{\"type\": \"integer\"}", "2.0"));
    assertEquals(1, check("{\"minimum\": 1, \"maximum\": 3}", "4").size());
    assertEquals(1, check("{\"exclusiveMinimum\": 1}", "1").size());
    assertEquals(1, check("{\"multipleOf\": 0.5}", "0.75").size());
    assertEquals(1, check("{\"minLength\": 2}", "\"a\"").size());
    assertEquals(1, check("{\"pattern\": \"^[a-z]+$\"}", "\"A1\"").size());
    assertEquals(1, check("{\"const\": 1}", "2").size());
    assertEquals(1, check("{\"oneOf\": [{\"type\": \"number\"}, {\"type\": \"integer\"}]}", "1").size());
    assertEquals(List.of(), check("{\"anyOf\": [{\"type\": \"number\"}, {\"type\": \"string\"}]}", "\"x\""));
    assertEquals(List.of("$: matches none of anyOf (true)"),
        check("{\"anyOf\": [{\"type\": \"number\"}, {\"type\": \"string\"}]}", "true"));
    assertEquals(1, check("{\"not\": {\"type\": \"string\"}}", "\"x\"").size());
    assertEquals(1, check("{\"prefixItems\": [{\"type\": \"string\"}], \"items\": {\"type\": \"integer\"}}",
        "[\"a\", \"b\"]").size());
    assertEquals(1, check("{\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}}", "{\"A\": 1}").size());
    assertEquals(1, check("{\"maxProperties\": 1}", "{\"a\": 1, \"b\": 2}").size());
    assertEquals(1, check("{\"$ref\": \"#/$defs/x\", \"$defs\": {\"x\": {\"type\": \"string\"}}}", "1").size());
    assertEquals(1, check("{\"format\": \"uuid\"}", "\"not-a-uuid\"").size());
    assertEquals(List.of(), check("{\"format\": \"date-time\"}", "\"2026-01-01T10:00:00Z\""));
    assertEquals(List.of(), check("{\"unknownKeyword\": 1}", "1"));
    assertEquals(1, check("false", "1").size());
  }

  @Test
  void assertMatchesSchemaNamesEachProblem() {
    AssertionError failure = assertThrows(AssertionError.class, () -> McpAssertions.assertMatchesSchema(
        Json.parse("{\"type\": \"object\", \"required\": [\"a\", \"b\"]}"), Json.parse("{}")));
    assertTrue(failure.getMessage().contains("$: 'a' is required\n  $: 'b' is required"), failure.getMessage());
  }
}
