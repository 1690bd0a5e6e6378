package dev.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load test's command line: see {@link Options#HELP}. Prints a live progress line while it
 * runs, a table at the end, and writes an HTML report.
 */
public final class LoadTest {
  private static final Duration IDLE_SESSION_TTL = Duration.ofMinutes(30);

  private LoadTest() {}

  /**
   * Runs the load test.
   *
   * @param args options; {@code --help} lists them
   * @throws Exception when the harness itself fails (not when the server misbehaves: that is the exit status)
   */
  public static void main(String[] args) throws Exception {
    if (Options.wantsHelp(args)) {
      System.out.print(Options.HELP);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("load-tests: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.mode().equals("hold-streams")) {
      holdStreams(options);
      System.exit(0);
    }
    if (options.mode().equals("cluster") && Cluster.missing() != null) {
      System.err.println("load-tests: " + Cluster.missing());
      System.exit(2);
    }
    if (options.mode().equals("serve")) {
      // Jetty's threads are not daemons: a server that failed to close must not keep the process alive.
      try {
        ServerProcess.serve(options.target(), options.sessionTtl(), options.issuer() == null ? null
            : new InProcessServers.TokenCheck(options.issuer(), options.jwksUri()), ServerProcess.node(options));
      } catch (Exception | Error e) {
        e.printStackTrace();
        System.exit(1);
      }
      System.exit(0);
    }
    Results results = run(options, String.join(" ", args), ProgressLine.console());
    System.out.print(Report.console(results));
    Path report = writeReport(results, options.report());
    System.out.println("HTML report: " + report.toAbsolutePath().normalize());
    System.exit(results.clean() ? 0 : 1);
  }

  static Results run(Options options, String command, ProgressLine progress) throws Exception {
    MachineLoad loadAtStart = MachineLoad.sample();
    List<RunResult> comparison = new ArrayList<>();
    List<RunResult> eras = new ArrayList<>();
    RunResult agents = null;
    List<IdleSessions.Result> idleSessions = new ArrayList<>();
    IdleStreams.Result idleStreams = null;
    NoisyNeighbour.Result noisy = null;
    ClusterResult cluster = null;
    AuthCost.Result auth = null;
    String mode = options.mode();
    boolean all = mode.equals("all");
    try (HttpEngine engine = new HttpEngine("load-driver")) {
      if (all || mode.equals("idle-sessions") || mode.equals("idle-streams")) {
        // Idle figures need sessions that stay: servers of their own, with a long idle timeout.
        try (InProcessServers servers = new InProcessServers(IDLE_SESSION_TTL)) {
          if (all || mode.equals("idle-sessions")) {
            for (Target target : List.of(servers.switchboard(), servers.sdk())) {
              idleSessions.add(IdleSessions.measure(engine, target, options.idleSessions(),
                  options.sessionProtocolVersion(), progress));
            }
          }
          if (all || mode.equals("idle-streams")) {
            idleStreams = IdleStreams.measure(servers.switchboard(), options.idleStreams(), options.hold(),
                !options.streamsInProcess(), options.sessionProtocolVersion(), progress);
          }
        }
      }
      if (all || mode.equals("compare")) {
        comparison.addAll(compare(engine, options, progress));
      }
      if (all || mode.equals("eras")) {
        eras.addAll(eras(engine, options, progress));
      }
      if (mode.equals("auth")) { // not in all: it takes about three minutes
        auth = AuthCost.run(engine, options, progress);
      }
      if (all || mode.equals("agents")) {
        try (InProcessServers servers = options.url() == null ? new InProcessServers(options.sessionTtl()) : null) {
          Target target = servers == null ? Target.external(options.url()) : servers.switchboard();
          agents = new AgentRun("agents", engine, target, options.agentsWorkload(), options.sessionTtl(), progress).execute();
        }
      }
      if (mode.equals("noisy")) { // not in all: it takes about 50 s
        noisy = NoisyNeighbour.run(engine, options, progress);
      }
      if (mode.equals("cluster")) { // not in all: it needs redis-server and HAProxy, and takes about 90 s
        cluster = Cluster.run(engine, options, progress);
      }
    }
    return new Results(environment(), command, comparison, eras, auth, agents, idleSessions, idleStreams, noisy,
        cluster, Options.shortRunWarnings(options), loadAtStart, MachineLoad.sample());
  }

  /** A side of a comparison: a server, and what the agents do against it. */
  record Contender(Target target, Workload workload) {}

  /**
   * Warms the servers up, then runs the echo workload against them in alternating rounds (AB, BA,
   * AB, ...) so that neither always runs on a warmer or cooler machine.
   */
  private static List<RunResult> compare(HttpEngine engine, Options options, ProgressLine progress)
      throws InterruptedException, IOException {
    Workload workload = options.comparisonWorkload(options.sessionProtocolVersion());
    if (options.compareInProcess()) {
      try (InProcessServers servers = new InProcessServers(options.sessionTtl())) {
        return alternate(engine, List.of(new Contender(servers.switchboard(), workload),
            new Contender(servers.sdk(), workload)), options, progress);
      }
    }
    try (ServerProcess ours = ServerProcess.start("switchboard", options.sessionTtl());
        ServerProcess sdk = ServerProcess.start("sdk", options.sessionTtl())) {
      return alternate(engine, List.of(new Contender(ours.target(), workload), new Contender(sdk.target(), workload)),
          options, progress);
    }
  }

  /**
   * The comparison's rounds against one Switchboard server, its two eras taking turns: sessions of
   * a 2025 revision (A), and the stateless 2026-07-28 (B). One server process, so that both eras run
   * on the same JIT-compiled code, heap and Jetty; its CPU per call is read in each era's rounds.
   */
  private static List<RunResult> eras(HttpEngine engine, Options options, ProgressLine progress)
      throws InterruptedException, IOException {
    if (options.compareInProcess()) {
      try (InProcessServers servers = new InProcessServers(options.sessionTtl())) {
        return eras(engine, servers.switchboard(), options, progress);
      }
    }
    try (ServerProcess ours = ServerProcess.start("switchboard", options.sessionTtl())) {
      return eras(engine, ours.target(), options, progress);
    }
  }

  private static List<RunResult> eras(HttpEngine engine, Target server, Options options, ProgressLine progress)
      throws InterruptedException {
    String legacy = options.sessionProtocolVersion();
    return alternate(engine, List.of(
        new Contender(server.named(legacy + " sessions"), options.comparisonWorkload(legacy)),
        new Contender(server.named(Wire.STATELESS_REVISION + " stateless"),
            options.comparisonWorkload(Wire.STATELESS_REVISION))), options, progress);
  }

  /**
   * Warms each contender up (twice, alternating), then runs {@link Options#rounds()} rounds of each,
   * the order flipping every round: AB, BA, AB, ...
   */
  static List<RunResult> alternate(HttpEngine engine, List<Contender> contenders, Options options,
      ProgressLine progress) throws InterruptedException {
    // Twice each, alternating: code both servers share (Jetty, Jackson) is recompiled when the second
    // one starts, and the first measured round should not pay for that.
    for (int pass = 0; pass < 2; pass++) {
      for (Contender contender : contenders) {
        Workload warmup = contender.workload().withTimes(Duration.ofMillis(500), options.compareWarmup().dividedBy(2));
        new AgentRun("warm-up " + contender.target().name(), engine, contender.target(), warmup, null, progress)
            .execute();
      }
    }
    List<RunResult> runs = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      List<Contender> order = round % 2 == 1 ? contenders : List.of(contenders.get(1), contenders.get(0));
      for (Contender contender : order) {
        runs.add(new AgentRun(contender.target().name() + " round " + round, engine, contender.target(),
            contender.workload(), null, progress).execute());
      }
    }
    return runs;
  }

