package dev.switchboard.mcp.protocol;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The user's answer to an elicitation.
 *
 * @param action whether the user accepted, declined or cancelled
 * @param content what the user entered, present only when accepted (and, for URL mode, never)
 * @param <T> the form's type
 */
public record ElicitationResult<T>(ElicitAction action, @Nullable T content) {
  /** Checks the invariants. */
  public ElicitationResult {
    Objects.requireNonNull(action, "action");
  }

  /**
   * Returns whether the user accepted.
   *
   * @return true for {@link ElicitAction#ACCEPT}
   */
  public boolean accepted() {
    return action == ElicitAction.ACCEPT;
  }

  /**
   * Returns what the user entered.
   *
   * @return the content, or empty when the user did not accept or the request was a URL
   */
  public Optional<T> value() {
    return Optional.ofNullable(content);
  }
}
