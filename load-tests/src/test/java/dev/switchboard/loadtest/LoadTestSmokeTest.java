package dev.switchboard.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.transport.ClientLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness on small numbers, in seconds: every measurement (the comparison and the eras against
 * servers in JVMs of their own, the rest in this one) must come back clean, and against a server
 * that misroutes replies and leaks sessions the harness must say so; beside a noisy neighbour, the
 * well-behaved agents must get every reply, and the flooder its 429s; with access tokens to check
 * (mode auth, not part of all), every call must still succeed.
 */
class LoadTestSmokeTest {
  @TempDir
  Path directory;

  @Test
  @Timeout(180)
  void everyModeRunsCleanOnSmallNumbers() throws Exception {
    Path report = directory.resolve("report.html");
    Options options = Options.parse("--mode", "all", "--agents", "12", "--in-flight", "3", "--same-ids", "true",
        "--mix", "echo=4,stream=1,large=1", "--large", "20000", "--calls-per-session", "12", "--abandon", "0.5",
        "--session-ttl", "1s", "--warmup", "500ms", "--duration", "2s", "--compare-agents", "16", "--compare-warmup", "500ms",
        "--compare-duration", "1s", "--rounds", "1", "--idle-sessions", "300", "--idle-streams", "200",
        "--hold", "1s", "--streams-in-process", "--report", report.toString());
    Results results = LoadTest.run(options, "smoke", quietProgress());
    String console = Report.console(results);

    RunResult agents = results.agents();
    assertEquals(0, agents.stats().misrouted(), console);
    assertEquals(0, agents.stats().errorCount(), console);
    for (Op op : List.of(Op.INITIALIZE, Op.LIST_TOOLS, Op.ECHO, Op.STREAM, Op.LARGE, Op.DELETE)) {
      assertTrue(agents.latency(op).count() > 0, op.label() + " never ran\n" + console);
    }
    OrphanTracker.Result orphans = agents.orphans();
    assertTrue(orphans.abandoned() > 0, console);
    assertEquals(orphans.abandoned(), orphans.reclaimed(), console);
    assertEquals(orphans.abandoned(), orphans.reclaimLatency().count(), "every abandoned session expired\n" + console);
    // Every one answered 404 by TTL + 2 s (reclaimed, above). Its memory goes when Caffeine's timer
    // wheel next turns (about a second of granularity) or, at the latest, when the probe looks it up.
    assertTrue(orphans.reclaimLatency().maxNanos() < orphans.ttl().plus(OrphanTracker.GRACE).plusSeconds(1).toNanos(),
        console);
    assertEquals(0, agents.sessionsLeft(), console);

    List<Results.Aggregate> comparison = results.comparisonByTarget();
    assertEquals(List.of("Switchboard", "MCP Java SDK"), comparison.stream().map(Results.Aggregate::target).toList());
    for (Results.Aggregate target : comparison) {
      assertTrue(target.calls() > 0, console);
      assertEquals(0, target.errors() + target.misrouted(), console);
      assertTrue(target.serverCpuMicrosPerCall() > 0, "each server's own JVM is measured\n" + console);
    }
    List<Results.Aggregate> eras = results.erasByTarget();
    assertEquals(List.of("2025-11-25 sessions", "2026-07-28 stateless"),
        eras.stream().map(Results.Aggregate::target).toList(), console);
    for (Results.Aggregate era : eras) {
      assertTrue(era.calls() > 0, console);
      assertEquals(0, era.errors() + era.misrouted(), console);
      assertTrue(era.serverCpuMicrosPerCall() > 0, "the one server's JVM is measured in each era\n" + console);
    }
    assertTrue(console.contains("2026-07-28 stateless / 2025-11-25 sessions: throughput"), console);
    assertEquals(2, results.idleSessions().size());
    results.idleSessions().forEach(idle -> assertEquals(300, idle.sessions(), console));
    assertEquals(200, results.idleStreams().established(), console);
    assertEquals(0, results.idleStreams().lost(), console);
    assertTrue(results.clean(), console);

    LoadTest.writeReport(results, report);
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertTrue(html.contains("<svg") && html.contains("Live sessions") && html.contains("Idle GET streams")
        && html.contains("Eras: sessions and stateless on one server"));
    String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for (String reference : List.of("http://", "https://", "<script", "<link", "<img", "src=", "@import")) {
      assertFalse(withoutSvgNamespace.contains(reference), "the report must need no network: " + reference);
    }
  }

