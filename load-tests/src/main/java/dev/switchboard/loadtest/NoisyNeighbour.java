package dev.switchboard.loadtest;

import dev.switchboard.mcp.transport.ClientLimits;
import java.time.Duration;
import java.util.Locale;

/**
 * Whether one client that takes all it can hurts the others: well-behaved agents, each a client of
 * its own, run twice against one server with the default {@link ClientLimits}: alone (quiet), then
 * beside a {@link Flooder} (flood). Their throughput and latency in the two phases are compared, and
 * every reply of theirs must still be theirs and a success: a 429 to a well-behaved agent is an error.
 */
final class NoisyNeighbour {
  /** The flood may at most double the well-behaved agents' p99. */
  static final double P99_TARGET = 2.0;
  private static final String AGENTS = "agent-";
  private static final String FLOODER = "flooder";
  /** The warm-up's flooder is another client, so that the measured one starts with a fresh share. */
  private static final String WARM_UP_FLOODER = "warm-up-flooder";
  /** Calls to a flooder's session: a quarter more than a session may have in flight by default. */
  static final int FLOOD_CALLS_PER_SESSION = ClientLimits.defaults().callsPerSession() * 5 / 4;
  /**
   * The flooder's calls by default: half again what a client may have in flight by default, so that
   * it goes over its client's share too, not only over its sessions'. Both follow the defaults, so
   * that the flood still reaches every limit when they change.
   */
  static final int FLOOD_CALLS = ClientLimits.defaults().callsPerClient() * 3 / 2;
  /** After its measured window, the flooder goes on while the agents end their sessions; then it must stop. */
  private static final Duration FLOOD_DEADLINE_MARGIN = Duration.ofSeconds(40);

  private NoisyNeighbour() {}

  /**
   * What the two phases measured.
   *
   * @param limits the server's client limits (the defaults)
   * @param quiet the well-behaved agents alone
   * @param flood the same agents beside the flooder
   * @param flooder what the flooder got in the flood phase
   * @param sessionsAfter live sessions on the server after the flood: the two flooders' (never deleted)
   */
  record Result(ClientLimits limits, RunResult quiet, RunResult flood, Flooder.Result flooder, int sessionsAfter) {
    /** The well-behaved agents' echo p99 in the flood over their p99 alone. */
    double p99Ratio() {
      return (double) flood.latency(Op.ECHO).percentileNanos(0.99) / quiet.latency(Op.ECHO).percentileNanos(0.99);
    }

    double throughputRatio() {
      return flood.callsPerSecond() / quiet.callsPerSecond();
    }

    boolean targetMet() {
      return p99Ratio() <= P99_TARGET;
    }

    /**
     * No well-behaved agent got an error (a 429 included) or a reply meant for another. The p99
     * target is reported, not enforced: on a small shared machine the flooder and the agents compete
     * for the same cores, so the ratio says as much about the machine as about the server.
     */
    boolean clean() {
      return quiet.stats().errorCount() + quiet.stats().misrouted() + flood.stats().errorCount()
          + flood.stats().misrouted() == 0;
    }
  }

  static Result run(HttpEngine engine, Options options, ProgressLine progress) throws InterruptedException {
    Workload workload = options.noisyWorkload();
    try (NoisyServer server = new NoisyServer()) {
      Target target = server.target();
      // Every code path the two phases take is compiled before either is measured, so that neither
      // pays for the JIT: first the server's refusals and slow calls, beside a flood, for a third of
      // the warm-up; then the agents alone, whose path the flood sends back to the compiler (with the
      // flood last, the quiet phase ramped up for its first 5 s). On two busy cores the echo path
      // still gets faster after 20 s, so the quiet phase's p99 is if anything a little high.
      Duration besideFlood = options.noisyWarmup().dividedBy(3);
      try (Flooder warmUp = new Flooder(target, plan(WARM_UP_FLOODER, options))) {
        warmUp.start(besideFlood.plus(FLOOD_DEADLINE_MARGIN));
        new AgentRun("noisy warm-up, flood", engine, target, workload.withTimes(Duration.ZERO, besideFlood), null,
            progress, AGENTS).execute();
      }
      new AgentRun("noisy warm-up", engine, target,
          workload.withTimes(Duration.ZERO, options.noisyWarmup().minus(besideFlood)), null, progress, AGENTS)
          .execute();
      RunResult quiet = new AgentRun("quiet", engine, target, workload, null, progress, AGENTS).execute();
      RunResult flood;
      Flooder.Result flooded;
      try (Flooder flooder = new Flooder(target, plan(FLOODER, options))) {
        flooder.start(workload.warmup().plus(workload.duration()).plus(FLOOD_DEADLINE_MARGIN));
        flood = new AgentRun("flood", engine, target, workload, null, progress, AGENTS).execute();
        flooded = flooder.stop();
      }
      progress.done(summary(flooded));
      return new Result(ClientLimits.defaults(), quiet, flood, flooded, server.sessions());
    }
  }

  /** More calls than a client may have in flight, and more to a session than a session may have. */
  private static Flooder.Plan plan(String client, Options options) {
    return new Flooder.Plan(client, options.sessionProtocolVersion(), options.floodCalls(), FLOOD_CALLS_PER_SESSION,
        (int) options.slowCall().toMillis());
  }

  private static String summary(Flooder.Result flooder) {
    return String.format(Locale.ROOT, "[flooder] %,.0f answers/s over %.1f s; sessions %,d, streams %,d, slow calls "
        + "%,d; 429: %s; 503: %,d; other: %,d", flooder.responses() / flooder.seconds(), flooder.seconds(),
        flooder.sessionsOpened(), flooder.streamsOpened(), flooder.callsCompleted(), Report.refusals(flooder),
        flooder.unavailable(), flooder.otherCount());
  }
}
