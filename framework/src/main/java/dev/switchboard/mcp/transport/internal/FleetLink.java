package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.transport.RedisFleet;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's connections to a fleet's Redis: one for commands (Lettuce pipelines every caller's
 * commands on it), one for the change channel. The only class that opens them; a failed command is
 * counted and logged at most once every ten seconds, so a Redis outage cannot flood the log.
 */
final class FleetLink {
  private static final Logger LOG = LoggerFactory.getLogger(FleetLink.class);
  private static final Duration ALIVE_EVERY = Duration.ofSeconds(5);
  private static final long ALIVE_MILLIS = 15_000;
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final RedisFleet config;
  private final TimeSource time;
  // This run of this instance: counts it holds in shared quotas die with it, and a restart under the
  // same instance id starts from none.
  private final String incarnation;
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
  private @Nullable RedisClient client;
  private @Nullable StatefulRedisConnection<String, String> connection;
  private @Nullable StatefulRedisPubSubConnection<String, String> channel;
  private @Nullable ExecutorService deliveries;
  private @Nullable Repeating alive;
  private volatile boolean stopped;

  FleetLink(RedisFleet config, TimeSource time) {
    this.config = config;
    this.time = time;
    this.incarnation = config.instanceId() + "." + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
  }

  RedisFleet config() {
    return config;
  }

  /** This run of this instance, as shared quotas and published changes name it. */
  String incarnation() {
    return incarnation;
  }

  String key(String suffix) {
    return config.keyPrefix() + suffix;
  }

  /**
   * Connects, and hears the change channel with {@code onChange} on a thread of its own (in order).
   *
   * @throws IllegalStateException when Redis cannot be reached: a fleet instance does not start alone
   */
  void start(Consumer<String> onChange) {
    RedisURI where = RedisURI.create(config.redisUri());
    where.setTimeout(config.commandTimeout());
    RedisClient redis = RedisClient.create(where);
    redis.setOptions(ClientOptions.builder()
        // While disconnected, commands fail at once (and the fleet's policy applies) instead of queueing.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
        .build());
    try {
      connection = redis.connect();
      ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "switchboard-fleet-changes");
        thread.setDaemon(true);
        return thread;
      });
      deliveries = executor;
      StatefulRedisPubSubConnection<String, String> pubSub = redis.connectPubSub();
      pubSub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String from, String message) {
          executor.execute(() -> onChange.accept(message));
        }
      });
      pubSub.sync().subscribe(key("changes"));
      channel = pubSub;
    } catch (RuntimeException e) {
      redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      throw new IllegalStateException("cannot reach the fleet's Redis at " + config.redisUri().getHost() + ":"
          + config.redisUri().getPort() + " (" + e.getMessage() + "); an instance of a fleet does not start without it", e);
    }
    client = redis;
    markAlive();
    alive = Repeating.every(time, ALIVE_EVERY, this::markAlive);
    LOG.info("joined the fleet as {} ({})", incarnation, config);
  }

  /** Says this run is alive; shared counts of runs not alive for 15 seconds no longer count. */
  private void markAlive() {
    send("mark this instance alive", redis -> redis.set(key("alive:" + incarnation), "1", SetArgs.Builder.px(ALIVE_MILLIS)));
  }

  /** Leaves the fleet: what this run counted in shared quotas stops counting at once. */
  void stop() {
    stopped = true;
    Repeating timer = alive;
    if (timer != null) {
      timer.cancel();
    }
    StatefulRedisConnection<String, String> commands = connection;
    if (commands != null) {
      try {
        commands.sync().del(key("alive:" + incarnation));
      } catch (RuntimeException e) {
        failed("leave the fleet", e);
      }
      commands.close();
    }
    if (channel != null) {
      channel.close();
    }
    if (deliveries != null) {
      deliveries.shutdown();
    }
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  /**
   * Runs a command and waits for its result, at most the command timeout.
   *
   * @throws FleetUnavailableException when Redis failed, refused or took too long
   */
  <T> T ask(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) throws FleetUnavailableException {
    RedisFuture<T> future;
    try {
      future = command.apply(commands());
    } catch (RuntimeException e) {
      throw new FleetUnavailableException(e);
    }
    try {
      return future.get(config.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetUnavailableException(e);
    } catch (ExecutionException e) {
      throw new FleetUnavailableException(e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new FleetUnavailableException(e);
    }
  }

  /** Sends a command nobody waits for; a failure is counted and logged as failing to do {@code what}. */
  void send(String what, Function<RedisAsyncCommands<String, String>, RedisFuture<?>> command) {
    try {
      command.apply(commands()).whenComplete((result, error) -> {
        if (error != null) {
          failed(what, error);
        }
      });
    } catch (RuntimeException e) {
      failed(what, e);
    }
  }

  private RedisAsyncCommands<String, String> commands() {
    StatefulRedisConnection<String, String> commands = connection;
    if (commands == null || stopped) {
      throw new IllegalStateException("not connected to the fleet");
    }
    return commands.async();
  }

  /** Counts a failed command, and logs it unless another was logged in the last ten seconds. */
  void failed(String what, Throwable error) {
    if (stopped) {
      return; // what is sent while leaving may not arrive; the copies expire by themselves
    }
    long count = errors.incrementAndGet();
    long now = time.nanoTime();
    long last = lastLogged.get();
    if ((last == Long.MIN_VALUE || now - last >= LOG_EVERY_NANOS) && lastLogged.compareAndSet(last, now)) {
      LOG.warn("fleet: could not {} ({}: {}); {} Redis command(s) failed so far", what,
          error.getClass().getSimpleName(), error.getMessage(), count);
    }
  }

  /** How many Redis commands failed since the start. */
  long errors() {
    return errors.get();
  }

  /** Publishes a change to every instance. */
  void publish(String message) {
    send("publish a change to the fleet", redis -> redis.publish(key("changes"), message));
  }

  /** A command that failed or took too long. */
  static final class FleetUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    FleetUnavailableException(Throwable cause) {
      super(cause.getMessage(), cause);
    }

    /** What failed in Redis (or the timeout). */
    Throwable reason() {
      Throwable cause = getCause();
      return cause == null ? this : cause;
    }
  }
}
