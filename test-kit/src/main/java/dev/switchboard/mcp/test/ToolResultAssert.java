package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Tool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Assertions on a tool's result, read like what the tool promises. Every method returns this, so
 * they chain; a failure shows the result's HTTP exchanges. Start with
 * {@link McpAssertions#assertThat(ToolResult)}.
 */
public final class ToolResultAssert {
  private final ToolResult result;

  ToolResultAssert(ToolResult result) {
    this.result = result;
  }

  private AssertionError fail(String message) {
    return McpAssertions.failure("tool '" + result.toolName() + "': " + message, result.exchanges());
  }

  /**
   * The result is not a tool error.
   *
   * @return this
   */
  public ToolResultAssert isNotError() {
    if (result.isError()) {
      throw fail("expected a result, got a tool error: " + result.text());
    }
    if (result.isInputRequired()) {
      throw fail("expected a result, got input_required: the call never got an answer it needed");
    }
    return this;
  }

  /**
   * The result is a tool error ({@code isError: true}).
   *
   * @return this
   */
  public ToolResultAssert isError() {
    if (!result.isError()) {
      throw fail("expected a tool error, got a result: " + Exchange.cut(result.text(), 2_000));
    }
    return this;
  }

  /**
   * The result is a tool error whose text is exactly this message.
   *
   * @param message the error's text
   * @return this
   */
  public ToolResultAssert isErrorWithMessage(String message) {
    isError();
    if (!result.text().equals(message)) {
      throw McpAssertions.failure("tool '" + result.toolName() + "': the error's message differs", message,
          result.text(), result.exchanges());
    }
    return this;
  }

  /**
   * The result is a tool error whose text contains each part.
   *
   * @param parts what the message says
   * @return this
   */
  public ToolResultAssert isErrorContaining(String... parts) {
    isError();
    return hasTextContaining(parts);
  }

  /**
   * The text content is exactly this (text blocks joined with newlines).
   *
   * @param text the text
   * @return this
   */
  public ToolResultAssert hasText(String text) {
    if (!result.text().equals(text)) {
      throw McpAssertions.failure("tool '" + result.toolName() + "': the text differs", text, result.text(),
          result.exchanges());
    }
    return this;
  }

  /**
   * The text content contains each part.
   *
   * @param parts what the text says
   * @return this
   */
  public ToolResultAssert hasTextContaining(String... parts) {
    for (String part : parts) {
      if (!result.text().contains(part)) {
        throw fail("expected the text to contain \"" + part + "\", it is \"" + Exchange.cut(result.text(), 2_000)
            + "\"");
      }
    }
    return this;
  }

  /**
   * The structured content is this JSON value (members in any order, {@code 1} equal to
   * {@code 1.0}).
   *
   * @param json the expected structured content, as JSON text
   * @return this
   */
  public ToolResultAssert hasStructuredContent(String json) {
    return hasStructured(Json.parse(json));
  }

  /**
   * The structured content is this value, written as JSON by Jackson (a record, a map).
   *
   * @param value the expected structured content
   * @return this
   */
  public ToolResultAssert hasStructuredContent(Object value) {
    return hasStructured(Json.tree(value));
  }

  private ToolResultAssert hasStructured(JsonNode expected) {
    JsonNode actual = structured();
    if (!Json.same(expected, actual)) {
      throw McpAssertions.failure("tool '" + result.toolName() + "': the structured content differs",
          Json.canonical(expected), Json.canonical(actual), result.exchanges());
    }
    return this;
  }

  private JsonNode structured() {
    return result.structuredContent().orElseThrow(() -> fail("expected structuredContent, the result has none"));
  }

  /**
   * A value inside the structured content.
   *
   * @param pointer a JSON Pointer, such as {@code /rows/0/0}
   * @param expected the value (a string, number, boolean, list, map or record)
   * @return this
   */
  public ToolResultAssert hasStructuredValue(String pointer, Object expected) {
    JsonNode actual = structured().at(pointer);
    JsonNode wanted = expected == null ? Json.NODES.nullNode() : Json.tree(expected);
    if (actual.isMissingNode()) {
      throw fail("the structured content has nothing at " + pointer + ": " + Json.compact(structured()));
    }
    if (!Json.same(wanted, actual)) {
      throw McpAssertions.failure("tool '" + result.toolName() + "': the structured value at " + pointer
          + " differs", Json.compact(wanted), Json.compact(actual), result.exchanges());
    }
    return this;
  }

  /**
   * The structured content matches the output schema the tool declares in {@code tools/list}, as a
   * client checks it. A tool without an output schema fails this.
   *
   * @return this
   */
  public ToolResultAssert matchesOutputSchema() {
    Tool tool = result.declaredTool().orElseThrow(() -> fail("the server does not list this tool"));
    JsonNode schema = tool.outputSchema();
    if (schema == null) {
      throw fail("the tool declares no outputSchema");
    }
    List<String> problems = SchemaCheck.violations(schema, structured());
    if (!problems.isEmpty()) {
      throw fail("the structured content does not match the declared outputSchema:\n  "
          + String.join("\n  ", problems) + "\noutputSchema: " + Json.compact(schema));
    }
    return this;
  }

  /**
   * The progress notifications carried exactly these values, in this order.
   *
   * @param values the progress values
   * @return this
   */
  public ToolResultAssert reportedProgress(double... values) {
    List<Double> actual = result.progress().stream().map(Progress::progress).toList();
    List<Double> expected = Arrays.stream(values).boxed().toList();
    if (!actual.equals(expected)) {
      throw McpAssertions.failure("tool '" + result.toolName() + "': the progress differs", expected.toString(),
          actual.toString(), result.exchanges());
    }
    return this;
  }

  /**
   * The progress notifications carried exactly these messages, in this order.
   *
   * @param messages the messages
   * @return this
   */
  public ToolResultAssert reportedProgressMessages(String... messages) {
    List<String> actual = new ArrayList<>();
    result.progress().forEach(progress -> actual.add(progress.message()));
    if (!actual.equals(Arrays.asList(messages))) {
      throw McpAssertions.failure("tool '" + result.toolName() + "': the progress messages differ",
          Arrays.asList(messages).toString(), actual.toString(), result.exchanges());
    }
    return this;
  }

  /**
   * Some progress arrived, each value greater than the one before and none beyond its total.
   *
   * @return this
   */
  public ToolResultAssert reportedIncreasingProgress() {
    List<Progress> progress = result.progress();
    if (progress.isEmpty()) {
      throw fail("expected progress, none arrived");
    }
    for (int i = 0; i < progress.size(); i++) {
      Progress one = progress.get(i);
      if (i > 0 && one.progress() <= progress.get(i - 1).progress()) {
        throw fail("progress went from " + progress.get(i - 1).progress() + " to " + one.progress() + ": " + progress);
      }
      if (one.total() != null && one.progress() > one.total()) {
        throw fail("progress " + one.progress() + " is beyond its total " + one.total());
      }
    }
    return this;
  }

  /**
   * A log message at this level (exactly) arrived whose text contains this.
   *
   * @param level the level
   * @param containing part of its text (its data as JSON when not a string)
   * @return this
   */
  public ToolResultAssert logged(LoggingLevel level, String containing) {
    for (LogMessage message : result.logs()) {
      if (message.level() == level && message.text().contains(containing)) {
        return this;
      }
    }
    throw fail("expected a " + level.wireName() + " log message containing \"" + containing + "\"; the messages: "
        + describe(result.logs()));
  }

  /**
   * No log message at this level or above arrived.
   *
   * @param level the lowest level that fails
   * @return this
   */
  public ToolResultAssert loggedNothingAtOrAbove(LoggingLevel level) {
    for (LogMessage message : result.logs()) {
      if (message.level().compareTo(level) >= 0) {
        throw fail("expected nothing logged at " + level.wireName() + " or above; the messages: "
            + describe(result.logs()));
      }
    }
    return this;
  }

  private static String describe(List<LogMessage> logs) {
    if (logs.isEmpty()) {
      return "none";
    }
    StringBuilder out = new StringBuilder();
    logs.forEach(message -> out.append("\n  ").append(message.level().wireName()).append(' ')
        .append(message.logger() == null ? "" : message.logger() + ": ").append(message.text()));
    return out.toString();
  }

  /**
   * The server asked a question of this method whose message contains this, during the call.
   *
   * @param method such as {@link ServerQuestion#ELICITATION}
   * @param messageContaining part of its message (empty for any)
   * @return this
   */
  public ToolResultAssert asked(String method, String messageContaining) {
    Objects.requireNonNull(messageContaining, "messageContaining");
    for (ServerQuestion question : result.questions()) {
      if (question.method().equals(method) && question.message().contains(messageContaining)) {
        return this;
      }
    }
    throw fail("expected the server to ask " + method + " \"" + messageContaining + "\"; it asked: "
        + result.questions().stream().map(q -> q.method() + " \"" + q.message() + "\"").toList());
  }

  /**
   * The server asked nothing during the call.
   *
   * @return this
   */
  public ToolResultAssert askedNothing() {
    if (!result.questions().isEmpty()) {
      throw fail("expected no question; the server asked: "
          + result.questions().stream().map(q -> q.method() + " \"" + q.message() + "\"").toList());
    }
    return this;
  }

  /**
   * The call stopped at an {@code input_required} result (2026-07-28), its question unanswered.
   *
   * @return this
   */
  public ToolResultAssert isInputRequired() {
    if (!result.isInputRequired()) {
      throw fail("expected an input_required result");
    }
    return this;
  }

  /**
   * Runs more checks of the test's own on the result.
   *
   * @param checks the checks
   * @return this
   */
  public ToolResultAssert satisfies(Consumer<ToolResult> checks) {
    try {
      checks.accept(result);
    } catch (AssertionError e) {
      throw McpAssertions.failure("tool '" + result.toolName() + "': " + e.getMessage(), result.exchanges());
    }
    return this;
  }

  /**
   * The result checked.
   *
   * @return the result
   */
  public ToolResult result() {
    return result;
  }
}
