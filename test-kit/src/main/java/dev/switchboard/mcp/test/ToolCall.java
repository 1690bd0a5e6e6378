package dev.switchboard.mcp.test;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code tools/call} being put together: arguments, the answers to the server's questions, and
 * what goes in {@code _meta}. Start one with {@link McpTestClient#call(String)}; each method returns
 * a new, changed call, and {@link #send()} sends it. Immutable.
 *
 * <pre>{@code
 * ToolResult result = client.call("add_order")
 *     .argument("productId", 2)
 *     .argument("quantity", 3)
 *     .answering(ClientScript.acceptElicitation(Map.of("confirm", true)))
 *     .send();
 * }</pre>
 */
public final class ToolCall {
  private final McpTestClient client;
  private final String name;
  private final ObjectNode arguments;
  private final ClientScript script;
  private final boolean progressToken;
  private final ObjectNode meta;
  private final Duration timeout;

  ToolCall(McpTestClient client, String name) {
    this(client, name, Json.object(), null, true, Json.object(), null);
  }

  private ToolCall(McpTestClient client, String name, ObjectNode arguments, ClientScript script,
      boolean progressToken, ObjectNode meta, Duration timeout) {
    this.client = client;
    this.name = Objects.requireNonNull(name, "name");
    this.arguments = arguments;
    this.script = script;
    this.progressToken = progressToken;
    this.meta = meta;
    this.timeout = timeout;
  }

  /**
   * Adds one argument.
   *
   * @param name the argument's name
   * @param value its value: a string, number, boolean, list, map, record... (null sends JSON null)
   * @return the changed call
   */
  public ToolCall argument(String name, Object value) {
    ObjectNode changed = arguments.deepCopy();
    changed.set(Objects.requireNonNull(name, "name"), value == null ? Json.NODES.nullNode() : Json.tree(value));
    return new ToolCall(client, this.name, changed, script, progressToken, meta, timeout);
  }

  /**
   * Adds arguments.
   *
   * @param values the arguments by name
   * @return the changed call
   */
  public ToolCall arguments(Map<String, ?> values) {
    ObjectNode changed = arguments.deepCopy();
    changed.setAll(Json.objectOf(values));
    return new ToolCall(client, name, changed, script, progressToken, meta, timeout);
  }

  /**
   * Adds arguments given as JSON text.
   *
   * @param json a JSON object, such as {@code {"city": "Oslo"}}
   * @return the changed call
   */
  public ToolCall arguments(String json) {
    JsonNode parsed = Json.parse(json);
    if (!parsed.isObject()) {
      throw new IllegalArgumentException("arguments are a JSON object, not " + json);
    }
    ObjectNode changed = arguments.deepCopy();
    changed.setAll((ObjectNode) parsed);
    return new ToolCall(client, name, changed, script, progressToken, meta, timeout);
  }

  /**
   * Answers the server's questions during this call with a script (its rules are added to the
   * client's own, and win where both answer the same method).
   *
   * @param answers the script
   * @return the changed call
   */
  public ToolCall answering(ClientScript answers) {
    return new ToolCall(client, name, arguments, Objects.requireNonNull(answers, "answers"), progressToken, meta,
        timeout);
  }

  /**
   * Sends no progress token, so the server sends no progress (by default the client sends one with
   * every call, as most clients do).
   *
   * @return the changed call
   */
  public ToolCall withoutProgressToken() {
    return new ToolCall(client, name, arguments, script, false, meta, timeout);
  }

  /**
   * Adds an entry to the request's {@code _meta}.
   *
   * @param key the key, such as {@code traceparent}
   * @param value the value
   * @return the changed call
   */
  public ToolCall meta(String key, Object value) {
    ObjectNode changed = meta.deepCopy();
    changed.set(Objects.requireNonNull(key, "key"), Json.tree(value));
    return new ToolCall(client, name, arguments, script, progressToken, changed, timeout);
  }

  /**
   * How long the call may take, all rounds and answers included (the client's timeout otherwise).
   *
   * @param limit the time allowed
   * @return the changed call
   */
  public ToolCall timeout(Duration limit) {
    return new ToolCall(client, name, arguments, script, progressToken, meta, Objects.requireNonNull(limit, "limit"));
  }

  /**
   * Sends the call and waits for its result.
   *
   * @return the result
   * @throws McpResponseException when the server answers with a JSON-RPC error
   * @throws AssertionError when no result comes in time, or the server asks a question the script
   *     does not answer
   */
  public ToolResult send() {
    return client.runTool(name, arguments, script, progressToken, meta, timeout, null);
  }

  /**
   * Sends the call on another thread and returns at once, for a call the test watches while it
   * runs, or cancels.
   *
   * @return the call in flight
   */
  public PendingCall sendAsync() {
    return client.startTool(name, arguments, script, progressToken, meta, timeout);
  }
}
