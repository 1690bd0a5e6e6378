package dev.switchboard.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents speaking 2026-07-28 on small numbers, against the in-process server: no session, every
 * operation of the mix (the multi-round one included) completes and reaches its caller; against a
 * server that misroutes, the stateless agents catch it too. The eras comparison runs in
 * {@link LoadTestSmokeTest} (mode all includes it).
 */
class StatelessLoadTest {
  @TempDir
  Path directory;

  @Test
  @Timeout(60)
  void statelessAgentsRunTheWholeMixCleanWithMultiRoundCalls() throws Exception {
    Options options = Options.parse("--mode", "agents", "--protocol", "2026-07-28", "--agents", "8",
        "--in-flight", "2", "--mix", "echo=2,stream=1,large=1,mrtr=2", "--large", "20000",
        "--warmup", "300ms", "--duration", "1s");
    RunResult agents;
    try (HttpEngine engine = new HttpEngine("test-driver");
        InProcessServers servers = new InProcessServers(options.sessionTtl())) {
      agents = new AgentRun("agents", engine, servers.switchboard(), options.agentsWorkload(), options.sessionTtl(),
          quietProgress()).execute();
    }
    Results results = results(agents);
    String console = Report.console(results);

    assertTrue(agents.workload().stateless(), console);
    assertEquals(0, agents.stats().misrouted(), console);
    assertEquals(0, agents.stats().errorCount(), console);
    for (Op op : List.of(Op.ECHO, Op.STREAM, Op.LARGE, Op.MRTR)) {
      assertTrue(agents.latency(op).count() > 0, op.label() + " never ran\n" + console);
    }
    for (Op op : List.of(Op.INITIALIZE, Op.DELETE)) {
      assertEquals(0, agents.latency(op).count(), op.label() + " has no place without sessions\n" + console);
    }
    assertEquals(null, agents.orphans(), console);
    assertEquals(0, agents.sessionsLeft(), "a stateless request leaves no session behind\n" + console);
    assertTrue(console.contains("abandonment and reclaim do not apply"), console);
    assertFalse(console.contains("sessions opened"), console);
    assertTrue(results.clean(), console);

    Path report = LoadTest.writeReport(results, directory.resolve("report.html"));
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertTrue(html.contains(Op.MRTR.label()) && !html.contains("Live sessions"), "no session chart without sessions");
  }

  @Test
  @Timeout(60)
  void misroutedRepliesAreCaughtWithoutSessions() throws Exception {
    try (BrokenServer broken = new BrokenServer(); HttpEngine engine = new HttpEngine("test-driver")) {
      Options options = Options.parse("--mode", "agents", "--url", broken.endpoint().toString(),
          "--protocol-version", "2026-07-28", "--agents", "4", "--in-flight", "2", "--mix", "echo=1",
          "--warmup", "200ms", "--duration", "800ms");
      RunResult agents = new AgentRun("broken", engine, Target.external(broken.endpoint()), options.agentsWorkload(),
          null, quietProgress()).execute();
      assertTrue(agents.stats().misrouted() > 0, "replies to other calls were not caught");
      assertFalse(results(agents).clean());
    }
  }

  @Test
  void theStatelessDefaultsAddMultiRoundCallsAndDropSessionChurn() {
    Workload stateless = Options.parse("--protocol-version", "2026-07-28").agentsWorkload();
    assertEquals("echo=8,stream=1,large=1,mrtr=1", stateless.mixText());
    assertEquals(0, stateless.abandonFraction());
    assertEquals(0, stateless.callsPerSession());
    Workload sessions = Options.parse().agentsWorkload();
    assertEquals("echo=8,stream=1,large=1", sessions.mixText());
    assertFalse(sessions.stateless());
  }

  /** The run as the report shows it; the machine's load is not sampled (that takes two seconds). */
  private static Results results(RunResult agents) {
    MachineLoad unknown = new MachineLoad(-1, List.of());
    return new Results("test", "stateless", List.of(), List.of(), null, agents, List.of(), null, null, null, List.of(),
        unknown, unknown);
  }

  private static ProgressLine quietProgress() {
    return new ProgressLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
  }
}
