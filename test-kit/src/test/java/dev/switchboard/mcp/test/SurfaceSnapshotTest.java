package dev.switchboard.mcp.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.server.McpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The server's surface against a checked-in file: equal in both eras, a readable diff when it changes. */
@McpServerTest
class SurfaceSnapshotTest {
  private static final Path CHECKED_IN = Path.of("src/test/resources/mcp-surface.json");

  @ServerUnderTest
  static final KitTools TOOLS = new KitTools();

  @Test
  void theKitToolsSurfaceIsTheCheckedInOne(McpTestClient client) {
    SurfaceSnapshot.of(client).assertMatches(CHECKED_IN);
  }

  @Test
  void bothErasSeeTheSameSurface(McpTestServer server) {
    String sessions = SurfaceSnapshot.of(server.newClient(ProtocolVersion.V2025_11_25)).json();
    String stateless = SurfaceSnapshot.of(server.newClient(ProtocolVersion.V2026_07_28)).json();
    assertEquals(sessions, stateless);
    assertTrue(sessions.contains("\"readOnlyHint\": true"), "annotations are part of it");
    assertTrue(sessions.contains("\"uriTemplate\": \"kit://items/{name}\""), "templates are part of it");
  }

  /** Runs a check with the update property cleared (a run that rewrites snapshots must not rewrite these). */
  private static void comparing(Runnable check) {
    String update = System.clearProperty(SurfaceSnapshot.UPDATE_PROPERTY);
    try {
      check.run();
    } finally {
      if (update != null) {
        System.setProperty(SurfaceSnapshot.UPDATE_PROPERTY, update);
      }
    }
  }

  @Test
  void aChangedSchemaFailsWithTheLinesThatDiffer(@TempDir Path dir) throws Exception {
    Path copy = Files.copy(CHECKED_IN, dir.resolve("mcp-surface.json"));
    McpServer changed = McpServer.builder("kit-tools", "1.0.0").register(new RenamedEcho()).build();
    try (McpTestServer server = McpTestServer.start(changed)) {
      AssertionFailedError failure = assertThrows(AssertionFailedError.class,
          () -> comparing(() -> SurfaceSnapshot.of(server.client()).assertMatches(copy)));
      String message = failure.getMessage();
      assertTrue(message.startsWith("the server's surface differs from " + copy), message);
      assertTrue(message.lines().anyMatch(line -> line.startsWith("- ") && line.contains("\"text\"")), message);
      assertTrue(message.lines().anyMatch(line -> line.startsWith("+ ") && line.contains("\"words\"")), message);
      assertTrue(message.contains("@@ expected line "), message);
      assertTrue(message.contains("-Dmcp.surface.update=true"), message);
      assertTrue(String.valueOf(failure.getExpected().getValue()).contains("\"text\""), "the IDE shows both files");
    }
  }

  /** One tool like the kit's echo, but its argument is now called words. */
  public static final class RenamedEcho {
    @dev.switchboard.mcp.annotations.McpTool(name = "echo", description = "Returns the text it is given",
        readOnly = true, openWorld = false)
    public String echo(String words) {
      return words;
    }
  }

  @Test
  void theUpdatePropertyWritesTheFileAndAMissingFileSaysHowToMakeIt(McpTestClient client, @TempDir Path dir) {
    Path file = dir.resolve("nested/surface.json");
    SurfaceSnapshot snapshot = SurfaceSnapshot.of(client);
    AssertionFailedError missing = assertThrows(AssertionFailedError.class,
        () -> comparing(() -> snapshot.assertMatches(file)));
    assertTrue(missing.getMessage().contains("no surface snapshot at") && missing.getMessage()
        .contains("-Dmcp.surface.update=true"), missing.getMessage());
    assertFalse(Files.exists(file));
    System.setProperty(SurfaceSnapshot.UPDATE_PROPERTY, "true");
    try {
      snapshot.assertMatches(file);
    } finally {
      System.clearProperty(SurfaceSnapshot.UPDATE_PROPERTY);
    }
    comparing(() -> snapshot.assertMatches(file));
    assertEquals(snapshot.json(), Json.canonical(Json.parse(snapshot.json())), "the file is canonical JSON");
  }
}
