package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** How the user answered an elicitation. */
public enum ElicitAction {
  /** The user submitted the form (or agreed to open the URL). */
  ACCEPT,
  /** The user explicitly refused. */
  DECLINE,
  /** The user dismissed the request without choosing. */
  CANCEL;

  /**
   * Returns the wire name.
   *
   * @return {@code "accept"}, {@code "decline"} or {@code "cancel"}
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Finds an action by wire name.
   *
   * @param wireName the name
   * @return the action, or empty when unknown
   */
  public static Optional<ElicitAction> fromWire(String wireName) {
    for (ElicitAction action : values()) {
      if (action.wireName().equals(wireName)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
