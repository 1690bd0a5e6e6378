package dev.switchboard.loadtest;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * The cluster mode: a fleet of Switchboard nodes sharing sessions and changes through Redis, behind
 * HAProxy with the shipped configuration, survives losing a node. Real processes on 127.0.0.1 (see
 * {@link ClusterFleet}); in order:
 *
 * <ol>
 *   <li>warm-up: both eras' agents through every node, not measured;
 *   <li>throughput: the session agents' echo calls through node1 alone, then through every node;
 *   <li>notifications: listener sessions subscribed to {@code mem://ticker}, each with its GET stream,
 *       then pokes landing on every node: each update must reach each stream once;
 *   <li>failover: both eras' agents at once through every node; at a third of the window the sessions
 *       node2 holds are counted in Redis and node2 is killed (SIGKILL), at two thirds it restarts on
 *       its port. Its sessions must be taken over by the others, not lost (404), and no reply may reach
 *       another caller; only calls in flight on node2 when it died may fail;
 *   <li>notifications again, after reopening the streams that died with node2.
 * </ol>
 */
final class Cluster {
  static final int NODES = 3;
  /** The node killed and restarted. */
  static final int VICTIM = 2;
  static final int LISTENERS = 30;
  static final int POKES = 20;
  private static final Path SHIPPED_CONFIG = Path.of("haproxy", "switchboard.cfg");
  /** How long the streams on a killed node may take to close: HAProxy closes them as the node's sockets go. */
  private static final Duration STREAMS_CLOSING = Duration.ofSeconds(5);
  /**
   * After a node listens again, how long until HAProxy sends it requests: the shipped configuration
   * checks every second and needs one pass ({@code inter 1s rise 1}); half a second more for margin.
   */
  private static final Duration BACK_IN_ROTATION = Duration.ofMillis(1_500);

  private Cluster() {}

  /** Why this machine cannot run the cluster mode, in one line; null when it can. */
  static String missing() {
    if (!Files.isExecutable(Redis.SERVER)) {
      return "--mode cluster needs redis-server at " + Redis.SERVER + " (apt-get install redis-server)";
    }
    if (!Files.isExecutable(Haproxy.BINARY)) {
      return "--mode cluster needs haproxy at " + Haproxy.BINARY + " (apt-get install haproxy)";
    }
    return shippedConfig() == null ? "--mode cluster needs the shipped load-tests/" + SHIPPED_CONFIG
        + ": run it from the repository or from load-tests" : null;
  }

  /** The shipped HAProxy configuration, seen from the repository or from load-tests (where its tests run). */
  private static Path shippedConfig() {
    for (Path candidate : List.of(Path.of("load-tests").resolve(SHIPPED_CONFIG), SHIPPED_CONFIG)) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    return null;
  }

  static ClusterResult run(HttpEngine engine, Options options, ProgressLine progress) throws Exception {
    String missing = missing();
    if (missing != null) {
      throw new IllegalStateException(missing);
    }
    Path shipped = shippedConfig();
    // load-tests/target/cluster, wherever the harness runs from
    Path logs = Files.createDirectories(shipped.getParent().getParent().resolve("target").resolve("cluster"));
    String legacy = options.sessionProtocolVersion();
    try (ClusterFleet fleet = ClusterFleet.start(shipped, logs, NODES, options.sessionTtl())) {
      progress.done("[cluster] redis-server, " + NODES + " nodes and HAProxy in front of 1 and of " + NODES
          + " started; logs in " + logs);
      URI front = fleet.allNodes().endpoint();
      try (BothEras warmUp = new BothEras(front, options, Duration.ZERO, options.warmup(), "warm-up", progress)) {
        warmUp.results();
      }
      RunResult oneNode = new AgentRun("1 node", engine, through(fleet.oneNode(), "HAProxy, 1 node"),
          options.comparisonWorkload(legacy), null, progress).execute();
      RunResult allNodes = new AgentRun(NODES + " nodes", engine, through(fleet.allNodes(), "HAProxy, " + NODES
          + " nodes"), options.comparisonWorkload(legacy), null, progress).execute();
      try (TickerListeners listeners = new TickerListeners(front, legacy)) {
        listeners.open(LISTENERS);
        TickerListeners.Check before = listeners.check(POKES);
        progress.done("[cluster] " + ClusterReport.checkLine("before", before));
        // Also the first use of the Redis connection, whose classes load slowly on a busy machine: not at the kill.
        progress.done("[cluster] sessions held: " + heldByNode(fleet));
        Failover failover = failover(fleet, listeners, options, progress);
        int atRiskListeners = (int) failover.atRisk().stream().filter(listeners.sessionIds()::contains).count();
        listeners.reopen(); // any that closed since the kill
        TickerListeners.Check after = listeners.check(POKES);
        progress.done("[cluster] " + ClusterReport.checkLine("after", after));
        return new ClusterResult(NODES, ClusterFleet.name(VICTIM), oneNode, allNodes, failover.runs().get(0),
            failover.runs().get(1), failover.killedAt(), failover.restartedAt(), failover.listeningAt(),
            failover.atRisk().size(), atRiskListeners, before, after, logs);
      }
    }
  }

  /** The failover window's runs (sessions, then stateless), what the victim held, and when it went and came back. */
  private record Failover(List<RunResult> runs, List<String> atRisk, double killedAt, double restartedAt,
      double listeningAt) {}

  /**
   * The failover window: both eras' agents, the victim killed at a third and restarted at two thirds;
   * right after the kill, the listeners' streams that died with it are reopened, as their clients would.
   */
  private static Failover failover(ClusterFleet fleet, TickerListeners listeners, Options options,
      ProgressLine progress) throws Exception {
    Duration third = options.duration().dividedBy(3);
    try (BothEras runs = new BothEras(fleet.allNodes().endpoint(), options, null, options.duration(), "failover",
        progress)) {
      long start = runs.awaitMeasuring();
      sleepUntil(start + third.toNanos());
      // Counted just before the kill: the sessions whose copy in Redis names a run of the victim.
      List<String> atRisk = fleet.sessionsHeldBy(VICTIM);
      long killed = System.nanoTime();
      fleet.kill(VICTIM);
      progress.done(String.format(Locale.ROOT, "[cluster] %s killed at %.1f s, holding %d sessions",
          ClusterFleet.name(VICTIM), seconds(killed - start), atRisk.size()));
      listeners.awaitClosed(atRisk, STREAMS_CLOSING);
      listeners.reopen();
      sleepUntil(start + third.multipliedBy(2).toNanos());
      long restarted = System.nanoTime();
      fleet.restart(VICTIM);
      long listening = System.nanoTime();
      progress.done(String.format(Locale.ROOT, "[cluster] %s restarted at %.1f s, listening at %.1f s",
          ClusterFleet.name(VICTIM), seconds(restarted - start), seconds(listening - start)));
      List<RunResult> results = runs.results();
      sleepUntil(listening + BACK_IN_ROTATION.toNanos()); // so that the next pokes land on it too
      return new Failover(results, atRisk, seconds(killed - start), seconds(restarted - start),
          seconds(listening - start));
    }
  }

  private static String heldByNode(ClusterFleet fleet) throws InterruptedException, ExecutionException {
    StringBuilder held = new StringBuilder();
    for (int node = 1; node <= NODES; node++) {
      held.append(node == 1 ? "" : ", ").append(ClusterFleet.name(node)).append(' ')
          .append(fleet.sessionsHeldBy(node).size());
    }
    return held.toString();
  }

  private static Target through(Haproxy proxy, String name) {
    return new Target(name, proxy.endpoint(), null, null, true, null);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /**
   * Both eras' agents at once through one front, each era with an engine and a thread of its own:
   * sessions ({@link Options#sessionProtocolVersion}) and 2026-07-28. Closing waits for both runs to
   * end (each ends by itself), then closes the engines.
   */
  private static final class BothEras implements AutoCloseable {
    private final List<HttpEngine> engines = new ArrayList<>();
    private final List<AgentRun> runs = new ArrayList<>();
    private final List<Future<RunResult>> results = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final Duration longestWarmup;

    /**
     * @param warmup before each run's measured window, or null for the workloads' own (sessions opening)
     * @param label the runs' labels start with it
     */
    BothEras(URI front, Options options, Duration warmup, Duration duration, String label, ProgressLine progress) {
      Duration waited = Duration.ZERO;
      for (String revision : List.of(options.sessionProtocolVersion(), Wire.STATELESS_REVISION)) {
        String era = Wire.isStateless(revision) ? revision + " stateless" : revision + " sessions";
        Workload workload = options.clusterWorkload(revision);
        workload = workload.withTimes(warmup == null ? workload.warmup() : warmup, duration);
        waited = workload.warmup().compareTo(waited) > 0 ? workload.warmup() : waited;
        HttpEngine engine = new HttpEngine("cluster " + era);
        engines.add(engine);
        AgentRun run = new AgentRun(label + ", " + era, engine, new Target(era, front, null, null, true, null),
            workload, null, progress);
        runs.add(run);
        results.add(threads.submit(run::execute));
      }
      longestWarmup = waited;
    }

    /** When the session agents' measured window began ({@link System#nanoTime}), once it has. */
    long awaitMeasuring() throws InterruptedException, TimeoutException {
      return runs.get(0).awaitMeasuring(longestWarmup.plusMinutes(1));
    }

    /** Both runs' results, sessions first, once both ended. */
    List<RunResult> results() throws InterruptedException, ExecutionException {
      List<RunResult> done = new ArrayList<>();
      for (Future<RunResult> result : results) {
        done.add(result.get());
      }
      return done;
    }

    @Override
    public void close() throws InterruptedException {
      try {
        for (Future<RunResult> result : results) {
          try {
            result.get();
          } catch (ExecutionException e) {
            // here the runs only need to have ended: a failure of theirs surfaces through results()
          }
        }
      } finally {
        threads.shutdown();
        engines.forEach(HttpEngine::close);
      }
    }
  }
}
