package dev.switchboard.mcp.protocol.internal;

import java.time.Duration;
import java.util.Objects;

/** The checks builders make of the limits they are given, with one wording for every builder. */
public final class Limits {
  private Limits() {}

  /**
   * Returns a duration that must be positive.
   *
   * @param duration the value
   * @param name the setting, for the message
   * @return the value
   * @throws IllegalArgumentException when it is zero or negative
   */
  public static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
    return duration;
  }

  /**
   * Returns a count that must be at least 1.
   *
   * @param count the value
   * @param name the setting, for the message
   * @return the value
   * @throws IllegalArgumentException when it is below 1
   */
  public static int atLeastOne(int count, String name) {
    if (count < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + count);
    }
    return count;
  }
}
