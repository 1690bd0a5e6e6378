package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.ElicitAction;
import dev.switchboard.mcp.protocol.Root;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the test answers to one {@link ServerQuestion}: the result the client sends back, or no
 * answer at all. The same answer travels as a JSON-RPC response on a session and as an entry of
 * {@code inputResponses} in 2026-07-28. Immutable.
 */
public final class Answer {
  private static final Answer NEVER = new Answer(null);
  private final JsonNode result;

  private Answer(JsonNode result) {
    this.result = result;
  }

  /**
   * Accepts an elicitation with the given content: a {@code Map}, a record or any value Jackson
   * writes as a JSON object.
   *
   * @param content what the user "typed" into the form
   * @return the answer
   */
  public static Answer accept(Object content) {
    Objects.requireNonNull(content, "content");
    JsonNode tree = Json.tree(content);
    if (!tree.isObject()) {
      throw new IllegalArgumentException("an elicitation's content is a JSON object, not " + tree);
    }
    ObjectNode answer = Json.object().put("action", ElicitAction.ACCEPT.wireName());
    answer.set("content", tree);
    return new Answer(answer);
  }

  /**
   * Accepts an elicitation with content given as JSON text.
   *
   * @param contentJson a JSON object, such as {@code {"confirm": true}}
   * @return the answer
   */
  public static Answer acceptJson(String contentJson) {
    return accept(Json.parse(contentJson));
  }

  /**
   * Declines an elicitation: the user said no.
   *
   * @return the answer
   */
  public static Answer decline() {
    return new Answer(Json.object().put("action", ElicitAction.DECLINE.wireName()));
  }

  /**
   * Cancels an elicitation: the user dismissed it.
   *
   * @return the answer
   */
  public static Answer cancel() {
    return new Answer(Json.object().put("action", ElicitAction.CANCEL.wireName()));
  }

  /**
   * Never answers. On a session the server waits (until its {@code clientRequestTimeout}); in
   * 2026-07-28 the client does not retry and the call's result is the {@code input_required} one.
   *
   * @return the answer that is none
   */
  public static Answer never() {
    return NEVER;
  }

  /**
   * Answers a sampling request with a text from the model {@code test-model}.
   *
   * @param text the model's reply
   * @return the answer
   */
  public static Answer sample(String text) {
    return sample(text, "test-model");
  }

  /**
   * Answers a sampling request with a text from a named model.
   *
   * @param text the model's reply
   * @param model the model's name
   * @return the answer
   */
  public static Answer sample(String text, String model) {
    ObjectNode answer = Json.object().put("role", "assistant").put("model", model).put("stopReason", "endTurn");
    answer.putObject("content").put("type", "text").put("text", Objects.requireNonNull(text, "text"));
    return new Answer(answer);
  }

  /**
   * Answers a roots listing.
   *
   * @param roots the client's roots
   * @return the answer
   */
  public static Answer roots(List<Root> roots) {
    ObjectNode answer = Json.object();
    ArrayNode list = answer.putArray("roots");
    for (Root root : roots) {
      ObjectNode entry = list.addObject().put("uri", root.uri());
      if (root.name() != null) {
        entry.put("name", root.name());
      }
    }
    return new Answer(answer);
  }

  /**
   * Answers with any result object, for questions the kit has no shortcut for.
   *
   * @param result the result, as the client would send it
   * @return the answer
   */
  public static Answer result(JsonNode result) {
    if (!Objects.requireNonNull(result, "result").isObject()) {
      throw new IllegalArgumentException("a result is a JSON object, not " + result);
    }
    return new Answer(result.deepCopy());
  }

  /**
   * Whether this answer is no answer.
   *
   * @return true for {@link #never()}
   */
  public boolean isNever() {
    return result == null;
  }

  /**
   * The result the client sends.
   *
   * @return a copy of the result object
   * @throws IllegalStateException for {@link #never()}
   */
  public JsonNode result() {
    if (result == null) {
      throw new IllegalStateException("never() has no result");
    }
    return result.deepCopy();
  }

  /**
   * The answer as text.
   *
   * @return the result's JSON, or {@code never}
   */
  @Override
  public String toString() {
    return result == null ? "never" : Json.compact(result);
  }
}
