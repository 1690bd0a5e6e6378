package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.McpException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of entries with unique keys: O(1) lookup, and a listing sorted by key so pages
 * are deterministic. A cursor names the last key of the previous page, so paging stays correct even
 * if entries are added or removed between pages. Changes make a new catalog.
 *
 * @param <E> the entry type
 */
final class Catalog<E> {
  /** One page of a listing. */
  record Page<E>(List<E> entries, @Nullable String nextCursor) {}

  private final Function<E, String> key;
  private final Map<String, E> byKey;
  private final String[] sortedKeys;
  private final List<E> sorted;

  private Catalog(Function<E, String> key, Map<String, E> byKey) {
    this.key = key;
    this.byKey = Map.copyOf(byKey);
    this.sortedKeys = byKey.keySet().stream().sorted().toArray(String[]::new);
    List<E> entries = new ArrayList<>(sortedKeys.length);
    for (String k : sortedKeys) {
      entries.add(byKey.get(k));
    }
    this.sorted = List.copyOf(entries);
  }

  /** A catalog of entries whose keys are unique: {@link Registrations} refuses a second declaration. */
  static <E> Catalog<E> of(Function<E, String> key, Collection<E> entries) {
    Map<String, E> map = new HashMap<>();
    for (E entry : entries) {
      map.put(key.apply(entry), entry);
    }
    return new Catalog<>(key, map);
  }

  @Nullable E get(String k) {
    return byKey.get(k);
  }

  boolean isEmpty() {
    return byKey.isEmpty();
  }

  List<E> all() {
    return sorted;
  }

  Catalog<E> with(E entry, String what) {
    String k = key.apply(entry);
    if (byKey.containsKey(k)) {
      throw new IllegalArgumentException("a " + what + " named '" + k + "' already exists");
    }
    Map<String, E> map = new HashMap<>(byKey);
    map.put(k, entry);
    return new Catalog<>(key, map);
  }

  Catalog<E> without(String k) {
    if (!byKey.containsKey(k)) {
      return this;
    }
    Map<String, E> map = new HashMap<>(byKey);
    map.remove(k);
    return new Catalog<>(key, map);
  }

  Page<E> page(@Nullable String cursor, int pageSize) {
    int start = 0;
    if (cursor != null) {
      int index = Arrays.binarySearch(sortedKeys, decodeCursor(cursor));
      start = index >= 0 ? index + 1 : -index - 1;
    }
    int end = Math.min(sortedKeys.length, start + pageSize);
    String next = end < sortedKeys.length ? encodeCursor(sortedKeys[end - 1]) : null;
    return new Page<>(sorted.subList(Math.min(start, end), end), next);
  }

  private static String encodeCursor(String lastKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("c:" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith("c:")) {
        return decoded.substring(2);
      }
    } catch (IllegalArgumentException e) {
      // not one of ours
    }
    throw McpException.invalidParams("Invalid cursor");
  }
}
