package dev.switchboard.mcp.test;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The result of one MCP request (reading a resource, getting a prompt, or any method), with
 * everything that came with it: the progress and log messages on its stream, the questions the
 * server asked and the test's script answered, and every HTTP exchange it took (several for a
 * multi-round call, or one that answered questions). Immutable.
 */
public final class McpResult {
  private final String method;
  private final JsonNode result;
  private final List<Exchange> exchanges;
  private final List<Progress> progress;
  private final List<LogMessage> logs;
  private final List<ServerQuestion> questions;
  private final List<JsonNode> notifications;

  McpResult(String method, JsonNode result, List<Exchange> exchanges, List<Progress> progress,
      List<LogMessage> logs, List<ServerQuestion> questions, List<JsonNode> notifications) {
    this.method = method;
    this.result = result.deepCopy();
    this.exchanges = List.copyOf(exchanges);
    this.progress = List.copyOf(progress);
    this.logs = List.copyOf(logs);
    this.questions = List.copyOf(questions);
    this.notifications = notifications.stream().map(JsonNode::deepCopy).toList();
  }

  /**
   * The request's method.
   *
   * @return such as {@code resources/read}
   */
  public String method() {
    return method;
  }

  /**
   * The result object, as the server sent it.
   *
   * @return a copy of the JSON-RPC {@code result}
   */
  public JsonNode json() {
    return result.deepCopy();
  }

  /**
   * A value inside the result.
   *
   * @param pointer a JSON Pointer, such as {@code /contents/0/text}
   * @return the value, or a missing node
   */
  public JsonNode at(String pointer) {
    return result.at(pointer).deepCopy();
  }

  /**
   * Every text the result carries, in order, one per line: a tool's text content, a resource's text
   * contents, a prompt's text messages (and the text of embedded resources).
   *
   * @return the texts joined with newlines; empty when there are none
   */
  public String text() {
    return texts(result);
  }

  static String texts(JsonNode result) {
    List<String> texts = new ArrayList<>();
    for (JsonNode block : result.path("content")) {
      contentText(block, texts);
    }
    for (JsonNode contents : result.path("contents")) {
      if (contents.has("text")) {
        texts.add(contents.get("text").asString());
      }
    }
    for (JsonNode message : result.path("messages")) {
      contentText(message.path("content"), texts);
    }
    return String.join("\n", texts);
  }

  private static void contentText(JsonNode block, List<String> into) {
    if ("text".equals(block.path("type").asString("")) && block.has("text")) {
      into.add(block.get("text").asString());
    } else if ("resource".equals(block.path("type").asString("")) && block.at("/resource/text").isString()) {
      into.add(block.at("/resource/text").asString());
    }
  }

  /**
   * Whether the result asks for input the client did not give (2026-07-28): the script answered a
   * question with {@link Answer#never()}.
   *
   * @return true for {@code "resultType": "input_required"}
   */
  public boolean isInputRequired() {
    return "input_required".equals(result.path("resultType").asString(""));
  }

  /**
   * The HTTP exchanges of this request, in order.
   *
   * @return the exchanges
   */
  public List<Exchange> exchanges() {
    return exchanges;
  }

  /**
   * The progress notifications the request received, in order.
   *
   * @return the progress
   */
  public List<Progress> progress() {
    return progress;
  }

  /**
   * The log messages the request received, in order.
   *
   * @return the log messages
   */
  public List<LogMessage> logs() {
    return logs;
  }

  /**
   * The questions the server asked while serving the request, in order.
   *
   * @return the questions
   */
  public List<ServerQuestion> questions() {
    return questions;
  }

  /**
   * Other notifications that arrived on the request's stream.
   *
   * @return copies of them, in order
   */
  public List<JsonNode> notifications() {
    return notifications.stream().map(JsonNode::deepCopy).toList();
  }

  /**
   * The result and its exchanges as text.
   *
   * @return a description for failure messages
   */
  @Override
  public String toString() {
    return method + " result: " + Exchange.cut(Json.compact(result), 4_000) + "\n" + Exchange.describe(exchanges);
  }
}
