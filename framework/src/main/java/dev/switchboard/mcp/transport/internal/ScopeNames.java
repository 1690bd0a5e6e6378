package dev.switchboard.mcp.transport.internal;

import java.util.LinkedHashSet;
import java.util.Set;

/** The scopes of a space-separated {@code scope} value (RFC 6749 §3.3). */
public final class ScopeNames {
  private ScopeNames() {}

  /**
   * Reads a {@code scope} value.
   *
   * @param text scope names separated by spaces
   * @return the names, in order, without repeats
   */
  public static Set<String> parse(String text) {
    Set<String> scopes = new LinkedHashSet<>();
    for (String name : text.split("\\s+", -1)) {
      if (!name.isEmpty()) {
        scopes.add(name);
      }
    }
    return scopes;
  }
}
