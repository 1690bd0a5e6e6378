package dev.switchboard.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample server in a process of its own, started as its users start it, with everything it prints
 * (stdout and stderr) read as it comes so that the pipe never fills.
 */
public final class SampleProcess implements AutoCloseable {
  private static final Pattern URL_LINE = Pattern.compile("MCP server listening at (http://127\\.0\\.0\\.1:\\d+/mcp)");

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SampleProcess(List<String> command) throws IOException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(lines::add);
      } catch (IOException | UncheckedIOException e) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@link SampleServer} from this JVM's class path.
   *
   * @param options the command-line options
   * @return the process
   * @throws IOException when it cannot start
   */
  public static SampleProcess fromClassPath(String... options) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
        SampleServer.class.getName()));
    command.addAll(List.of(options));
    return new SampleProcess(command);
  }

  /**
   * Starts the runnable jar: {@code java -jar sample-server.jar ...}.
   *
   * @param jar the jar
   * @param options the command-line options
   * @return the process
   * @throws IOException when it cannot start
   */
  public static SampleProcess fromJar(Path jar, String... options) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
    command.addAll(List.of(options));
    return new SampleProcess(command);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Waits for the first line and returns the URL it announces.
   *
   * @return the endpoint's URL
   * @throws InterruptedException when interrupted while waiting
   * @throws IllegalStateException when the first line is not the announcement
   */
  public URI awaitUrl() throws InterruptedException {
    String line = lines.poll(30, TimeUnit.SECONDS);
    Matcher url = URL_LINE.matcher(String.valueOf(line));
    if (!url.matches()) {
      throw new IllegalStateException("the server did not announce its URL; it printed: " + line + "\n"
          + String.join("\n", lines));
    }
    return URI.create(url.group(1));
  }

  /**
   * Returns the next line printed, waiting a little for it.
   *
   * @return the line, or null when none came
   * @throws InterruptedException when interrupted while waiting
   */
  public String nextLine() throws InterruptedException {
    return lines.poll(5, TimeUnit.SECONDS);
  }

  /**
   * Waits for the process to end by itself.
   *
   * @return its exit status and everything it printed
   * @throws InterruptedException when interrupted while waiting
   * @throws IllegalStateException when it is still running after 30 seconds
   */
  public Exit awaitExit() throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server is still running; it printed: " + String.join("\n", lines));
    }
    reader.join(5_000);
    return new Exit(process.exitValue(), String.join("\n", lines));
  }

  /**
   * How a process ended.
   *
   * @param status its exit status
   * @param output everything it printed
   */
  public record Exit(int status, String output) {}

  /** Stops the server (SIGTERM, then SIGKILL if it lingers). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
