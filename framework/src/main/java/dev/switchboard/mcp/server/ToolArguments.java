package dev.switchboard.mcp.server;

import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The arguments of one tool call. Accessors throw {@link IllegalArgumentException} with a message
 * naming the argument, which the framework reports to the model as a tool error.
 */
public final class ToolArguments {
  private final ObjectNode json;
  private final JsonMapper mapper;

  private ToolArguments(ObjectNode json, JsonMapper mapper) {
    this.json = json;
    this.mapper = mapper;
  }

  /**
   * Wraps arguments, for example to call a {@link ToolHandler} in a unit test.
   *
   * @param json the arguments object; it belongs to the call from now on
   * @param mapper what {@link #as(Class)} binds with: the server's (see {@link McpServerBuilder#jsonMapper})
   * @return the arguments
   */
  public static ToolArguments of(ObjectNode json, JsonMapper mapper) {
    return new ToolArguments(Objects.requireNonNull(json, "json"), Objects.requireNonNull(mapper, "mapper"));
  }

  /**
   * Returns the arguments as sent.
   *
   * @return the JSON object (belongs to this call only)
   */
  public ObjectNode json() {
    return json;
  }

  /**
   * Returns whether an argument is present and not null.
   *
   * @param name the argument
   * @return true when present
   */
  public boolean has(String name) {
    return json.hasNonNull(Objects.requireNonNull(name, "name"));
  }

  /**
   * Returns a required string argument.
   *
   * @param name the argument
   * @return its value
   * @throws IllegalArgumentException when it is missing or not a string
   */
  public String string(String name) {
    return optionalString(name).orElseThrow(
        () -> new IllegalArgumentException("missing required argument '" + name + "'"));
  }

  /**
   * Returns an optional string argument.
   *
   * @param name the argument
   * @return its value, or empty when absent or null
   * @throws IllegalArgumentException when it is present but not a string
   */
  public Optional<String> optionalString(String name) {
    JsonNode node = json.get(Objects.requireNonNull(name, "name"));
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isString()) {
      throw new IllegalArgumentException("argument '" + name + "' must be a string");
    }
    return Optional.of(node.stringValue());
  }

  /**
   * Binds all arguments to a type, for example a record.
   *
   * @param type the target type
   * @param <T> the type
   * @return the bound value
   * @throws IllegalArgumentException when the arguments do not fit the type
   */
  public <T> T as(Class<T> type) {
    try {
      return mapper.treeToValue(json, Objects.requireNonNull(type, "type"));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("arguments do not match: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
