package dev.switchboard.mcp.schema.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a JSON value with a file under {@code src/test/resources/schemas}, as a whole. Run with
 * {@code -Dgolden.update=true} to (re)write the files, then review the diff.
 */
public final class Golden {
  private static final Path DIR = Path.of("src", "test", "resources", "schemas");

  private Golden() {}

  public static void assertMatches(String name, JsonNode actual) {
    Path file = DIR.resolve(name + ".json");
    try {
      String pretty = actual.toPrettyString() + "\n";
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(DIR);
        Files.writeString(file, pretty);
        return;
      }
      JsonNode expected = JsonMapper.shared().readTree(Files.readString(file));
      assertEquals(expected.toPrettyString(), actual.toPrettyString(), "schema " + name + " differs from " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("golden file " + file + " (run with -Dgolden.update=true to create it)", e);
    }
  }
}
