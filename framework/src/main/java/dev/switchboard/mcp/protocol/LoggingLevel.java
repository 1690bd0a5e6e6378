package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Log severities of MCP {@code notifications/message}, in RFC 5424 order (least severe first).
 */
public enum LoggingLevel {
  /** Detailed debugging information. */
  DEBUG,
  /** Informational messages. */
  INFO,
  /** Normal but significant events. */
  NOTICE,
  /** Warning conditions. */
  WARNING,
  /** Error conditions. */
  ERROR,
  /** Critical conditions. */
  CRITICAL,
  /** Action must be taken immediately. */
  ALERT,
  /** The system is unusable. */
  EMERGENCY;

  /**
   * Returns the wire name, for example {@code "warning"}.
   *
   * @return the lower-case name
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Finds a level by wire name.
   *
   * @param wireName the name, for example {@code "info"}
   * @return the level, or empty when unknown
   */
  public static Optional<LoggingLevel> fromWire(String wireName) {
    for (LoggingLevel level : values()) {
      if (level.wireName().equals(wireName)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
