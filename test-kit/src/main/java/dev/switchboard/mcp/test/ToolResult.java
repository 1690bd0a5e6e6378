package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.Tool;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of a {@code tools/call}, with what came with it: progress, log messages, the
 * questions the server asked, and every HTTP exchange. Check it with
 * {@link McpAssertions#assertThat(ToolResult)}. Immutable.
 */
public final class ToolResult {
  private final String tool;
  private final ObjectNode arguments;
  private final McpResult result;
  private final McpTestClient client;

  ToolResult(String tool, ObjectNode arguments, McpResult result, McpTestClient client) {
    this.tool = tool;
    this.arguments = arguments.deepCopy();
    this.result = result;
    this.client = client;
  }

  /**
   * The tool's name.
   *
   * @return the name the call used
   */
  public String toolName() {
    return tool;
  }

  /**
   * The arguments the call sent.
   *
   * @return a copy of them
   */
  public ObjectNode arguments() {
    return arguments.deepCopy();
  }

  /**
   * Whether the tool reported an error ({@code isError: true}).
   *
   * @return true for a tool error
   */
  public boolean isError() {
    return result.json().path("isError").asBoolean(false);
  }

  /**
   * The text content blocks, joined with newlines (an embedded resource's text counts too).
   *
   * @return the text, or empty
   */
  public String text() {
    return result.text();
  }

  /**
   * The content blocks.
   *
   * @return a copy of {@code content}, an array (empty when there is none)
   */
  public JsonNode content() {
    JsonNode content = result.json().path("content");
    return content.isArray() ? content : Json.array();
  }

  /**
   * The structured content.
   *
   * @return a copy of {@code structuredContent}, if the result has one
   */
  public Optional<JsonNode> structuredContent() {
    JsonNode structured = result.json().get("structuredContent");
    return structured == null || structured.isNull() ? Optional.empty() : Optional.of(structured);
  }

  /**
   * The structured content bound to a type, such as the record the tool returns.
   *
   * @param <T> the type
   * @param type the type to bind to, with Jackson
   * @return the value
   * @throws AssertionError when the result has no structured content
   */
  public <T> T structuredContent(Class<T> type) {
    JsonNode structured = structuredContent().orElseThrow(() ->
        McpAssertions.failure("the result of tool '" + tool + "' has no structuredContent", result.exchanges()));
    return Json.MAPPER.treeToValue(structured, type);
  }

  /**
   * The whole result object.
   *
   * @return a copy of the JSON-RPC {@code result}
   */
  public JsonNode json() {
    return result.json();
  }

  /**
   * The tool as {@code tools/list} declares it (listed once per client, and again when it is not
   * found).
   *
   * @return the declared tool, if the server lists it
   */
  public Optional<Tool> declaredTool() {
    return client.findTool(tool);
  }

  /**
   * Whether the call stopped at an {@code input_required} result (2026-07-28), because the script
   * never answered a question.
   *
   * @return true when the call did not complete
   */
  public boolean isInputRequired() {
    return result.isInputRequired();
  }

  /**
   * The progress notifications the call received, in order.
   *
   * @return the progress
   */
  public List<Progress> progress() {
    return result.progress();
  }

  /**
   * The log messages the call received, in order.
   *
   * @return the log messages
   */
  public List<LogMessage> logs() {
    return result.logs();
  }

  /**
   * The questions the server asked during the call, in order.
   *
   * @return the questions
   */
  public List<ServerQuestion> questions() {
    return result.questions();
  }

  /**
   * The HTTP exchanges of the call, in order (several when it answered questions or took rounds).
   *
   * @return the exchanges
   */
  public List<Exchange> exchanges() {
    return result.exchanges();
  }

  /**
   * The call as a generic result.
   *
   * @return the underlying result
   */
  public McpResult raw() {
    return result;
  }

  /**
   * The call and its exchanges as text.
   *
   * @return a description for failure messages
   */
  @Override
  public String toString() {
    return "tools/call '" + tool + "' " + Json.compact(arguments) + "\n" + result;
  }
}
