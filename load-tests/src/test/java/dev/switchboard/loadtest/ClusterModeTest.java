package dev.switchboard.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The cluster mode on short durations: redis-server, three Switchboard nodes sharing sessions and
 * changes through it and HAProxy with the shipped configuration, all real processes on 127.0.0.1, one
 * node killed (SIGKILL) and restarted under both eras' agents. Nothing may be misrouted; the killed
 * node's sessions, agents' and listeners' alike, must be taken over, none lost; every resource update
 * must reach every subscribed stream exactly once, before and after, from pokes run on every node; both
 * eras must be served after the restart. {@code .ci/run} installs redis-server and HAProxy; without
 * them this test is skipped and says so.
 */
class ClusterModeTest {
  @TempDir
  Path directory;

  @Test
  @Timeout(120)
  void aFleetLosesANodeWithoutLosingASession() throws Exception {
    Installed.require(Redis.SERVER, "redis-server");
    Installed.require(Haproxy.BINARY, "haproxy");
    Path report = directory.resolve("cluster.html");
    Options options = Options.parse("--mode", "cluster", "--warmup", "2s", "--compare-agents", "16",
        "--compare-duration", "1500ms", "--duration", "6s", "--agents", "12", "--report", report.toString());
    Results results = LoadTest.run(options, "cluster", quietProgress());
    String console = Report.console(results);

    ClusterResult cluster = results.cluster();
    assertEquals(0, cluster.misrouted(), console);
    assertEquals(0, cluster.sessionsLost(), "sessions were lost with the node (404)\n" + console);
    assertTrue(cluster.atRisk() - cluster.atRiskListeners() > 0,
        "the killed node held no agent's session, so the kill proved nothing\n" + console);
    assertTrue(cluster.atRiskListeners() > 0, "the killed node held no listener's session\n" + console);
    assertEquals(cluster.atRisk(), cluster.sessionsSurvived(), console);
    assertEquals(cluster.atRiskListeners(), cluster.after().reopened(),
        "the streams that died with the node were reopened\n" + console);
    for (TickerListeners.Check check : List.of(cluster.before(), cluster.after())) {
      assertEquals(List.of(), check.failures(), console);
      assertEquals((long) Cluster.LISTENERS * Cluster.POKES, check.expected(), console);
      assertEquals(check.expected(), check.delivered(), "updates missing\n" + console);
      assertEquals(0, check.duplicates(), "updates delivered twice\n" + console);
      assertEquals(Cluster.NODES, check.pokesByNode().size(), "the pokes ran on every node, the restarted "
          + "one included\n" + console);
    }
    for (RunResult run : List.of(cluster.sessions(), cluster.stateless())) {
      List<Long> perSecond = run.stats().toolCallsPerSecond();
      long afterRestart = perSecond.subList(Math.min(perSecond.size(), (int) Math.ceil(cluster.restartedAt())),
          perSecond.size()).stream().mapToLong(Long::longValue).sum();
      assertTrue(afterRestart > 0, run.target() + " made no calls after the restart\n" + console);
    }
    for (RunResult run : List.of(cluster.oneNode(), cluster.allNodes())) {
      assertTrue(run.stats().toolCalls() > 0, run.target() + " made no calls\n" + console);
      assertEquals(0, run.stats().errorCount(), "no node died in the throughput runs\n" + console);
    }
    assertTrue(results.clean(), console);
    assertTrue(console.contains("the fleet survived losing a node"), console);

    String html = Files.readString(LoadTest.writeReport(results, report), StandardCharsets.UTF_8);
    assertTrue(html.contains("Cluster: a fleet losing a node") && html.contains("node2 killed</text>"),
        "the report has the cluster section and its timeline marks the kill");
  }

  private static ProgressLine quietProgress() {
    return new ProgressLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
  }
}
