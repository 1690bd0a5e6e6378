package dev.switchboard.loadtest;

import dev.switchboard.mcp.transport.RedisFleet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The cluster's processes, all on 127.0.0.1 on ports chosen up front: a throwaway {@code redis-server},
 * the Switchboard nodes (JVMs of their own, each a node of the fleet under its own name, sharing the key
 * of multi-round calls), and HAProxy twice from the shipped configuration: in front of node1 alone, and
 * in front of every node. A node that is killed restarts on its own port. {@link #close} stops whatever
 * was started, also after a failure; logs and the generated configurations stay in the directory given.
 */
final class ClusterFleet implements AutoCloseable {
  /** The fleet's key prefix: the framework's default, written out because the harness reads the keys too. */
  static final String KEY_PREFIX = "switchboard:";
  private final Path directory;
  private final Duration sessionTtl;
  private final byte[] requestStateKey = new byte[32];
  private final List<Integer> nodePorts = new ArrayList<>();
  private final List<ServerProcess> nodes = new ArrayList<>();
  private Redis redis;
  private Haproxy oneNode;
  private Haproxy allNodes;

  private ClusterFleet(Path directory, Duration sessionTtl) {
    this.directory = directory;
    this.sessionTtl = sessionTtl;
    new SecureRandom().nextBytes(requestStateKey);
  }

  /**
   * Starts Redis, the nodes (one after another: on two cores, started together they are hardly
   * faster) and the two HAProxies, each waited for until it serves.
   *
   * @param shipped the shipped HAProxy configuration
   * @param directory where the logs and configurations go
   */
  static ClusterFleet start(Path shipped, Path directory, int nodeCount, Duration sessionTtl) throws Exception {
    ClusterFleet fleet = new ClusterFleet(directory, sessionTtl);
    try {
      // All ports at once, each socket held until the last is chosen, so that no two are the same.
      List<Integer> ports = freePorts(nodeCount + 3);
      fleet.redis = Redis.start(ports.get(0), directory.resolve("redis.log"));
      for (int node = 1; node <= nodeCount; node++) {
        fleet.nodePorts.add(ports.get(node));
        // a node restarted in this run appends to its log; a new run starts it afresh
        Files.deleteIfExists(fleet.log(node));
        fleet.nodes.add(fleet.startNode(node));
      }
      fleet.oneNode = Haproxy.start(shipped, ports.get(nodeCount + 1), fleet.nodePorts.subList(0, 1),
          directory.resolve("haproxy-1-node.log"));
      fleet.allNodes = Haproxy.start(shipped, ports.get(nodeCount + 2), fleet.nodePorts,
          directory.resolve("haproxy-" + nodeCount + "-nodes.log"));
      return fleet;
    } catch (Exception e) {
      fleet.close();
      throw e;
    }
  }

  private Path log(int node) {
    return directory.resolve(name(node) + ".log");
  }

  private ServerProcess startNode(int node) throws IOException {
    Path log = log(node);
    RedisFleet fleet = RedisFleet.builder(redis.uri()).instanceId(name(node)).keyPrefix(KEY_PREFIX).build();
    try {
      return ServerProcess.startNode(nodePorts.get(node - 1), fleet, sessionTtl, requestStateKey, log);
    } catch (IOException e) {
      throw new IOException(name(node) + ": " + e.getMessage() + "; see " + log, e);
    }
  }

  /** A node's name in the fleet: node1, node2, ... */
  static String name(int node) {
    return "node" + node;
  }

  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  /** HAProxy in front of node1 alone. */
  Haproxy oneNode() {
    return oneNode;
  }

  /** HAProxy in front of every node. */
  Haproxy allNodes() {
    return allNodes;
  }

  /** The ids of the sessions a node holds now, as the fleet's store says. */
  List<String> sessionsHeldBy(int node) throws InterruptedException, ExecutionException {
    return redis.sessionsHeldBy(KEY_PREFIX, name(node));
  }

  /** Kills a node as a crash would (SIGKILL): it says nothing to the fleet or to HAProxy. */
  void kill(int node) throws InterruptedException {
    nodes.get(node - 1).kill();
  }

  /** Starts a killed node again on its port, under its name, and waits until it listens. */
  void restart(int node) throws IOException {
    nodes.set(node - 1, startNode(node));
  }

  /** Stops HAProxy first (no new requests), then the nodes, then Redis; each whatever became of the others. */
  @Override
  public void close() {
    for (Haproxy proxy : new Haproxy[] {allNodes, oneNode}) {
      if (proxy != null) {
        proxy.close();
      }
    }
    nodes.forEach(ServerProcess::close);
    if (redis != null) {
      redis.close();
    }
  }
}
