package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.protocol.ToolAnnotations;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;

/**
 * Assertions on a tool's declaration, as {@code tools/list} gives it: the JSON Schema of its input,
 * its output schema, its hints. Start with {@link McpAssertions#assertThat(Tool)}; every method
 * returns this.
 */
public final class ToolAssert {
  private final Tool tool;

  ToolAssert(Tool tool) {
    this.tool = tool;
  }

  private AssertionFailedError fail(String message) {
    return new AssertionFailedError("tool '" + tool.name() + "': " + message + "\ndeclared: " + describe());
  }

  private String describe() {
    return "inputSchema " + Json.compact(tool.inputSchema())
        + (tool.outputSchema() == null ? "" : ", outputSchema " + Json.compact(tool.outputSchema()))
        + (tool.annotations() == null ? "" : ", annotations " + tool.annotations());
  }

  /**
   * The description contains this.
   *
   * @param part what the description says
   * @return this
   */
  public ToolAssert hasDescriptionContaining(String part) {
    if (tool.description() == null || !tool.description().contains(part)) {
      throw fail("expected the description to contain \"" + part + "\", it is " + tool.description());
    }
    return this;
  }

  /**
   * The input schema is exactly this JSON (members in any order).
   *
   * @param json the schema
   * @return this
   */
  public ToolAssert hasInputSchema(String json) {
    JsonNode expected = Json.parse(json);
    if (!Json.same(expected, tool.inputSchema())) {
      throw new AssertionFailedError("tool '" + tool.name() + "': the input schema differs",
          Json.canonical(expected), Json.canonical(tool.inputSchema()));
    }
    return this;
  }

  /**
   * The arguments the input schema requires are exactly these.
   *
   * @param names the required arguments, in any order
   * @return this
   */
  public ToolAssert requiresArguments(String... names) {
    TreeSet<String> actual = new TreeSet<>();
    tool.inputSchema().path("required").forEach(name -> actual.add(name.asString()));
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(names));
    if (!actual.equals(expected)) {
      throw new AssertionFailedError("tool '" + tool.name() + "': the required arguments differ",
          expected.toString(), actual.toString());
    }
    return this;
  }

  /**
   * The input schema declares this argument, of this JSON type.
   *
   * @param name the argument
   * @param type its type: {@code string}, {@code integer}, {@code number}, {@code boolean},
   *     {@code array}, {@code object} (a type list such as {@code ["string", "null"]}, or an
   *     {@code anyOf} of it and {@code null}, passes when it holds it)
   * @return this
   */
  public ToolAssert hasArgument(String name, String type) {
    JsonNode property = tool.inputSchema().path("properties").path(name);
    if (property.isMissingNode()) {
      throw fail("expected an argument '" + name + "'");
    }
    boolean matches = hasType(property, type);
    for (String combinator : List.of("anyOf", "oneOf")) {
      for (JsonNode branch : property.path(combinator)) {
        matches |= hasType(branch, type); // a nullable value is "T or null"
      }
    }
    if (!matches) {
      throw fail("expected '" + name + "' of type " + type + ", it is " + Json.compact(property));
    }
    return this;
  }

  private static boolean hasType(JsonNode schema, String type) {
    JsonNode declared = schema.path("type");
    return declared.isArray() ? contains(declared, type) : type.equals(declared.asString(""));
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode element : array) {
      if (value.equals(element.asString(""))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The input schema accepts these arguments (checked with the kit's schema checker).
   *
   * @param argumentsJson the arguments, a JSON object
   * @return this
   */
  public ToolAssert accepts(String argumentsJson) {
    List<String> problems = SchemaCheck.violations(tool.inputSchema(), Json.parse(argumentsJson));
    if (!problems.isEmpty()) {
      throw fail("expected the input schema to accept " + argumentsJson + ":\n  " + String.join("\n  ", problems));
    }
    return this;
  }

  /**
   * The input schema refuses these arguments.
   *
   * @param argumentsJson the arguments, a JSON object
   * @return this
   */
  public ToolAssert refuses(String argumentsJson) {
    if (SchemaCheck.violations(tool.inputSchema(), Json.parse(argumentsJson)).isEmpty()) {
      throw fail("expected the input schema to refuse " + argumentsJson);
    }
    return this;
  }

  /**
   * The tool declares an output schema.
   *
   * @return this
   */
  public ToolAssert hasOutputSchema() {
    if (tool.outputSchema() == null) {
      throw fail("expected an outputSchema");
    }
    return this;
  }

  /**
   * The output schema is exactly this JSON (members in any order).
   *
   * @param json the schema
   * @return this
   */
  public ToolAssert hasOutputSchema(String json) {
    hasOutputSchema();
    JsonNode expected = Json.parse(json);
    if (!Json.same(expected, tool.outputSchema())) {
      throw new AssertionFailedError("tool '" + tool.name() + "': the output schema differs",
          Json.canonical(expected), Json.canonical(tool.outputSchema()));
    }
    return this;
  }

  /**
   * The tool says it only reads ({@code readOnlyHint}, false unless said).
   *
   * @return this
   */
  public ToolAssert isReadOnly() {
    return hint("readOnlyHint", hints().readOnlyHint(), false, true);
  }

  /**
   * The tool does not say it only reads.
   *
   * @return this
   */
  public ToolAssert isNotReadOnly() {
    return hint("readOnlyHint", hints().readOnlyHint(), false, false);
  }

  /**
   * The tool may destroy ({@code destructiveHint}, true unless said).
   *
   * @return this
   */
  public ToolAssert isDestructive() {
    return hint("destructiveHint", hints().destructiveHint(), true, true);
  }

  /**
   * The tool says it does not destroy.
   *
   * @return this
   */
  public ToolAssert isNotDestructive() {
    return hint("destructiveHint", hints().destructiveHint(), true, false);
  }

  /**
   * The tool says calling it twice is as calling it once ({@code idempotentHint}, false unless said).
   *
   * @return this
   */
  public ToolAssert isIdempotent() {
    return hint("idempotentHint", hints().idempotentHint(), false, true);
  }

  /**
   * The tool may reach the world outside ({@code openWorldHint}, true unless said).
   *
   * @return this
   */
  public ToolAssert isOpenWorld() {
    return hint("openWorldHint", hints().openWorldHint(), true, true);
  }

  /**
   * The tool says it stays in a closed world.
   *
   * @return this
   */
  public ToolAssert isNotOpenWorld() {
    return hint("openWorldHint", hints().openWorldHint(), true, false);
  }

  private ToolAnnotations hints() {
    return tool.annotations() != null ? tool.annotations() : new ToolAnnotations(null, null, null, null, null);
  }

  private ToolAssert hint(String name, Boolean declared, boolean byDefault, boolean expected) {
    boolean actual = declared == null ? byDefault : declared;
    if (actual != expected) {
      throw fail("expected " + name + " " + expected + ", it is " + actual
          + (declared == null ? " (not declared: the spec's default)" : ""));
    }
    return this;
  }

  /**
   * The tool checked.
   *
   * @return the tool
   */
  public Tool tool() {
    return tool;
  }

}
