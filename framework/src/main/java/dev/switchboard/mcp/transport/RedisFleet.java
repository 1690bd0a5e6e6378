package dev.switchboard.mcp.transport;

import dev.switchboard.mcp.protocol.internal.Limits;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What instances of one server share through Redis when several run behind a load balancer: the
 * sessions' durable facts (so another instance takes a session over when its own is gone), change
 * notifications (so every instance's streams hear of them), and each client's share of sessions and
 * GET streams (counted over the fleet). Give it to {@link McpServlet.Builder#fleet}; the endpoint
 * connects when it starts and disconnects when it is destroyed. Off unless configured.
 *
 * <p>Needs {@code io.lettuce:lettuce-core} on the class path (an optional dependency of the framework).
 * Immutable; start from {@link #builder(String)}.
 */
public final class RedisFleet {
  /** What an instance does with new sessions while Redis cannot be reached. */
  public enum WhenUnavailable {
    /** Keep opening sessions, in this instance only (they cannot move if it dies), and log it. */
    SERVE_LOCALLY,
    /** Refuse new sessions with 503 and {@code Retry-After}; sessions already open keep working. */
    REFUSE_NEW_SESSIONS
  }

  private final URI redisUri;
  private final String keyPrefix;
  private final Duration commandTimeout;
  private final WhenUnavailable whenUnavailable;
  private final String instanceId;

  private RedisFleet(Builder builder) {
    this.redisUri = builder.redisUri;
    this.keyPrefix = builder.keyPrefix;
    this.commandTimeout = builder.commandTimeout;
    this.whenUnavailable = builder.whenUnavailable;
    this.instanceId = builder.instanceId;
  }

  /**
   * Starts configuring a fleet.
   *
   * @param redisUri where Redis listens, for example {@code redis://127.0.0.1:6379} (Lettuce's URI
   *     syntax: {@code rediss://} for TLS, a password as {@code redis://:secret@host})
   * @return a builder with the defaults: key prefix {@code switchboard:}, 500 ms per command,
   *     {@link WhenUnavailable#SERVE_LOCALLY}, a random instance id
   */
  public static Builder builder(String redisUri) {
    return new Builder(redisUri);
  }

  /**
   * Returns where Redis listens.
   *
   * @return where Redis listens
   */
  public URI redisUri() {
    return redisUri;
  }

  /**
   * Returns what every key and channel of this fleet starts with.
   *
   * @return what every key and channel of this fleet starts with
   */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * Returns how long one Redis command may take before it counts as failed.
   *
   * @return how long one Redis command may take before it counts as failed
   */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /**
   * Returns what happens to new sessions while Redis cannot be reached.
   *
   * @return what happens to new sessions while Redis cannot be reached
   */
  public WhenUnavailable whenUnavailable() {
    return whenUnavailable;
  }

  /**
   * Returns this instance's name in the fleet (in logs, and in what it publishes).
   *
   * @return this instance's name in the fleet (in logs, and in what it publishes)
   */
  public String instanceId() {
    return instanceId;
  }

  @Override
  public String toString() {
    return "RedisFleet[" + redisUri.getHost() + ":" + redisUri.getPort() + ", prefix " + keyPrefix + ", instance "
        + instanceId + ", " + whenUnavailable + "]";
  }

  /** Configures a {@link RedisFleet}. */
  public static final class Builder {
    private final URI redisUri;
    private String keyPrefix = "switchboard:";
    private Duration commandTimeout = Duration.ofMillis(500);
    private WhenUnavailable whenUnavailable = WhenUnavailable.SERVE_LOCALLY;
    private String instanceId = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));

    private Builder(String redisUri) {
      URI uri = URI.create(Objects.requireNonNull(redisUri, "redisUri"));
      if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
        throw new IllegalArgumentException("a Redis URI starts with redis:// or rediss://, not " + redisUri);
      }
      this.redisUri = uri;
    }

    /**
     * Sets what every key and channel starts with, so that several servers can share one Redis.
     *
     * @param prefix not empty
     * @return this builder
     */
    public Builder keyPrefix(String prefix) {
      if (Objects.requireNonNull(prefix, "prefix").isEmpty()) {
        throw new IllegalArgumentException("the key prefix must not be empty");
      }
      this.keyPrefix = prefix;
      return this;
    }

    /**
     * Sets how long one command may take: a slow Redis then counts as unavailable for that command.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = Limits.positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets what happens to new sessions while Redis cannot be reached.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder whenUnavailable(WhenUnavailable policy) {
      this.whenUnavailable = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Names this instance (by default, 12 random hex digits). Names must differ within a fleet.
     *
     * @param id letters, digits, {@code -}, {@code _} or {@code .}
     * @return this builder
     */
    public Builder instanceId(String id) {
      if (!Objects.requireNonNull(id, "id").matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("an instance id is 1-64 letters, digits, '-', '_' or '.': " + id);
      }
      this.instanceId = id;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public RedisFleet build() {
      return new RedisFleet(this);
    }
  }
}
