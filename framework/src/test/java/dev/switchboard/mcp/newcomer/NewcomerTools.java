package dev.switchboard.mcp.newcomer;

import dev.switchboard.mcp.annotations.McpTool;
import java.util.List;
import java.util.Map;

/**
 * Tools as a newcomer writes them: plain records in a package without JSpecify's {@code @NullMarked},
 * so any component may be null.
 */
public class NewcomerTools {
  /** A person; the name may be missing. */
  public record Person(String name, int age, List<String> tags) {}

  /** Status values. */
  public enum Status { OPEN, CLOSED }

  @McpTool(description = "A record whose name is null")
  public Person nullComponent() {
    return new Person(null, 41, List.of("a"));
  }

  @McpTool(description = "A record-returning tool that returns null")
  public Person nullRecord() {
    return null;
  }

  @McpTool(description = "A list of records")
  public List<Person> people() {
    return List.of(new Person("Ada", 36, List.of()), new Person(null, 7, null));
  }

  @McpTool(description = "A number")
  public int answer() {
    return 42;
  }

  @McpTool(description = "An enum")
  public Status status() {
    return Status.CLOSED;
  }

  @McpTool(description = "A map")
  public Map<String, Integer> counts() {
    return Map.of("a", 1);
  }

  @McpTool(description = "A list that is null")
  public List<String> nullList() {
    return null;
  }
}