  @Test
  @Timeout(60)
  void aNoisyNeighbourIsRefusedWhileTheOthersAreServed() throws Exception {
    // Fewer flooding calls than the default, so that the test stays light on a busy 2-core machine;
    // still more to a session than a session may have in flight.
    Path report = directory.resolve("noisy.html");
    Options options = Options.parse("--mode", "noisy", "--noisy-agents", "6", "--noisy-warmup", "600ms",
        "--noisy-duration", "1500ms", "--flood-calls", "100", "--slow-call", "100ms", "--report", report.toString());
    Results results = LoadTest.run(options, "noisy", quietProgress());
    String console = Report.console(results);

    NoisyNeighbour.Result noisy = results.noisy();
    for (RunResult phase : List.of(noisy.quiet(), noisy.flood())) {
      assertTrue(phase.stats().toolCalls() > 0, phase.label() + " made no calls\n" + console);
      assertEquals(0, phase.stats().errorCount(), "a well-behaved agent got an error (a 429?)\n" + console);
      assertEquals(0, phase.stats().misrouted(), console);
    }
    Flooder.Result flooder = noisy.flooder();
    ClientLimits limits = ClientLimits.defaults();
    assertTrue(flooder.refused(Flooder.Limit.SESSIONS_PER_CLIENT) > 0, "the session limit never fired\n" + console);
    assertEquals(limits.sessionsPerClient(), flooder.sessionsOpened(), console);
    assertTrue(flooder.refused(Flooder.Limit.CALLS_PER_SESSION) > 0, "the calls limit never fired\n" + console);
    assertTrue(flooder.streamsOpened() <= limits.streamsPerClient(), console);
    assertEquals(0, flooder.otherCount(), "every refusal names its limit in words the harness knows\n" + console);
    assertTrue(console.contains("flood / quiet: throughput"), console);
    assertTrue(results.clean(), console);
    String html = Files.readString(LoadTest.writeReport(results, report), StandardCharsets.UTF_8);
    assertTrue(html.contains("Noisy neighbour"), "the report has the noisy-neighbour section");
  }

  @Test
  @Timeout(90)
  void checkingTokensIsMeasuredCleanOnSmallNumbers() throws Exception {
    Path report = directory.resolve("auth.html");
    Options options = Options.parse("--mode", "auth", "--compare-agents", "16", "--warmup", "300ms",
        "--compare-warmup", "600ms", "--compare-duration", "1s", "--rounds", "2", "--report", report.toString());
    Results results = LoadTest.run(options, "auth", quietProgress());
    String console = Report.console(results);

    AuthCost.Result auth = results.auth();
    List<Results.Aggregate> endpoints = auth.byTarget();
    assertEquals(List.of(AuthCost.OPEN, AuthCost.CHECKED), endpoints.stream().map(Results.Aggregate::target).toList(),
        console);
    for (Results.Aggregate endpoint : endpoints) {
      assertEquals(2, endpoint.rounds().size(), console);
      assertTrue(endpoint.calls() > 0, endpoint.target() + " made no calls\n" + console);
      assertEquals(0, endpoint.errors(), "an agent got an error (a 401?)\n" + console);
      assertEquals(0, endpoint.misrouted(), console);
      assertTrue(endpoint.serverCpuMicrosPerCall() > 0, "the server's JVM is measured for each endpoint\n" + console);
    }
    assertEquals(401, auth.statusWithoutToken(), "the protected endpoint must refuse a request without a token\n"
        + console);
    assertTrue(auth.challenged(), console);
    assertTrue(auth.jwksFetches() >= 1, "the server never fetched the keys, so it verified nothing\n" + console);
    assertTrue(Double.isFinite(auth.addedServerCpuMicrosPerCall()), console);
    assertTrue(console.contains(AuthCost.CHECKED + " / " + AuthCost.OPEN + ": throughput")
        && console.contains("of server CPU per call"), console);
    assertTrue(results.clean(), console);
    String html = Files.readString(LoadTest.writeReport(results, report), StandardCharsets.UTF_8);
    assertTrue(html.contains("Authorization: what checking a JWT costs"), "the report has the auth section");
  }

