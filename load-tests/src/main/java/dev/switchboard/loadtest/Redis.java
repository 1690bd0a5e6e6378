package dev.switchboard.loadtest;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A throwaway {@code redis-server} on 127.0.0.1 for the cluster's fleet: nothing saved to disk, its
 * output in a log. The load generator reads from it which sessions a node holds, in the framework's
 * layout: a hash {@code <prefix>session:<id>} per session, whose field {@code node} names the instance
 * run that holds it ({@code <instance id>.<6 hex digits>}, rewritten when another takes it over), beside
 * other keys of the session ({@code <prefix>session:<id>:subscriptions}, ...).
 */
final class Redis implements AutoCloseable {
  static final Path SERVER = Path.of("/usr/bin/redis-server");
  private static final String READY = "Ready to accept connections";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private final Process process;
  private final int port;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  private Redis(Process process, int port, RedisClient client, StatefulRedisConnection<String, String> connection) {
    this.process = process;
    this.port = port;
    this.client = client;
    this.connection = connection;
  }

  /** Starts a server on {@code port} and waits until it accepts connections; its output goes to {@code log}. */
  static Redis start(int port, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RedisClient client = null;
    try {
      awaitReady(process, log);
      client = RedisClient.create(RedisURI.create("127.0.0.1", port));
      return new Redis(process, port, client, client.connect());
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      process.destroyForcibly();
      throw e;
    }
  }

  private static void awaitReady(Process process, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.readString(log, StandardCharsets.UTF_8).contains(READY)) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with status " + process.exitValue() + "; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("redis-server not ready within " + START_TIMEOUT.toSeconds() + " s; see " + log);
      }
      Thread.sleep(50);
    }
  }

  /** Where the fleet's nodes connect. */
  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * The sessions an instance holds now, whichever of its runs: the ids of the sessions whose
   * {@code node} names it. The reads are pipelined: on a busy machine one round trip per session
   * would take long enough for the answer to be out of date.
   *
   * @param keyPrefix the fleet's key prefix
   * @param instanceId the instance's name in the fleet
   */
  List<String> sessionsHeldBy(String keyPrefix, String instanceId) throws InterruptedException, ExecutionException {
    RedisAsyncCommands<String, String> redis = connection.async();
    String sessions = keyPrefix + "session:";
    ScanArgs match = ScanArgs.Builder.matches(sessions + "*").limit(1_000);
    Map<String, RedisFuture<String>> nodes = new LinkedHashMap<>();
    for (KeyScanCursor<String> cursor = redis.scan(match).get(); ; cursor = redis.scan(cursor, match).get()) {
      for (String key : cursor.getKeys()) {
        String id = key.substring(sessions.length());
        if (id.indexOf(':') < 0) { // not one of a session's other keys (its subscriptions, its events)
          nodes.put(id, redis.hget(key, "node"));
        }
      }
      if (cursor.isFinished()) {
        break;
      }
    }
    List<String> held = new ArrayList<>();
    for (Map.Entry<String, RedisFuture<String>> session : nodes.entrySet()) {
      String node = session.getValue().get();
      if (node != null && node.startsWith(instanceId + ".")) {
        held.add(session.getKey());
      }
    }
    return held;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    ChildJvm.terminate(process);
  }
}
