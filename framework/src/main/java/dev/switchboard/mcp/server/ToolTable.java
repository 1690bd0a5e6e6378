package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.Tool;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The tools of a server, immutable: O(1) lookup by name, and a listing sorted by name so that
 * {@code tools/list} pages are deterministic. A cursor names the last tool of the previous page, so
 * paging stays correct even if the set of tools changes between pages.
 */
final class ToolTable {
  /** A tool definition with the code behind it. */
  record Entry(Tool tool, ToolHandler handler) {}

  /** One page of the listing. */
  record Page(List<Tool> tools, @Nullable String nextCursor) {}

  private final Map<String, Entry> byName;
  private final String[] sortedNames;
  private final Tool[] sortedTools;

  ToolTable(Collection<Entry> entries) {
    Map<String, Entry> map = new HashMap<>();
    for (Entry entry : entries) {
      map.put(entry.tool().name(), entry);
    }
    this.byName = Map.copyOf(map);
    this.sortedNames = map.keySet().stream().sorted().toArray(String[]::new);
    this.sortedTools = Arrays.stream(sortedNames).map(name -> map.get(name).tool()).toArray(Tool[]::new);
  }

  @Nullable Entry get(String name) {
    return byName.get(name);
  }

  boolean isEmpty() {
    return byName.isEmpty();
  }

  List<Tool> all() {
    return List.of(sortedTools);
  }

  Page page(@Nullable String cursor, int pageSize) {
    int start = 0;
    if (cursor != null) {
      String after = decodeCursor(cursor);
      int index = Arrays.binarySearch(sortedNames, after);
      start = index >= 0 ? index + 1 : -index - 1;
    }
    int end = Math.min(sortedTools.length, start + pageSize);
    List<Tool> tools = new ArrayList<>(Math.max(0, end - start));
    for (int i = start; i < end; i++) {
      tools.add(sortedTools[i]);
    }
    String next = end < sortedTools.length ? encodeCursor(sortedNames[end - 1]) : null;
    return new Page(tools, next);
  }

  private static String encodeCursor(String lastName) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("t:" + lastName).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith("t:")) {
        return decoded.substring(2);
      }
    } catch (IllegalArgumentException e) {
      // fall through: not one of ours
    }
    throw McpException.invalidParams("Invalid cursor");
  }
}
