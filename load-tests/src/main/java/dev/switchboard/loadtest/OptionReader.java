package dev.switchboard.loadtest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads and removes command-line options, so that what is left over is unknown; a value it cannot
 * use is rejected with a message naming the option.
 */
record OptionReader(Map<String, String> values) {
  String string(String name, String fallback) {
    String value = values.remove(name);
    return value == null ? fallback : value;
  }

  String choice(String name, String fallback, List<String> choices) {
    String value = string(name, fallback);
    if (!choices.contains(value)) {
      throw new IllegalArgumentException("--" + name + " must be one of " + choices + ", was " + value);
    }
    return value;
  }

  URI uri(String name) {
    String value = values.remove(name);
    if (value == null) {
      return null;
    }
    URI uri = URI.create(value);
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("--" + name + " must be an http:// URL, was " + value);
    }
    return uri;
  }

  int integer(String name, int fallback, int min, int max) {
    String value = values.remove(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.replace("_", ""));
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, was " + value);
    }
  }

  boolean bool(String name, boolean fallback) {
    String value = values.remove(name);
    if (value == null) {
      return fallback;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("--" + name + " must be true or false, was " + value);
    }
    return Boolean.parseBoolean(value);
  }

  double fraction(String name, double fallback) {
    String value = values.remove(name);
    if (value == null) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (!(parsed >= 0 && parsed <= 1)) {
        throw new IllegalArgumentException("--" + name + " must be between 0 and 1, was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number between 0 and 1, was " + value);
    }
  }

  Duration duration(String name, Duration fallback) {
    String value = values.remove(name);
    return value == null ? fallback : parseDuration(name, value);
  }

  static Duration parseDuration(String name, String value) {
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      } else if (value.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
      } else if (value.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("--" + name + " must be a duration such as 500ms, 10s or 2m, was " + value);
  }
}
