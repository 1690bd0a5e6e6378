package dev.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server under test in a JVM of its own ({@code LoadTest --mode serve}), so that the two servers
 * of the comparison share neither the JIT's profiles nor the heap, and each one's CPU time is its
 * process's. It prints {@code PROTECTED url} when it has an endpoint that checks access tokens, then
 * {@code LISTENING url}, and serves until its standard input closes.
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
    Process process = ChildJvm.start(JVM_OPTIONS, arguments.toArray(String[]::new));
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

  @Override
  public void close() {
    ChildJvm.stop(process, process.getOutputStream(), 15);
  }

  /**
   * The child's side: serves one of the two servers until standard input closes.
   *
   * @param tokenCheck null, or where the keys of the endpoint that checks tokens come from (Switchboard only)
   */
  static void serve(String which, Duration sessionTtl, InProcessServers.TokenCheck tokenCheck) throws IOException {
    try (InProcessServers servers = new InProcessServers(sessionTtl, tokenCheck)) {
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
