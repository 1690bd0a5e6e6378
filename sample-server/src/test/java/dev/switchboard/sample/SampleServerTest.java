package dev.switchboard.sample;

import static dev.switchboard.mcp.test.McpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.test.McpTestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sample server's command-line contract: it prints its URL, serves echo, and stops on SIGTERM. */
class SampleServerTest {
  private static final Pattern URL_LINE = Pattern.compile("MCP server listening at (http://127\\.0\\.0\\.1:\\d+/mcp)");

  @Test
  void theConformanceSurfaceStartsFromTheSameCommand() throws Exception {
    Process process = start("--conformance", "--port", "0");
    try {
      BlockingQueue<String> lines = read(process).lines();
      Matcher url = URL_LINE.matcher(String.valueOf(lines.poll(30, TimeUnit.SECONDS)));
      assertTrue(url.matches());
      try (McpTestClient client = McpTestClient.builder(URI.create(url.group(1))).capabilities("{}").build()) {
        assertEquals("mcp-conformance-test-server", client.initialize().at("/serverInfo/name").asString());
      }
    } finally {
      process.destroy();
      process.waitFor(15, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }

  private static Process start(String... options) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        SampleServer.class.getName()));
    command.addAll(List.of(options));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Everything a process prints, read as it comes so the pipe never fills or closes under us. */
  private record Output(BlockingQueue<String> lines, Thread reader) {}

  private static Output read(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(lines::add);
      } catch (IOException | UncheckedIOException e) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return new Output(lines, reader);
  }

  @Test
  void startsPrintsItsUrlServesQueriesAndStopsOnSigterm() throws Exception {
    Process process = start("--port", "0");
    try {
      Output output = read(process);
      BlockingQueue<String> lines = output.lines();
      String line = lines.poll(30, TimeUnit.SECONDS);
      assertNotNull(line, "the server printed nothing");
      Matcher url = URL_LINE.matcher(line);
      assertTrue(url.matches(), "first line: " + line);
      try (McpTestClient client = McpTestClient.builder(URI.create(url.group(1))).capabilities("{}").build()) {
        assertThat(client.callTool("query", Map.of("sql", "SELECT COUNT(*) AS n FROM customers")))
            .hasStructuredValue("/rows/0/0", 1000);
      }
      String banner = lines.poll(5, TimeUnit.SECONDS) + "\n" + lines.poll(5, TimeUnit.SECONDS);
      assertTrue(banner.contains("claude mcp add --transport http switchboard-sample " + url.group(1)), banner);
      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
      output.reader().join(5_000); // the last lines the process printed on its way out
      String rest = String.join("\n", lines);
      assertFalse(rest.contains("Exception"), "stopping logged an exception: " + rest);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void optionsHaveSafeDefaultsAndClearErrors() {
    Options defaults = Options.parse(new String[0]);
    assertEquals("127.0.0.1", defaults.host());
    assertEquals(0, defaults.port());
    assertEquals(Duration.ofMinutes(30), defaults.sessionTtl());
    assertEquals(8080, Options.parse(new String[] {"--port", "8080"}).port());
    assertTrue(Options.parse(new String[] {"--help"}).help());
    assertTrue(Options.parse(new String[] {"--conformance"}).conformance());
    assertEquals(Duration.ofSeconds(90), Options.parse(new String[] {"--session-ttl", "90s"}).sessionTtl());
    assertEquals(Duration.ofHours(1), Options.parse(new String[] {"--session-ttl", "PT1H"}).sessionTtl());
    assertEquals(List.of("http://localhost:5173", "https://app.example.com"),
        Options.parse(new String[] {"--allowed-origins", "http://localhost:5173, https://app.example.com"})
            .allowedOrigins());
    Options jdbc = Options.parse(new String[] {"--jdbc-url", "jdbc:h2:mem:x", "--jdbc-user", "u", "--jdbc-password", "p"});
    assertEquals("jdbc:h2:mem:x", jdbc.jdbcUrl());
    assertEquals("u", jdbc.jdbcUser());
    assertFalse(jdbc.allowWrites());
    assertTrue(Options.parse(new String[] {"--jdbc-url", "jdbc:h2:mem:x", "--allow-writes"}).allowWrites());
    assertEquals(Duration.ofSeconds(10), defaults.queryTimeout());
    assertEquals(Duration.ofMinutes(2), Options.parse(new String[] {"--query-timeout", "2m"}).queryTimeout());
    for (List<String> bad : List.of(List.of("--port"), List.of("--port", "http"), List.of("--port", "70000"),
        List.of("--verbose"), List.of("--session-ttl", "30"), List.of("--session-ttl", "-5m"),
        List.of("--session-ttl", "soon"), List.of("--query-timeout", "500ms"), List.of("--query-timeout", "10"),
        List.of("--allow-writes"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Options.parse(bad.toArray(String[]::new)));
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Test
  void refusesToServeCredentialsThatCanWrite() throws Exception {
    Process process = start("--jdbc-url", "jdbc:h2:mem:writable;USER=sa;PASSWORD=hunter2", "--port", "0");
    try {
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server should have refused to start");
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(2, process.exitValue(), output);
      assertTrue(output.startsWith("sample-server: will not serve jdbc:h2:mem:writable;USER=***;PASSWORD=*** as"
          + " read-only: its user SA is an H2 administrator"), output);
      assertTrue(output.contains("--allow-writes"), output);
      assertFalse(output.contains("hunter2"), output);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void servesCredentialsThatCanWriteWhenAllowedWithoutTheReadOnlyHintOrTheCredentials() throws Exception {
    Process process = start("--jdbc-url", "jdbc:h2:mem:banner;USER=alice;PASSWORD=hunter2", "--jdbc-password",
        "hunter2", "--allow-writes", "--port", "0");
    try {
      BlockingQueue<String> lines = read(process).lines();
      String first = lines.poll(30, TimeUnit.SECONDS);
      Matcher url = URL_LINE.matcher(String.valueOf(first));
      assertTrue(url.matches(), "first line: " + first);
      String banner = first + "\n" + lines.poll(5, TimeUnit.SECONDS) + "\n" + lines.poll(5, TimeUnit.SECONDS);
      assertTrue(banner.contains("Serving jdbc:h2:mem:banner;USER=***;PASSWORD=***; its credentials may change data"
          + " (--allow-writes)"), banner);
      assertFalse(banner.contains("hunter2") || banner.contains("alice"), banner);
      try (McpTestClient client = McpTestClient.builder(URI.create(url.group(1))).capabilities("{}").build()) {
        assertThat(client.tool("query")).isNotReadOnly().hasDescriptionContaining("can change data");
        assertThat(client.tool("list_tables")).isReadOnly();
      }
    } finally {
      process.destroyForcibly();
    }
  }
}
