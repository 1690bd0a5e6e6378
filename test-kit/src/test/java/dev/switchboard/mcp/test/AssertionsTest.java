package dev.switchboard.mcp.test;

import static dev.switchboard.mcp.test.McpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** What the assertions say when they fail: what was expected, what came, and the exchange. */
@McpServerTest
class AssertionsTest {
  @ServerUnderTest
  static final KitTools TOOLS = new KitTools();

  private static AssertionFailedError failure(Runnable check) {
    return assertThrows(AssertionFailedError.class, check::run);
  }

  @Test
  void aWrongTextShowsBothTextsAndTheExchange(McpTestClient client) {
    ToolResult echo = client.callTool("echo", Map.of("text", "hello"));
    AssertionFailedError failure = failure(() -> assertThat(echo).hasText("goodbye"));
    assertEquals("goodbye", failure.getExpected().getValue());
    assertEquals("hello", failure.getActual().getValue());
    assertTrue(failure.getMessage().startsWith("tool 'echo': the text differs"), failure.getMessage());
    assertTrue(failure.getMessage().contains("POST " + client.uri()), failure.getMessage());
    assertTrue(failure.getMessage().contains("\"arguments\":{\"text\":\"hello\"}"), "the request body is shown");
  }

  @Test
  void errorsAndResultsAreToldApart(McpTestClient client) {
    ToolResult failed = client.callTool("fail", Map.of("why", "no paper"));
    assertThat(failed).isError().isErrorContaining("paper");
    assertTrue(failure(() -> assertThat(failed).isNotError()).getMessage()
        .contains("expected a result, got a tool error: no paper"));
    ToolResult fine = client.callTool("echo", Map.of("text", "ok"));
    assertTrue(failure(() -> assertThat(fine).isError()).getMessage().contains("expected a tool error"));
    assertTrue(failure(() -> assertThat(failed).isErrorWithMessage("no ink")).getMessage()
        .contains("the error's message differs"));
  }

  @Test
  void structuredContentIsComparedAsJson(McpTestClient client) {
    ToolResult sum = client.callTool("add", Map.of("terms", List.of(2, 3)));
    assertThat(sum).hasStructuredContent("{\"total\": 5.0, \"terms\": [2, 3]}").hasStructuredValue("/terms/1", 3);
    AssertionFailedError wrong = failure(() -> assertThat(sum).hasStructuredContent("{\"total\": 6, \"terms\": [2, 3]}"));
    assertTrue(String.valueOf(wrong.getExpected().getValue()).contains("\"total\": 6"), "shown canonical");
    assertTrue(failure(() -> assertThat(sum).hasStructuredValue("/nope", 1)).getMessage().contains("nothing at /nope"));
    ToolResult text = client.callTool("echo", Map.of("text", "plain"));
    assertTrue(failure(() -> assertThat(text).matchesOutputSchema()).getMessage()
        .contains("declares no outputSchema"));
  }

  @Test
  void progressLogsAndQuestionsSayWhatCame(McpTestClient client) {
    ToolResult counted = client.callTool("count", Map.of("to", 2));
    AssertionFailedError progress = failure(() -> assertThat(counted).reportedProgress(1, 2, 3));
    assertEquals("[1.0, 2.0, 3.0]", progress.getExpected().getValue());
    assertEquals("[1.0, 2.0]", progress.getActual().getValue());
    ToolResult chatty = client.callTool("chatty");
    AssertionFailedError log = failure(() -> assertThat(chatty).logged(LoggingLevel.ERROR, "paper"));
    assertTrue(log.getMessage().contains("warning kit: almost out of paper"), log.getMessage());
    assertTrue(failure(() -> assertThat(chatty).loggedNothingAtOrAbove(LoggingLevel.INFO)).getMessage()
        .contains("expected nothing logged at info or above"));
    assertTrue(failure(() -> assertThat(chatty).asked(ServerQuestion.ELICITATION, "")).getMessage()
        .contains("it asked: []"));
    assertThat(chatty).askedNothing();
  }

  @Test
  void aToolsDeclarationIsCheckedAgainstWhatItPromises(McpTestClient client) {
    assertThat(client.tool("echo"))
        .hasDescriptionContaining("text it is given")
        .requiresArguments("text")
        .hasArgument("text", "string")
        .hasInputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\","
            + "\"description\":\"What to say back\"}},\"required\":[\"text\"],\"additionalProperties\":false}")
        .accepts("{\"text\": \"hi\"}")
        .refuses("{\"text\": 5}")
        .refuses("{}")
        .isReadOnly()
        .isNotOpenWorld();
    assertThat(client.tool("add")).hasOutputSchema().isIdempotent().isReadOnly();
    assertThat(client.tool("order")).isNotReadOnly().isDestructive().isOpenWorld();
    AssertionFailedError schema = failure(() -> assertThat(client.tool("echo")).requiresArguments("text", "more"));
    assertEquals("[more, text]", schema.getExpected().getValue());
    assertTrue(failure(() -> assertThat(client.tool("order")).isReadOnly()).getMessage()
        .contains("expected readOnlyHint true, it is false (not declared: the spec's default)"));
    AssertionError missing = assertThrows(AssertionError.class, () -> client.tool("nope"));
    assertTrue(missing.getMessage().contains("lists no tool 'nope'"), missing.getMessage());
  }

  @Test
  void aNullableArgumentHasItsTypeInsideAnyOf() {
    Tool tool = Tool.builder("forecast").inputSchema("{\"type\": \"object\", \"properties\": {\"units\": {\"anyOf\":"
        + " [{\"type\": \"string\", \"enum\": [\"METRIC\"]}, {\"type\": \"null\"}]}}}").build();
    assertThat(tool).hasArgument("units", "string").hasArgument("units", "null").accepts("{\"units\": null}");
    assertTrue(failure(() -> assertThat(tool).hasArgument("units", "integer")).getMessage()
        .contains("expected 'units' of type integer"));
    assertTrue(failure(() -> assertThat(tool).hasArgument("city", "string")).getMessage()
        .contains("expected an argument 'city'"));
  }

  @Test
  void satisfiesAddsTheExchangeToTheTestsOwnChecks(McpTestClient client) {
    ToolResult echo = client.callTool("echo", Map.of("text", "a"));
    AssertionFailedError failure = failure(() -> assertThat(echo).satisfies(result ->
        assertEquals("b", result.text())));
    assertTrue(failure.getMessage().contains("POST " + client.uri()), failure.getMessage());
  }
}
