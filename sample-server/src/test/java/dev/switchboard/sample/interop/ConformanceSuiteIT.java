package dev.switchboard.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.sample.conformance.ConformanceServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every server scenario of the official MCP conformance suite (pinned versions, installed by the
 * build) against the conformance surface, pending scenarios included, and requires zero failures and
 * zero warnings. Raw output stays under target/conformance for diagnosis.
 */
class ConformanceSuiteIT {
  private static final Path OUT = Path.of("target", "conformance").toAbsolutePath();
  private static JettyMcpServer server;

  @BeforeAll
  static void start() {
    server = JettyMcpServer.builder(ConformanceServer.build()).stopOnShutdown(false).start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** One scenario's check counts. */
  private record Counts(int success, int failure, int warning, List<String> problems) {}

  @ParameterizedTest(name = "conformance {0} at {2}")
  @CsvSource({"0.1.16, @modelcontextprotocol/conformance, 2025-11-25, 32",
      "0.2.0-alpha.12, conformance-next, 2025-11-25, 33",
      "0.2.0-alpha.12, conformance-next, 2026-07-28, 40"})
  void everyServerScenarioPasses(String suite, String packageName, String revision, int expectedScenarios)
      throws Exception {
    String version = suite + "-" + revision;
    Path results = OUT.resolve(version);
    deleteTree(results);
    Files.createDirectories(results);
    // An empty baseline turns every warning, not only every failure, into a non-zero exit.
    Path baseline = Files.writeString(OUT.resolve("expect-nothing.yaml"), "server: []\n");
    NodeTools.Result run = NodeTools.run(600, "node_modules/" + packageName + "/dist/index.js", "server",
        "--url", server.uri().toString(), "--suite", "all", "--spec-version", revision,
        "-o", results.toString(), "--expected-failures", baseline.toString());
    Files.writeString(OUT.resolve(version + ".log"), run.stdout() + "\n--- stderr ---\n" + run.stderr());
    Map<String, Counts> scenarios = read(results);
    int passed = 0;
    int failed = 0;
    List<String> problems = new ArrayList<>();
    StringBuilder report = new StringBuilder("conformance " + version + ":\n");
    for (Map.Entry<String, Counts> scenario : scenarios.entrySet()) {
      Counts counts = scenario.getValue();
      boolean ok = counts.failure() == 0 && counts.warning() == 0;
      report.append(String.format("  %s %s: %d passed, %d failed, %d warnings%n", ok ? "PASS" : "FAIL",
          scenario.getKey(), counts.success(), counts.failure(), counts.warning()));
      passed += ok ? 1 : 0;
      failed += ok ? 0 : 1;
      problems.addAll(counts.problems());
    }
    report.append(String.format("%d passed, %d failed%n", passed, failed));
    System.out.print(report); // one line per scenario, and the total, in the build's output
    assertEquals(List.of(), problems, report + "\nraw output: " + OUT.resolve(version + ".log"));
    assertEquals(0, run.exitCode(), "the suite exited with " + run.exitCode() + "; see " + OUT.resolve(version + ".log"));
    assertEquals(expectedScenarios, scenarios.size(), "every scenario ran: " + scenarios.keySet());
  }

  private static Map<String, Counts> read(Path results) throws IOException {
    Map<String, Counts> scenarios = new TreeMap<>();
    try (Stream<Path> directories = Files.list(results)) {
      for (Path directory : directories.filter(Files::isDirectory).toList()) {
        Path checks = directory.resolve("checks.json");
        if (!Files.exists(checks)) {
          continue;
        }
        String name = directory.getFileName().toString().replaceFirst("^server-", "")
            .replaceFirst("-\\d{4}-\\d{2}-\\d{2}T.*$", "");
        int success = 0;
        int failure = 0;
        int warning = 0;
        List<String> problems = new ArrayList<>();
        for (JsonNode check : JsonMapper.shared().readTree(Files.readString(checks))) {
          String status = check.path("status").asString("");
          switch (status) {
            case "SUCCESS" -> success++;
            case "FAILURE" -> failure++;
            case "WARNING" -> warning++;
            default -> { }
          }
          if (status.equals("FAILURE") || status.equals("WARNING")) {
            problems.add(name + "/" + check.path("id").asString("") + " " + status + ": "
                + check.path("errorMessage").asString(check.path("description").asString("")));
          }
        }
        scenarios.put(name, new Counts(success, failure, warning, problems));
      }
    }
    return scenarios;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
