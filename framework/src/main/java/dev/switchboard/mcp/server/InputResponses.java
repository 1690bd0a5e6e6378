package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.Root;
import dev.switchboard.mcp.protocol.SamplingResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's answers to {@link InputRequests}, by key. Immutable.
 */
public final class InputResponses {
  private final Map<String, Object> answers;

  private InputResponses(Map<String, Object> answers) {
    this.answers = Map.copyOf(answers);
  }

  /**
   * Makes a set of answers (the framework makes them from the client's; tests may make their own).
   *
   * @param answers by key: an {@link ElicitationResult}, a {@link SamplingResult} or a list of {@link Root}s
   * @return the answers
   */
  public static InputResponses of(Map<String, ?> answers) {
    for (Map.Entry<String, ?> answer : answers.entrySet()) {
      Object value = Objects.requireNonNull(answer.getValue(), answer.getKey());
      if (!(value instanceof ElicitationResult<?> || value instanceof SamplingResult || value instanceof List<?>)) {
        throw new IllegalArgumentException("not an answer: " + value.getClass().getName());
      }
    }
    return new InputResponses(Map.copyOf(answers));
  }

  /**
   * Returns the keys answered.
   *
   * @return the keys
   */
  public Set<String> keys() {
    return answers.keySet();
  }

  /**
   * Returns the user's answer to a form asked with {@link InputRequests.Builder#elicit(String, String, Class)}.
   *
   * @param key the question's key
   * @param form the form's type, as asked
   * @param <T> the form's type
   * @return the answer, with the form bound to {@code T} when accepted
   * @throws IllegalArgumentException when no such form was asked under that key
   */
  @SuppressWarnings("unchecked")
  public <T> ElicitationResult<T> elicitation(String key, Class<T> form) {
    ElicitationResult<?> result = get(key, ElicitationResult.class, "an elicitation");
    Object content = result.content();
    if (content != null && !form.isInstance(content)) {
      throw new IllegalArgumentException("the answer to '" + key + "' is a " + content.getClass().getSimpleName()
          + ", not a " + form.getSimpleName());
    }
    return (ElicitationResult<T>) result;
  }

  /**
   * Returns the user's answer to a form asked with a hand-written schema.
   *
   * @param key the question's key
   * @return the answer, with the content as sent
   */
  public ElicitationResult<ObjectNode> elicitation(String key) {
    return elicitation(key, ObjectNode.class);
  }

  /**
   * Returns what the client's model generated.
   *
   * @param key the question's key
   * @return the result
   */
  public SamplingResult sampling(String key) {
    return get(key, SamplingResult.class, "a sampling request");
  }

  /**
   * Returns the client's roots.
   *
   * @param key the question's key
   * @return the roots
   */
  @SuppressWarnings("unchecked")
  public List<Root> roots(String key) {
    return (List<Root>) get(key, List.class, "a roots request");
  }

  private <T> T get(String key, Class<T> type, String what) {
    Object answer = answers.get(Objects.requireNonNull(key, "key"));
    if (answer == null) {
      throw new IllegalArgumentException("nothing was asked under the key '" + key + "'");
    }
    if (!type.isInstance(answer)) {
      throw new IllegalArgumentException("the question '" + key + "' was not " + what);
    }
    return type.cast(answer);
  }
}
