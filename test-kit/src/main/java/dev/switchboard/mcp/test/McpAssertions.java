package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.Tool;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;

/**
 * The kit's assertions. Each failure says what was expected and what came, and shows the HTTP
 * exchanges of the request, so a failing test explains itself.
 *
 * <pre>{@code
 * assertThat(client.callTool("weather", Map.of("city", "Oslo")))
 *     .isNotError()
 *     .hasStructuredValue("/city", "Oslo")
 *     .matchesOutputSchema()
 *     .reportedProgress(1);
 * }</pre>
 */
public final class McpAssertions {
  private McpAssertions() {}

  /**
   * Starts assertions on a tool's result.
   *
   * @param result the result
   * @return the assertions
   */
  public static ToolResultAssert assertThat(ToolResult result) {
    return new ToolResultAssert(Objects.requireNonNull(result, "result"));
  }

  /**
   * Starts assertions on a tool's declaration: its input schema, output schema and hints.
   *
   * @param tool the tool, as {@link McpTestClient#tool(String)} lists it
   * @return the assertions
   */
  public static ToolAssert assertThat(Tool tool) {
    return new ToolAssert(Objects.requireNonNull(tool, "tool"));
  }

  /**
   * Checks that a request fails with a JSON-RPC error of the given code.
   *
   * @param code the expected code, such as -32602
   * @param request the request, such as {@code () -> client.readResource("nope://x")}
   * @return the error, for more checks
   * @throws AssertionError when the request succeeds or fails otherwise
   */
  public static McpResponseException assertRpcError(int code, Executable request) {
    try {
      request.execute();
    } catch (McpResponseException e) {
      if (e.code() != code) {
        throw failure("expected JSON-RPC error " + code + " but got " + e.code() + " (" + e.errorMessage() + ")",
            e.exchanges());
      }
      return e;
    } catch (Throwable other) {
      throw new AssertionFailedError("expected JSON-RPC error " + code + " but the request threw " + other, other);
    }
    throw new AssertionFailedError("expected JSON-RPC error " + code + " but the request succeeded");
  }

  /**
   * Checks that a value matches a JSON Schema, with the kit's own checker of the keywords tool
   * schemas use.
   *
   * @param schema the schema
   * @param value the value
   * @throws AssertionError naming each place that does not match
   */
  public static void assertMatchesSchema(JsonNode schema, JsonNode value) {
    List<String> problems = SchemaCheck.violations(schema, value);
    if (!problems.isEmpty()) {
      throw new AssertionFailedError("the value does not match its schema:\n  " + String.join("\n  ", problems)
          + "\nvalue: " + Exchange.cut(Json.compact(value), 4_000) + "\nschema: " + Json.compact(schema));
    }
  }

  /** A failure with the exchanges that explain it. */
  static AssertionFailedError failure(String message, List<Exchange> exchanges) {
    return new AssertionFailedError(message + "\n\n" + Exchange.describe(exchanges));
  }

  /** A failure that IDEs show as a difference between two texts. */
  static AssertionFailedError failure(String message, Object expected, Object actual, List<Exchange> exchanges) {
    return new AssertionFailedError(message + "\n\n" + Exchange.describe(exchanges), expected, actual);
  }
}