  /** The child process of the idle-streams measurement: see {@link IdleStreams}. */
  private static void holdStreams(Options options) throws InterruptedException {
    try (HttpEngine engine = new HttpEngine("stream-holder")) {
      StreamHolder holder = new StreamHolder(engine, new Wire(options.url()), options.idleStreams(), options.protocolVersion());
      Thread commands = new Thread(() -> {
        try (BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
          for (String line = input.readLine(); line != null && !line.equals("DONE"); line = input.readLine()) {
            if (line.startsWith("OPEN ")) {
              holder.open(Integer.parseInt(line.substring(5).trim()));
              String failure = holder.firstFailure();
              System.out.println("READY " + holder.established() + " " + holder.failed() + (failure == null ? "" : " " + failure));
              System.out.flush();
            }
          }
        } catch (IOException e) {
          // the parent went away: stop holding
        }
      }, "commands");
      commands.setDaemon(true);
      commands.start();
      commands.join(options.hold().toMillis()); // a deadline, in case the parent never says DONE
      System.out.println("DONE " + holder.established() + " " + holder.failed() + " " + holder.lost());
      System.out.flush();
      holder.close();
    }
  }

  static Path writeReport(Results results, Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(path, HtmlReport.render(results), StandardCharsets.UTF_8);
    return path;
  }

  private static String environment() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(Locale.ROOT, "Java %s (%s), %s, %d cores, max heap %d MiB, %s %s, %s",
        System.getProperty("java.version"), System.getProperty("java.vendor"),
        ManagementFactory.getRuntimeMXBean().getVmName(), runtime.availableProcessors(), runtime.maxMemory() >> 20,
        System.getProperty("os.name"), System.getProperty("os.version"), Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }
}
