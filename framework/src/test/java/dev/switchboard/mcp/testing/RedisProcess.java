package dev.switchboard.mcp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} on a free 127.0.0.1 port, without persistence, ended by PID when closed.
 * Where Redis is not installed, {@link #start()} skips the calling test and says so once on stderr
 * ({@code .ci/run} installs Debian's {@code redis-server}, so CI always runs these tests).
 */
public final class RedisProcess implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/bin/redis-server");
  private static volatile boolean toldMissing;

  private Process process;
  private final int port;

  private RedisProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts Redis, or skips the test where it is not installed. */
  public static RedisProcess start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    return new RedisProcess(launch(port), port);
  }

  /** Kills Redis (SIGKILL) and starts it again, empty, on the same port. */
  public void restart() throws IOException, InterruptedException {
    kill();
    process = launch(port);
  }

  /**
   * Makes Redis hold every client's commands for a while ({@code CLIENT PAUSE}), as a stalled Redis
   * would; returns once the pause has begun.
   *
   * @param millis how long
   */
  public void stall(long millis) throws IOException, InterruptedException {
    Process cli = new ProcessBuilder("/usr/bin/redis-cli", "-p", Integer.toString(port), "CLIENT", "PAUSE",
        Long.toString(millis), "ALL").redirectErrorStream(true).start();
    String answer = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!cli.waitFor(10, TimeUnit.SECONDS) || !answer.equals("OK")) {
      throw new IllegalStateException("CLIENT PAUSE failed: " + answer);
    }
  }

  /** Runs a command with {@code redis-cli} and returns what it printed, trimmed. */
  public String cli(String... command) throws IOException, InterruptedException {
    java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of("/usr/bin/redis-cli", "-p",
        Integer.toString(port)));
    line.addAll(java.util.List.of(command));
    Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    cli.waitFor(10, TimeUnit.SECONDS);
    return output;
  }

  private static Process launch(int port) throws IOException, InterruptedException {
    if (!Files.isExecutable(SERVER)) {
      if (!toldMissing) {
        toldMissing = true;
        System.err.println("SKIPPED: the Redis fleet tests need redis-server (apt-get install redis-server)");
      }
      Assumptions.abort("redis-server is not installed (apt-get install redis-server)");
    }
    Process process = new ProcessBuilder(SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes")
        .redirectErrorStream(true).start();
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.contains("Ready to accept connections")) {
            ready.complete(true);
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.complete(false);
    }, "redis-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!ready.get(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server exited with " + process.waitFor());
      }
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not start on port " + port, e);
    }
    return process;
  }

  /** The URI to give {@code RedisFleet.builder}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Ends Redis at once, as a crash would (SIGKILL). */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
