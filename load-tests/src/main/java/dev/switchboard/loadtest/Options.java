package dev.switchboard.loadtest;

import dev.switchboard.mcp.transport.RedisFleet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line options. Every option has a default, and the defaults are the benchmark the README
 * reports; a value the harness cannot use is rejected with a message naming the option.
 */
record Options(String mode, URI url, int agents, int inFlight, boolean sameIds, int payloadBytes, String mix,
    int largeBytes, int streamSteps, long callsPerSession, double abandonFraction, Duration sessionTtl,
    Duration warmup, Duration duration, int rounds, int compareAgents, Duration compareWarmup, Duration compareDuration,
    boolean compareInProcess, int idleSessions, int idleStreams, Duration hold, boolean streamsInProcess,
    int noisyAgents, Duration noisyWarmup, Duration noisyDuration, int floodCalls, Duration slowCall,
    String protocolVersion, String target, int port, String fleet, String instance, URI issuer, URI jwksUri,
    Path report) {

  static final List<String> MODES =
      List.of("all", "agents", "compare", "eras", "auth", "idle-sessions", "idle-streams", "noisy", "cluster",
          "hold-streams", "serve");
  /** The modes that measure sessions, so that a stateless revision makes no sense for them. */
  private static final List<String> SESSION_MODES =
      List.of("compare", "idle-sessions", "idle-streams", "noisy", "hold-streams");

  private static final Duration MAX_SLOW_CALL = Duration.ofSeconds(10);
  /** The failover window is cut in thirds (kill, restart): each needs a second at least. */
  private static final Duration MIN_CLUSTER_DURATION = Duration.ofSeconds(3);
  /** The mix of both eras: multi-round calls only where the revision has them (2026-07-28). */
  private static final String BOTH_ERAS_MIX = "echo=8,stream=1,large=1,mrtr=1";

  static final String HELP = """
      Usage: java -jar load-tests/target/load-tests.jar [options]

      Simulates many concurrent MCP agents against a server, checks that every reply reaches its caller
      and that abandoned sessions are reclaimed, and measures throughput, latency and memory. Without
      --url it starts its own servers on 127.0.0.1: for compare, Switchboard and the official MCP Java SDK
      each in a JVM of its own; for eras and auth, one Switchboard in a JVM of its own; for the other
      modes, in this process.

      Modes (--mode, default all):
        all            compare, then eras, then agents, then idle-sessions, then idle-streams
        agents         the agents' mix against Switchboard (or --url), with abandoned sessions followed;
                       with --protocol-version 2026-07-28, stateless, with multi-round (MRTR) calls
        compare        echo calls against Switchboard and the SDK in alternating rounds, with ratios
        eras           echo calls against one Switchboard server (a JVM of its own), 2025-11-25 sessions
                       and 2026-07-28 stateless requests in alternating rounds, with ratios; the
                       comparison options below apply
        auth           what checking access tokens costs: echo calls against one Switchboard server (a
                       JVM of its own) at two endpoints, alike but for authorization: /mcp checks none,
                       /mcp-auth verifies an RS256 JWT on every request (JwtTokenVerifier, keys from a
                       JWKS this process serves on 127.0.0.1); in alternating rounds, with ratios and the
                       server CPU a token check adds to a call; the comparison options below and
                       --protocol-version apply (about 3 minutes; not part of all)
        idle-sessions  heap per idle session, Switchboard and SDK
        idle-streams   threads and heap while many idle GET streams are open (Switchboard)
        noisy          a noisy neighbour: well-behaved agents (a client each) against one Switchboard with
                       the default client limits, alone, then beside one client that floods it (sessions,
                       GET streams, slow calls, never DELETE); compares their throughput and p99, and
                       counts the flooder's 429s by limit (about 50 s; not part of all)
        cluster        a fleet losing a node, on 127.0.0.1: Redis, three Switchboard nodes (JVMs of their
                       own sharing sessions and changes through it) behind HAProxy with the shipped
                       load-tests/haproxy/switchboard.cfg; echo throughput through one node and three;
                       both eras' agents while a node is killed (SIGKILL) and restarted: sessions taken
                       over or lost, calls failed, misrouted replies; resource updates reach every
                       subscribed stream once (about 90 s; needs redis-server and haproxy; not in all)

      Agents:
        --url URL               run the agents against this MCP endpoint instead of an in-process server
        --agents N              concurrent agents, one session each at a time (64)
        --in-flight N           requests in flight per agent, one connection each (2)
        --same-ids true|false   all requests of an agent use JSON-RPC id 1, concurrently (true)
        --payload BYTES         echo payload size (256)
        --mix LIST              weights of echo, stream, large and mrtr calls (echo=8,stream=1,large=1,
                                and mrtr=1 with 2026-07-28); mrtr: a tool asks a question, the first
                                request gets input_required, the retry with the answer completes;
                                timed as one round trip, it needs 2026-07-28
        --large BYTES           size of the large result (65536)
        --stream-steps N        progress events per streaming call (3)
        --calls-per-session N   calls before a session ends and the agent opens another; 0 = never (40)
        --abandon FRACTION      share of sessions left without DELETE (0.25)
        --session-ttl DURATION  the server's idle session timeout; set for in-process servers, and
                                must match the server's own with --url (5s)
        --warmup DURATION       time before measuring (10s)
        --duration DURATION     time measured (20s)
        --protocol-version V    the revision asked for in initialize (2025-11-25); 2026-07-28 makes
                                the agents stateless: no initialize, no session, no DELETE, every
                                request with the revision headers and _meta (--abandon and
                                --calls-per-session do not apply); also --protocol V. With --mode all,
                                compare and the idle figures still use 2025-11-25 sessions
      Comparison, eras and auth (echo only, one request in flight per agent, sessions live the whole run):
        --compare-agents N      concurrent agents, each with its session where the revision has them (128)
        --compare-warmup D      load on each server (era) before the rounds, not measured: the JIT
                                needs it: on 2 busy cores the compiler threads take 20 s to catch up (30s)
        --compare-duration D    length of each measured round (10s)
        --rounds N              rounds per server (era, endpoint), alternating AB BA AB BA ... (4)
        --compare-in-process    the servers in this JVM on one Jetty (for profiling both in one
                                recording); by default each runs in a JVM of its own, -Xmx1g
      Memory:
        --idle-sessions N       sessions opened and held for the heap figure (5000)
        --idle-streams N        idle GET streams held (10000)
        --hold DURATION         how long the streams are held (15s)
        --streams-in-process    open the streams from this process (only for small N: each
                                connection costs a file descriptor on both sides)
      Noisy neighbour (--mode noisy; one session per agent, one echo in flight, the payload above):
        --noisy-agents N        well-behaved agents, each a client of its own (32)
        --noisy-warmup D        not measured: for a third, the agents beside a flooder (another
                                client), then the agents alone (20s)
        --noisy-duration D      each measured phase, quiet and flood (10s)
        --flood-calls N         connections on which the flooder calls the slow tool, %d to a session (%d)
        --slow-call D           how long each of the flooder's slow calls takes (1s)
      Cluster (--mode cluster; --session-ttl is the nodes'):
        --warmup D              both eras' agents through the three nodes, not measured
        --compare-agents N, --compare-duration D   echo throughput, through one node then three
        --duration D            the failover window: a node killed at a third, restarted at two thirds
                                (at least %d s)
        --agents, --in-flight, --mix (%s; sessions without mrtr), --payload, --large,
        --stream-steps          each era's agents in the window, one session each (none abandoned)
      Server process (--mode serve: the other modes start it in a JVM of its own):
        --target NAME           switchboard or sdk (switchboard)
        --port N                the port on 127.0.0.1; 0 picks a free one (0)
        --fleet URI             Switchboard joins a fleet through this Redis (redis://127.0.0.1:6379),
                                sharing sessions and changes; the multi-round calls' key from %s
        --instance ID           the node's name in the fleet (random)
      Output:
        --report PATH           the HTML report (load-tests/target/load-test-report.html)

      Durations are written 500ms, 10s or 2m. The exit status is 0 when nothing was misrouted, failed or
      leaked (cluster: nothing misrouted, no session lost, every update delivered once), 1 otherwise, 2
      for bad options or, in cluster mode, without redis-server or haproxy.
      """.formatted(NoisyNeighbour.FLOOD_CALLS_PER_SESSION, NoisyNeighbour.FLOOD_CALLS,
      MIN_CLUSTER_DURATION.toSeconds(), BOTH_ERAS_MIX, InProcessServers.REQUEST_STATE_KEY_VARIABLE);

  static Options parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg + " (options start with --)");
      }
      int equals = arg.indexOf('=');
      if (equals > 0) {
        values.put(arg.substring(2, equals), arg.substring(equals + 1));
      } else if (List.of("--help", "--streams-in-process", "--compare-in-process").contains(arg)) {
        values.put(arg.substring(2), "true");
      } else if (i + 1 < args.length) {
        values.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
    }
    if (values.containsKey("protocol")) {
      // the issue that asked for the stateless workload calls it --protocol
      if (values.containsKey("protocol-version")) {
        throw new IllegalArgumentException("--protocol is --protocol-version: give one of them");
      }
      values.put("protocol-version", values.remove("protocol"));
    }
    OptionReader read = new OptionReader(values);
    Options options = new Options(
        read.choice("mode", "all", MODES),
        read.uri("url"),
        read.integer("agents", 64, 1, 5_000),
        read.integer("in-flight", 2, 1, 64),
        read.bool("same-ids", true),
        read.integer("payload", 256, 64, 4 << 20),
        read.string("mix", null),
        read.integer("large", 64 * 1024, 256, 16 << 20),
        read.integer("stream-steps", 3, 0, 100),
        read.integer("calls-per-session", 40, 0, Integer.MAX_VALUE),
        read.fraction("abandon", 0.25),
        read.duration("session-ttl", Duration.ofSeconds(5)),
        read.duration("warmup", Duration.ofSeconds(10)),
        read.duration("duration", Duration.ofSeconds(20)),
        read.integer("rounds", 4, 1, 20),
        read.integer("compare-agents", 128, 1, 5_000),
        read.duration("compare-warmup", Duration.ofSeconds(30)),
        read.duration("compare-duration", Duration.ofSeconds(10)),
        read.bool("compare-in-process", false),
        read.integer("idle-sessions", 5_000, 1, 100_000),
        read.integer("idle-streams", 10_000, 1, 50_000),
        read.duration("hold", Duration.ofSeconds(15)),
        read.bool("streams-in-process", false),
        read.integer("noisy-agents", 32, 1, 1_000),
        read.duration("noisy-warmup", Duration.ofSeconds(20)),
        read.duration("noisy-duration", Duration.ofSeconds(10)),
        read.integer("flood-calls", NoisyNeighbour.FLOOD_CALLS, 1, 5_000),
        read.duration("slow-call", Duration.ofSeconds(1)),
        read.string("protocol-version", "2025-11-25"),
        read.string("target", "switchboard"),
        read.integer("port", 0, 0, 65_535),
        read.string("fleet", null),
        read.string("instance", null),
        read.uri("issuer"),
        read.uri("jwks-uri"),
        Path.of(read.string("report", "load-tests/target/load-test-report.html")));
    values.remove("help");
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next() + "; see --help");
    }
    if (options.url != null && !List.of("agents", "hold-streams").contains(options.mode)) {
      throw new IllegalArgumentException("--url works with --mode agents; the other modes measure servers in this process");
    }
    if (options.slowCall.isNegative() || options.slowCall.compareTo(MAX_SLOW_CALL) > 0) {
      // the load driver gives up on a request after 30 s, and past 15 s the server answers on SSE
      throw new IllegalArgumentException("--slow-call must be between 0 and " + MAX_SLOW_CALL.toSeconds()
          + "s, was " + options.slowCall.toMillis() + "ms");
    }
    if ((options.issuer == null) != (options.jwksUri == null)
        || (options.issuer != null && !options.mode.equals("serve"))) {
      // the server process's side of --mode auth: the harness's issuer and its keys
      throw new IllegalArgumentException("--issuer and --jwks-uri go together, with --mode serve");
    }
    if (!List.of("switchboard", "sdk").contains(options.target)) {
      throw new IllegalArgumentException("--target must be switchboard or sdk, was " + options.target);
    }
    options.checkNodeOptions();
    boolean cluster = options.mode.equals("cluster");
    if (options.mix == null) {
      options = options.withMix(options.stateless() || cluster ? BOTH_ERAS_MIX : "echo=8,stream=1,large=1");
    }
    if (cluster) {
      if (options.duration.compareTo(MIN_CLUSTER_DURATION) < 0) {
        throw new IllegalArgumentException("--duration must be at least " + MIN_CLUSTER_DURATION.toSeconds()
            + "s with --mode cluster (a kill at a third, a restart at two thirds), was "
            + options.duration.toMillis() + "ms");
      }
      try {
        options.clusterWorkload(options.sessionProtocolVersion());
        options.clusterWorkload(Wire.STATELESS_REVISION);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--mix with --mode cluster: " + e.getMessage(), e);
      }
      return options;
    }
    if (options.stateless() && SESSION_MODES.contains(options.mode)) {
      throw new IllegalArgumentException("--protocol-version " + options.protocolVersion + " has no sessions; --mode "
          + options.mode + " measures sessions (use agents, eras, auth or all)");
    }
    options.agentsWorkload(); // validates the mix
    return options;
  }

  /** A fleet node's options: only for a Switchboard server process, and the instance only in a fleet. */
  private void checkNodeOptions() {
    if ((port != 0 || fleet != null || instance != null) && !mode.equals("serve")) {
      throw new IllegalArgumentException("--port, --fleet and --instance go with --mode serve");
    }
    if (fleet == null) {
      if (instance != null) {
        throw new IllegalArgumentException("--instance names a node of a fleet: give --fleet too");
      }
      return;
    }
    if (!target.equals("switchboard")) {
      throw new IllegalArgumentException("--fleet needs --target switchboard");
    }
    try {
      fleetConfig(); // the framework's own checks of the URI and the name
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--fleet/--instance: " + e.getMessage(), e);
    }
  }

  /** The serve mode's fleet, or null when the server runs alone. */
  RedisFleet fleetConfig() {
    if (fleet == null) {
      return null;
    }
    RedisFleet.Builder builder = RedisFleet.builder(fleet);
    return (instance == null ? builder : builder.instanceId(instance)).build();
  }

  /**
   * What makes this run's figures not comparable with a full one: warm-ups and durations below what
   * the help recommends (the JIT has not caught up, or a round is too short to average out pauses).
   */
  static List<String> shortRunWarnings(Options options) {
    List<String> warnings = new ArrayList<>();
    boolean all = options.mode().equals("all");
    if (all || List.of("compare", "eras", "auth").contains(options.mode())) {
      below(warnings, "--compare-warmup", options.compareWarmup(), Duration.ofSeconds(30),
          "the JIT has not caught up, so the ratios are not comparable with a full run");
      below(warnings, "--compare-duration", options.compareDuration(), Duration.ofSeconds(10),
          "a round this short does not average out GC pauses and scheduling");
    }
    if (options.mode().equals("noisy")) {
      below(warnings, "--noisy-warmup", options.noisyWarmup(), Duration.ofSeconds(20),
          "the JIT has not caught up, so the quiet phase may pay for it");
      below(warnings, "--noisy-duration", options.noisyDuration(), Duration.ofSeconds(10),
          "a phase this short does not average out GC pauses and scheduling");
    }
    if (options.mode().equals("cluster")) {
      below(warnings, "--warmup", options.warmup(), Duration.ofSeconds(10), "the nodes are still warming up");
      below(warnings, "--compare-duration", options.compareDuration(), Duration.ofSeconds(10),
          "too short for a stable throughput figure");
      below(warnings, "--duration", options.duration(), Duration.ofSeconds(20),
          "the restarted node has little time to come back before the window ends");
    }
    if (all || options.mode().equals("agents")) {
      below(warnings, "--warmup", options.warmup(), Duration.ofSeconds(10), "the servers are still warming up");
      below(warnings, "--duration", options.duration(), Duration.ofSeconds(20),
          "too short for a stable throughput figure");
    }
    return List.copyOf(warnings);
  }

  private static void below(List<String> warnings, String option, Duration given, Duration recommended, String why) {
    if (given.compareTo(recommended) < 0) {
      warnings.add(option + " " + given.toMillis() / 1000.0 + " s is below the recommended "
          + recommended.toSeconds() + " s: " + why);
    }
  }

  static boolean wantsHelp(String... args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  /** The agents' workload: the mix, session churn and abandonment (none without sessions). */
  Workload agentsWorkload() {
    int[] weights = parseMix(mix);
    boolean stateless = stateless();
    return new Workload(agents, inFlight, sameIds, payloadBytes, weights[0], weights[1], weights[2], weights[3],
        largeBytes, streamSteps, stateless ? 0 : callsPerSession, stateless ? 0 : abandonFraction, protocolVersion,
        warmup, duration);
  }

  /**
   * The comparison's workload, as the targets are stated: echo only, one in flight, sessions (when
   * the revision has them) for the whole run.
   */
  Workload comparisonWorkload(String revision) {
    return new Workload(compareAgents, 1, false, payloadBytes, 1, 0, 0, 0, largeBytes, streamSteps, 0, 0,
        revision, sessionsSettle(), compareDuration);
  }

  /**
   * The cluster's failover workload in one era: the mix, less multi-round calls for sessions (they need
   * 2026-07-28); one session per agent for the whole run and none abandoned, so that every session the
   * killed node holds is in use, and is either taken over or lost.
   */
  Workload clusterWorkload(String revision) {
    int[] weights = parseMix(mix);
    return new Workload(agents, inFlight, sameIds, payloadBytes, weights[0], weights[1], weights[2],
        Wire.isStateless(revision) ? weights[3] : 0, largeBytes, streamSteps, 0, 0, revision, sessionsSettle(),
        duration);
  }

  /** Before a measured window whose agents keep their sessions: the sessions open, at most 2 s of the warm-up. */
  private Duration sessionsSettle() {
    return warmup.compareTo(Duration.ofSeconds(2)) < 0 ? warmup : Duration.ofSeconds(2);
  }

  /**
   * The noisy-neighbour run's well-behaved agents: echo only, one in flight, one session each for
   * the whole phase, a short settling time (sessions opening) before each measured phase.
   */
  Workload noisyWorkload() {
    Duration sessionsSettle = noisyWarmup.compareTo(Duration.ofSeconds(2)) < 0 ? noisyWarmup : Duration.ofSeconds(2);
    return new Workload(noisyAgents, 1, false, payloadBytes, 1, 0, 0, 0, largeBytes, streamSteps, 0, 0,
        sessionProtocolVersion(), sessionsSettle, noisyDuration);
  }

  /** Whether {@code --protocol-version} names the stateless revision. */
  boolean stateless() {
    return Wire.isStateless(protocolVersion);
  }

  /**
   * The revision of the measurements that need sessions (compare, idle sessions and streams, and the
   * legacy era): the one given, unless that one has no sessions.
   */
  String sessionProtocolVersion() {
    return stateless() ? Wire.SESSION_REVISION : protocolVersion;
  }

  private Options withMix(String defaultMix) {
    return new Options(mode, url, agents, inFlight, sameIds, payloadBytes, defaultMix, largeBytes, streamSteps,
        callsPerSession, abandonFraction, sessionTtl, warmup, duration, rounds, compareAgents, compareWarmup,
        compareDuration, compareInProcess, idleSessions, idleStreams, hold, streamsInProcess, noisyAgents, noisyWarmup,
        noisyDuration, floodCalls, slowCall, protocolVersion, target, port, fleet, instance, issuer, jwksUri, report);
  }

  private static int[] parseMix(String mix) {
    int[] weights = new int[4];
    for (String part : mix.split(",")) {
      String[] pair = part.trim().split("=");
      int index = List.of("echo", "stream", "large", "mrtr").indexOf(pair[0].trim().toLowerCase(Locale.ROOT));
      if (pair.length != 2 || index < 0) {
        throw new IllegalArgumentException("--mix takes name=weight pairs of echo, stream, large and mrtr, was " + mix);
      }
      try {
        weights[index] = Integer.parseInt(pair[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--mix weight must be a whole number, was " + pair[1]);
      }
    }
    return weights;
  }
}
