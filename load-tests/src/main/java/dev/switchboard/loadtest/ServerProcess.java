package dev.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A server under test in a JVM of its own ({@code LoadTest --mode serve}), so that the two servers
 * of the comparison share neither the JIT's profiles nor the heap, and each one's CPU time is its
 * process's. It prints {@code LISTENING url} and serves until its standard input closes.
 */
final class ServerProcess implements AutoCloseable {
  static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g");
  private final Process process;
  private final Target target;

  private ServerProcess(Process process, Target target) {
    this.process = process;
    this.target = target;
  }

  /**
   * Starts a server and waits until it listens.
   *
   * @param which {@code switchboard} or {@code sdk}
   */
  static ServerProcess start(String which, Duration sessionTtl) throws IOException {
    Process process = ChildJvm.start(JVM_OPTIONS, "--mode", "serve", "--target", which,
        "--session-ttl", sessionTtl.toMillis() + "ms");
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (line.startsWith("LISTENING ")) {
        URI endpoint = URI.create(line.substring("LISTENING ".length()).trim());
        boolean ours = which.equals("switchboard");
        return new ServerProcess(process, new Target(ours ? InProcessServers.SWITCHBOARD : InProcessServers.SDK,
            endpoint, null, null, ours, Target.processCpu(process.toHandle())));
      }
    }
    process.destroy();
    throw new IOException("the " + which + " server process ended without listening");
  }

  Target target() {
    return target;
  }

  @Override
  public void close() {
    ChildJvm.stop(process, process.getOutputStream(), 15);
  }

  /** The child's side: serves one of the two servers until standard input closes. */
  static void serve(String which, Duration sessionTtl) throws IOException {
    try (InProcessServers servers = new InProcessServers(sessionTtl)) {
      Target target = which.equals("switchboard") ? servers.switchboard() : servers.sdk();
      System.out.println("LISTENING " + target.endpoint());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the parent closes our input, or goes away
      }
    }
  }
}
