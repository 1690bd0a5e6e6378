package dev.switchboard.loadtest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts this harness again in a child JVM (same java binary, same class path) and ends it the way
 * every child mode expects: its standard input closes, then it gets time to exit by itself.
 */
final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code LoadTest} with the given JVM options and arguments; its errors go to ours. */
  static Process start(List<String> jvmOptions, String... arguments) throws IOException {
    return start(jvmOptions, Map.of(), null, arguments);
  }

  /**
   * Starts {@code LoadTest} with more environment variables, its errors appended to {@code errors}
   * (or going to ours when null).
   */
  static Process start(List<String> jvmOptions, Map<String, String> environment, Path errors, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadTest.class.getName()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(
        errors == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.appendTo(errors.toFile()));
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Ends a process this harness started (SIGTERM, then SIGKILL after 5 s). */
  static void terminate(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Closes the child's input and waits for it to exit; destroys it when it does not within the
   * wait, or when this thread is interrupted.
   */
  static void stop(Process process, Closeable input, long waitSeconds) {
    try {
      input.close();
      if (!process.waitFor(waitSeconds, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (IOException e) {
      process.destroy();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
    }
  }
}
