package dev.switchboard.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * HAProxy in front of some of the cluster's nodes, run from the shipped configuration
 * ({@code load-tests/haproxy/switchboard.cfg}: legacy sessions stuck to their node by
 * {@code Mcp-Session-Id}, the rest round-robin, {@code GET /health} checked every second). That file
 * names two nodes, {@code SWITCHBOARD_NODE1} and {@code SWITCHBOARD_NODE2}; the copy this writes has
 * a {@code server} line per node, made from the shipped node2 line, and nothing else changed. Its
 * output goes to a log.
 */
final class Haproxy implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/haproxy");
  private static final String SECOND_NODE = "SWITCHBOARD_NODE2";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private final Process process;
  private final URI endpoint;

  private Haproxy(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Writes the configuration for {@code nodePorts.size()} nodes next to {@code log}, starts HAProxy
   * with it and waits until it listens.
   *
   * @param shipped the shipped configuration
   * @param port where clients connect, on 127.0.0.1
   * @param nodePorts the nodes' ports on 127.0.0.1, node1 first
   * @param log HAProxy's output; the configuration is written beside it, with the extension {@code .cfg}
   */
  static Haproxy start(Path shipped, int port, List<Integer> nodePorts, Path log)
      throws IOException, InterruptedException {
    Path config = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "") + ".cfg");
    Files.write(config, configFor(Files.readAllLines(shipped, StandardCharsets.UTF_8), nodePorts.size()),
        StandardCharsets.UTF_8);
    ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "-db", "-f", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SWITCHBOARD_BIND", "127.0.0.1:" + port);
    for (int node = 1; node <= nodePorts.size(); node++) {
      builder.environment().put("SWITCHBOARD_NODE" + node, "127.0.0.1:" + nodePorts.get(node - 1));
    }
    Process process = builder.start();
    try {
      awaitListening(process, port, log);
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
    return new Haproxy(process, URI.create("http://127.0.0.1:" + port + "/mcp"));
  }

  /**
   * The shipped configuration with a {@code server} line per node: the node2 line repeated for node3
   * and beyond, or left out for one node.
   *
   * @throws IllegalStateException when the shipped file has not exactly one node2 {@code server} line
   */
  static List<String> configFor(List<String> shipped, int nodes) {
    List<String> secondNode = shipped.stream()
        .filter(line -> line.strip().startsWith("server ") && line.contains("${" + SECOND_NODE + "}")).toList();
    if (secondNode.size() != 1) {
      throw new IllegalStateException("the shipped HAProxy configuration has " + secondNode.size()
          + " server lines for " + SECOND_NODE + "; the cluster mode adds its nodes after exactly one");
    }
    List<String> config = new ArrayList<>();
    for (String line : shipped) {
      if (!line.equals(secondNode.get(0))) {
        config.add(line);
        continue;
      }
      for (int node = 2; node <= nodes; node++) {
        config.add(line.replace("server node2 ", "server node" + node + " ")
            .replace(SECOND_NODE, "SWITCHBOARD_NODE" + node));
      }
    }
    return config;
  }

  private static void awaitListening(Process process, int port, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IOException("haproxy exited with status " + process.exitValue() + "; see " + log, e);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("haproxy did not listen on " + port + " within " + START_TIMEOUT.toSeconds()
              + " s; see " + log, e);
        }
        Thread.sleep(50);
      }
    }
  }

  /** The MCP endpoint through HAProxy. */
  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    ChildJvm.terminate(process);
  }
}
