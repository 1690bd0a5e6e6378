package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.LoggingLevel;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One {@code notifications/message} (a log message) a request received.
 *
 * @param level its level
 * @param logger the logger's name, or null
 * @param data what was logged
 */
public record LogMessage(LoggingLevel level, String logger, JsonNode data) {
  /**
   * Checks and copies.
   *
   * @param level the level
   * @param logger the logger, or null
   * @param data the data
   */
  public LogMessage {
    Objects.requireNonNull(level, "level");
    data = Objects.requireNonNull(data, "data").deepCopy();
  }

  /**
   * A copy of the data.
   *
   * @return what was logged
   */
  @Override
  public JsonNode data() {
    return data.deepCopy();
  }

  /**
   * The data as text: a string as it is, anything else as JSON.
   *
   * @return the text
   */
  public String text() {
    return data.isString() ? data.asString() : Json.compact(data);
  }
}
