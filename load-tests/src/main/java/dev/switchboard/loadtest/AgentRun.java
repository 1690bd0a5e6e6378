package dev.switchboard.loadtest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the agents against one target: warm-up, the measured window, then every agent ends
 * its session (if it has one), and abandoned sessions are followed until their deadline. Bounded in
 * time: it ends by itself even when the server stops answering.
 */
final class AgentRun {
  private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);
  private final String label;
  private final HttpEngine engine;
  private final Target target;
  private final Workload workload;
  private final Wire wire;
  private final Recorder recorder = new Recorder();
  private final OrphanTracker orphans;
  private final Duration sessionTtl;
  private final ProgressLine progress;
  private final List<Agent> agents = new ArrayList<>();
  private final CountDownLatch finished;
  private final String filler;
  private final String statelessMeta;
  /** Each agent's client name is this and its number, or null when the agents send none. */
  private final String clientPrefix;
  private volatile boolean stopping;
  /** Opened when the measured window begins, at {@link #measureStart}: for what runs beside the run. */
  private final CountDownLatch measuring = new CountDownLatch(1);
  private volatile long measureStart;
  private boolean sampling = true;
  private long startedAt;

  /**
   * @param sessionTtl the server's idle timeout; needed when the workload abandons sessions
   */
  AgentRun(String label, HttpEngine engine, Target target, Workload workload, Duration sessionTtl, ProgressLine progress) {
    this(label, engine, target, workload, sessionTtl, progress, null);
  }

  /**
   * @param sessionTtl the server's idle timeout; needed when the workload abandons sessions
   * @param clientPrefix when not null, each agent names itself a client of its own in
   *     {@link Wire#CLIENT_HEADER}: this prefix and its number
   */
  AgentRun(String label, HttpEngine engine, Target target, Workload workload, Duration sessionTtl, ProgressLine progress,
      String clientPrefix) {
    this.label = label;
    this.clientPrefix = clientPrefix;
    this.engine = engine;
    this.target = target;
    this.workload = workload;
    this.wire = new Wire(target.endpoint());
    this.progress = progress;
    this.statelessMeta = workload.stateless() ? Wire.statelessMeta(workload.protocolVersion()) : null;
    if (!workload.echoOnly() && !target.hasStreamingTools()) {
      throw new IllegalArgumentException(target.name() + " serves only echo; use an echo-only mix against it");
    }
    if (workload.abandonFraction() > 0 && target.bearerTokens() != null) {
      // an abandoned session is probed without its owner's token, and another principal's gets 404 anyway
      throw new IllegalArgumentException("abandoned sessions cannot be followed on a server that checks tokens");
    }
    if (workload.abandonFraction() > 0 && sessionTtl == null) {
      throw new IllegalArgumentException("abandoning sessions needs the server's session TTL (--session-ttl)");
    }
    this.sessionTtl = sessionTtl;
    this.orphans = workload.abandonFraction() > 0
        ? new OrphanTracker(engine, wire, sessionTtl, target, recorder) : null;
    for (int i = 0; i < workload.agents(); i++) {
      agents.add(new Agent(i, this));
    }
    this.finished = new CountDownLatch(workload.agents());
    StringBuilder text = new StringBuilder(workload.payloadBytes());
    while (text.length() < workload.payloadBytes()) {
      text.append((char) ('a' + text.length() % 26));
    }
    this.filler = text.toString();
  }

  HttpEngine engine() {
    return engine;
  }

  Wire wire() {
    return wire;
  }

  /**
   * The wire agent {@code number} sends on: the run's, naming the agent when each is a client of its own,
   * and with the agent's access token when the server checks tokens (the agent gets it as it starts).
   */
  Wire wireFor(int number) {
    Wire agentWire = clientPrefix == null ? wire : wire.asClient(clientPrefix + number);
    return target.bearerTokens() == null ? agentWire : agentWire.withBearer(target.bearerTokens().apply(number));
  }

  Workload workload() {
    return workload;
  }

  Recorder recorder() {
    return recorder;
  }

  /** Letters to pad echo payloads with, made once. */
  String filler() {
    return filler;
  }

  /** The {@code _meta} members every stateless request carries, made once; null with sessions. */
  String statelessMeta() {
    return statelessMeta;
  }

  boolean stopping() {
    return stopping;
  }

  void agentFinished() {
    finished.countDown();
  }

  void abandoned(String sessionId, String protocolVersion) {
    orphans.abandoned(sessionId, protocolVersion);
  }

  RunResult execute() throws InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    startedAt = System.nanoTime();
    long driverFailuresBefore = engine.uncaughtFailures();
    engine.execute(() -> {
      agents.forEach(Agent::start);
      tick(0);
    });
    Thread.sleep(workload.warmup().toMillis());

    long generatorBefore = engine.call(() -> {
      recorder.startMeasuring();
      return threads.getThreadCpuTime(engine.threadId());
    });
    long serverBefore = serverCpu();
    measureStart = System.nanoTime();
    measuring.countDown();
    Thread.sleep(workload.duration().toMillis());
    long generatorAfter = engine.call(() -> {
      recorder.stopMeasuring();
      return threads.getThreadCpuTime(engine.threadId());
    });
    long serverAfter = serverCpu();
    long measured = System.nanoTime() - measureStart;

    stopping = true;
    if (!finished.await(FINISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      engine.call(() -> {
        recorder.error("agents still busy " + FINISH_TIMEOUT.toSeconds() + " s after the run ended",
            finished.getCount() + " agents");
        // so that they do not go on into the next run, adding load and CPU to it
        agents.stream().filter(agent -> !agent.finished()).forEach(Agent::abort);
        return null;
      });
    }
    waitForOrphanProbes();
    if (engine.uncaughtFailures() > driverFailuresBefore) {
      engine.call(() -> {
        recorder.error("load driver failure", engine.firstUncaught());
        return null;
      });
    }
    int sessionsLeft = serverSessions();
    Recorder.Snapshot stats = engine.call(() -> {
      sampling = false;
      sample();
      return recorder.snapshot();
    });
    RunResult result = new RunResult(label, target.name(), workload, measured, stats,
        generatorAfter - generatorBefore, serverBefore < 0 || serverAfter < 0 ? -1 : serverAfter - serverBefore,
        orphans == null ? null : engine.call(orphans::result), sessionsLeft);
    progress.done(summary(result));
    return result;
  }

  /**
   * Waits until the measured window begins (the run executes on another thread), so that what
   * happens beside the run can be timed within it.
   *
   * @return when it began, in {@link System#nanoTime}
   */
  long awaitMeasuring(Duration timeout) throws InterruptedException, TimeoutException {
    if (!measuring.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new TimeoutException("[" + label + "] did not begin measuring within " + timeout.toSeconds() + " s");
    }
    return measureStart;
  }

  private long serverCpu() {
    return target.serverCpu() == null ? -1 : target.serverCpu().applyAsLong(engine);
  }

  /** Waits until every abandoned session was probed; the last probes fire TTL + grace after the run. */
  private void waitForOrphanProbes() throws InterruptedException {
    if (orphans == null) {
      return;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos()
        + sessionTtl.plus(OrphanTracker.GRACE).toNanos();
    while (engine.call(orphans::probesPending) > 0) {
      if (System.nanoTime() > deadline) {
        engine.call(() -> {
          recorder.error("orphan probes unanswered", orphans.probesPending() + " probes");
          return null;
        });
        return;
      }
      Thread.sleep(100);
    }
  }

  /** Every 250 ms: sample live sessions; every second: the progress line. */
  private void tick(int count) {
    if (!sampling) {
      return;
    }
    sample();
    if (count % 4 == 3) {
      long calls = recorder.takeCallsSinceTick();
      double elapsed = (System.nanoTime() - startedAt) / 1e9;
      String phase = stopping ? "ending sessions" : elapsed < workload.warmup().toSeconds() ? "warm-up" : "measuring";
      progress.update(String.format(Locale.ROOT, "[%s] %4.0fs %-15s %,8d calls/s  p99 %s  sessions %d  errors %d  misrouted %d",
          label, elapsed, phase, calls, Report.millis(recorder.p99Nanos(Op.ECHO)), clientSessions(),
          recorder.errorCount(), recorder.misroutedCount()));
    }
    engine.schedule(250, TimeUnit.MILLISECONDS, () -> tick(count + 1));
  }

  private void sample() {
    recorder.sampleLiveSessions(clientSessions(), serverSessions());
  }

  /** Live sessions as the server counts them, or -1 when it is not in this process. */
  private int serverSessions() {
    return target.serverSessions() == null ? -1 : target.serverSessions().getAsInt();
  }

  private int clientSessions() {
    int open = 0;
    for (Agent agent : agents) {
      open += agent.hasSession() ? 1 : 0;
    }
    return open;
  }

  private static String summary(RunResult result) {
    Recorder.Snapshot stats = result.stats();
    return String.format(Locale.ROOT, "[%s] %,.0f calls/s over %.1f s, echo p50 %s p99 %s, errors %d, misrouted %d%s",
        result.label(), result.callsPerSecond(), result.seconds(), Report.millis(result.latency(Op.ECHO).percentileNanos(0.5)),
        Report.millis(result.latency(Op.ECHO).percentileNanos(0.99)), stats.errorCount(), stats.misrouted(),
        result.orphans() == null ? "" : String.format(Locale.ROOT, ", abandoned %d reclaimed %d leaked %d",
            result.orphans().abandoned(), result.orphans().reclaimed(), result.orphans().leaked()));
  }
}
