package dev.switchboard.mcp.test;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A question the server asked the client while serving a request: an elicitation, a sampling
 * request, a roots listing. On a session it arrived as a JSON-RPC request on the call's stream; in
 * 2026-07-28 as one entry of an {@code input_required} result. Either way the test's
 * {@link ClientScript} answers it. Immutable.
 *
 * @param method what was asked: {@code elicitation/create}, {@code sampling/createMessage},
 *     {@code roots/list}, ...
 * @param params the question's parameters
 * @param key the JSON-RPC id of the server's request (sessions) or the key of the input request
 *     (2026-07-28)
 */
public record ServerQuestion(String method, JsonNode params, String key) {
  /** The method of an elicitation. */
  public static final String ELICITATION = "elicitation/create";
  /** The method of a sampling request. */
  public static final String SAMPLING = "sampling/createMessage";
  /** The method of a roots listing. */
  public static final String ROOTS = "roots/list";

  /**
   * Checks and copies.
   *
   * @param method the method
   * @param params the parameters (a missing object reads as empty)
   * @param key the key
   */
  public ServerQuestion {
    Objects.requireNonNull(method, "method");
    params = params == null || params.isMissingNode() || params.isNull() ? Json.object() : params.deepCopy();
    Objects.requireNonNull(key, "key");
  }

  /**
   * A copy of the parameters.
   *
   * @return the question's parameters
   */
  @Override
  public JsonNode params() {
    return params.deepCopy();
  }

  /**
   * The message shown to the user: an elicitation's {@code message}, or the text of a sampling
   * request's last message; empty for other questions.
   *
   * @return the message, or empty
   */
  public String message() {
    if (params.has("message")) {
      return params.get("message").asString("");
    }
    JsonNode messages = params.path("messages");
    if (messages.isArray() && !messages.isEmpty()) {
      return messages.get(messages.size() - 1).at("/content/text").asString("");
    }
    return "";
  }

  /**
   * The schema an elicitation asks the user to fill in.
   *
   * @return {@code requestedSchema}, or a missing node
   */
  public JsonNode requestedSchema() {
    return params.path("requestedSchema").deepCopy();
  }

  /**
   * Whether this is an elicitation.
   *
   * @return true for {@value #ELICITATION}
   */
  public boolean isElicitation() {
    return ELICITATION.equals(method);
  }
}
