package dev.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import dev.switchboard.mcp.transport.RedisFleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in a JVM of its own ({@code LoadTest --mode serve}), so that the two servers
 * of the comparison share neither the JIT's profiles nor the heap, and each one's CPU time is its
 * process's; or one node of the cluster's fleet, on a port of its own. It prints {@code PROTECTED url}
 * when it has an endpoint that checks access tokens, then {@code LISTENING url}, and serves until its
 * standard input closes (or it is killed).
 */
final class ServerProcess implements AutoCloseable {
  static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g");
  private final Process process;
  private final Target target;
  private final Target protectedTarget;

  private ServerProcess(Process process, Target target, Target protectedTarget) {
    this.process = process;
    this.target = target;
    this.protectedTarget = protectedTarget;
  }

  /**
   * Starts a server and waits until it listens.
   *
   * @param which {@code switchboard} or {@code sdk}
   */
  static ServerProcess start(String which, Duration sessionTtl) throws IOException {
    return start(which, sessionTtl, null);
  }

  /**
   * Starts a server and waits until it listens.
   *
   * @param which {@code switchboard} or {@code sdk}
   * @param tokenCheck for {@code switchboard}: when not null, the same server is at
   *     {@link InProcessServers#PROTECTED_PATH} too, checking tokens ({@link #protectedTarget()})
   */
  static ServerProcess start(String which, Duration sessionTtl, InProcessServers.TokenCheck tokenCheck)
      throws IOException {
    List<String> arguments = new ArrayList<>(List.of("--mode", "serve", "--target", which,
        "--session-ttl", sessionTtl.toMillis() + "ms"));
    if (tokenCheck != null) {
      arguments.addAll(List.of("--issuer", tokenCheck.issuer().toString(),
          "--jwks-uri", tokenCheck.jwksUri().toString()));
    }
    return listening(ChildJvm.start(JVM_OPTIONS, arguments.toArray(String[]::new)), which, tokenCheck);
  }

  /**
   * Starts a Switchboard node of a fleet and waits until it listens.
   *
   * @param port its port on 127.0.0.1: a node restarted in its place gets the same one
   * @param requestStateKey the key the nodes' multi-round calls share (in the child's environment, not
   *     on its command line)
   * @param errors the file its errors are appended to
   */
  static ServerProcess startNode(int port, RedisFleet fleet, Duration sessionTtl, byte[] requestStateKey, Path errors)
      throws IOException {
    Process process = ChildJvm.start(JVM_OPTIONS,
        Map.of(InProcessServers.REQUEST_STATE_KEY_VARIABLE, HexFormat.of().formatHex(requestStateKey)), errors,
        "--mode", "serve", "--target", "switchboard", "--port", Integer.toString(port),
        "--fleet", fleet.redisUri().toString(), "--instance", fleet.instanceId(),
        "--session-ttl", sessionTtl.toMillis() + "ms");
    return listening(process, "switchboard", null);
  }

  /** Reads the child's output until it listens. */
  private static ServerProcess listening(Process process, String which, InProcessServers.TokenCheck tokenCheck)
      throws IOException {
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    boolean ours = which.equals("switchboard");
    Target guarded = null;
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (line.startsWith("PROTECTED ")) {
        guarded = new Target(InProcessServers.SWITCHBOARD + " " + InProcessServers.PROTECTED_PATH,
            URI.create(line.substring("PROTECTED ".length()).trim()), null, null, true,
            Target.processCpu(process.toHandle()));
      } else if (line.startsWith("LISTENING ")) {
        URI endpoint = URI.create(line.substring("LISTENING ".length()).trim());
        if (tokenCheck != null && guarded == null) {
          process.destroy();
          throw new IOException("the " + which + " server process has no endpoint that checks tokens");
        }
        return new ServerProcess(process, new Target(ours ? InProcessServers.SWITCHBOARD : InProcessServers.SDK,
            endpoint, null, null, ours, Target.processCpu(process.toHandle())), guarded);
      }
    }
    process.destroy();
    throw new IOException("the " + which + " server process ended without listening");
  }

  Target target() {
    return target;
  }

  /**
   * The endpoint that checks access tokens, in the same process as {@link #target()}.
   *
   * @throws IllegalStateException when the process was started without a token check
   */
  Target protectedTarget() {
    if (protectedTarget == null) {
      throw new IllegalStateException("this server process checks no tokens");
    }
    return protectedTarget;
  }

  /** Ends the server at once, as a crash would (SIGKILL): no shutdown, nothing said to a fleet. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server process " + process.pid() + " outlived SIGKILL by 10 s");
    }
  }

  @Override
  public void close() {
    ChildJvm.stop(process, process.getOutputStream(), 15);
  }

  /** The node a server process is: its options, and in a fleet the shared key its environment gives. */
  static InProcessServers.Node node(Options options) {
    RedisFleet fleet = options.fleetConfig();
    String key = fleet == null ? null : System.getenv(InProcessServers.REQUEST_STATE_KEY_VARIABLE);
    return new InProcessServers.Node(options.port(), fleet, key == null ? null : HexFormat.of().parseHex(key));
  }

  /**
   * The child's side: serves one of the two servers until standard input closes.
   *
   * @param tokenCheck null, or where the keys of the endpoint that checks tokens come from (Switchboard only)
   * @param node where it listens, and the fleet it is a node of (Switchboard only)
   */
  static void serve(String which, Duration sessionTtl, InProcessServers.TokenCheck tokenCheck,
      InProcessServers.Node node) throws IOException {
    try (InProcessServers servers = new InProcessServers(sessionTtl, tokenCheck, node)) {
      boolean ours = which.equals("switchboard");
      if (ours && tokenCheck != null) {
        System.out.println("PROTECTED " + servers.protectedSwitchboard().endpoint());
      }
      Target target = ours ? servers.switchboard() : servers.sdk();
      System.out.println("LISTENING " + target.endpoint());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the parent closes our input, or goes away
      }
    }
  }
}