  @Test
  @Timeout(60)
  void misroutedRepliesAndLeakedSessionsAreCaught() throws Exception {
    try (BrokenServer broken = new BrokenServer()) {
      Options options = Options.parse("--mode", "agents", "--url", broken.endpoint().toString(), "--agents", "4",
          "--in-flight", "2", "--mix", "echo=1", "--calls-per-session", "5", "--abandon", "1", "--session-ttl", "1s",
          "--warmup", "200ms", "--duration", "1s");
      Results results = LoadTest.run(options, "broken", quietProgress());
      RunResult agents = results.agents();
      assertTrue(agents.stats().misrouted() > 0, "replies to other calls were not caught");
      assertTrue(agents.orphans().leaked() > 0, "sessions the server never forgot were not caught");
      assertEquals(agents.orphans().abandoned(), agents.orphans().leaked());
      assertFalse(results.clean());
      assertTrue(Report.console(results).contains("PROBLEMS FOUND"));
    }
  }

  @Test
  void badOptionsAreRejectedWithTheOptionNamed() {
    Map<String, List<String>> cases = Map.of(
        "--agents", List.of("--agents", "0"),
        "--mix", List.of("--mix", "echo=x"),
        "--duration", List.of("--duration", "ten"),
        "--abandon", List.of("--abandon", "2"),
        "--bogus", List.of("--bogus", "1"),
        "--url", List.of("--mode", "compare", "--url", "http://127.0.0.1:1/mcp"),
        "--session-ttl", List.of("--session-ttl", "5"),
        "--protocol-version", List.of("--mix", "echo=1,mrtr=1"),
        "--mode", List.of("--mode", "compare", "--protocol", "2026-07-28"),
        "--protocol", List.of("--protocol", "2026-07-28", "--protocol-version", "2025-11-25"));
    cases.forEach((option, args) -> {
      IllegalArgumentException e = Assertions.assertThrows(IllegalArgumentException.class,
          () -> Options.parse(args.toArray(String[]::new)));
      assertTrue(e.getMessage().contains(option), option + ": " + e.getMessage());
    });
    IllegalArgumentException e = Assertions.assertThrows(IllegalArgumentException.class,
        () -> Options.parse("--mode", "noisy", "--slow-call", "11s"));
    assertTrue(e.getMessage().contains("--slow-call"), e.getMessage());
    // a fleet node's options, and the cluster's window (cut in thirds)
    Map<String, List<String>> nodeCases = Map.of(
        "--fleet", List.of("--mode", "agents", "--fleet", "redis://127.0.0.1:6379"),
        "--instance", List.of("--mode", "serve", "--instance", "node1"),
        "--duration", List.of("--mode", "cluster", "--duration", "2s"));
    nodeCases.forEach((option, args) -> {
      IllegalArgumentException refused = Assertions.assertThrows(IllegalArgumentException.class,
          () -> Options.parse(args.toArray(String[]::new)));
      assertTrue(refused.getMessage().contains(option), option + ": " + refused.getMessage());
    });
    // the server process's side of mode auth, not an option of the measurement
    e = Assertions.assertThrows(IllegalArgumentException.class, () -> Options.parse("--mode", "auth", "--issuer",
        "http://127.0.0.1:1", "--jwks-uri", "http://127.0.0.1:1/jwks.json"));
    assertTrue(e.getMessage().contains("--issuer"), e.getMessage());
  }

  private static ProgressLine quietProgress() {
    return new ProgressLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
  }
}
