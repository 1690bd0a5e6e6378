package dev.switchboard.mcp.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The surface a server shows its clients, as they list it over the wire: every tool (its schemas,
 * annotations, icons), resource, resource template and prompt, as canonical JSON (sorted, one
 * member per line). Compared with a file checked in with the tests, it makes an accidental change
 * of a schema in a refactor fail the build with a readable diff; a wanted change is a reviewed diff
 * of that file.
 *
 * <pre>{@code
 * SurfaceSnapshot.of(server.client()).assertMatches(Path.of("src/test/resources/mcp-surface.json"));
 * }</pre>
 *
 * <p>Run the tests with {@code -Dmcp.surface.update=true} to write the file (the first time, or
 * after a wanted change). Immutable.
 */
public final class SurfaceSnapshot {
  /** The system property that makes {@link #assertMatches(Path)} rewrite the file instead. */
  public static final String UPDATE_PROPERTY = "mcp.surface.update";

  private final String json;

  private SurfaceSnapshot(String json) {
    this.json = json;
  }

  /**
   * Lists the server's surface with a client (every page of every list).
   *
   * @param client a client of the server; either era gives the same snapshot
   * @return the snapshot
   */
  public static SurfaceSnapshot of(McpTestClient client) {
    ObjectNode surface = Json.object();
    surface.set("tools", sorted(client.listAll("tools/list", "tools"), "name"));
    surface.set("resources", sorted(client.listAll("resources/list", "resources"), "uri"));
    surface.set("resourceTemplates", sorted(client.listAll("resources/templates/list", "resourceTemplates"),
        "uriTemplate"));
    surface.set("prompts", sorted(client.listAll("prompts/list", "prompts"), "name"));
    return new SurfaceSnapshot(Json.canonical(surface));
  }

  private static ArrayNode sorted(List<JsonNode> entries, String key) {
    List<JsonNode> copy = new ArrayList<>(entries);
    copy.sort(Comparator.comparing(entry -> entry.path(key).asString("")));
    ArrayNode array = Json.array();
    copy.forEach(array::add);
    return array;
  }

  /**
   * The snapshot as canonical JSON text.
   *
   * @return the text that {@link #assertMatches(Path)} compares, ending with a newline
   */
  public String json() {
    return json;
  }

  /**
   * Checks that the snapshot is the one in the file; with {@code -Dmcp.surface.update=true}, writes
   * it to the file instead.
   *
   * @param file the checked-in snapshot, such as {@code src/test/resources/mcp-surface.json} (a
   *     relative path is read from the working directory: in Maven, the module's)
   * @throws AssertionError when they differ, with the lines that differ
   */
  public void assertMatches(Path file) {
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      write(file);
      return;
    }
    if (!Files.exists(file)) {
      throw new AssertionFailedError("no surface snapshot at " + file.toAbsolutePath() + ": run the tests with -D"
          + UPDATE_PROPERTY + "=true to write it, then check it in");
    }
    String expected;
    try {
      expected = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!expected.equals(json)) {
      throw new AssertionFailedError("the server's surface differs from " + file + " (- in the file, + now):\n"
          + TextDiff.diff(expected, json, 200) + "If the change is wanted, rewrite the file with -D" + UPDATE_PROPERTY
          + "=true and review its diff.", expected, json);
    }
  }

  private void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The snapshot as text.
   *
   * @return the canonical JSON
   */
  @Override
  public String toString() {
    return json;
  }
}
