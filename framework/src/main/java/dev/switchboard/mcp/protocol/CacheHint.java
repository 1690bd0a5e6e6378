package dev.switchboard.mcp.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client may reuse a result, and who may share it (MCP 2026-07-28 {@code ttlMs} and
 * {@code cacheScope}). Sent on the results of {@code server/discover}, the list methods and
 * {@code resources/read} in that revision; earlier revisions have no such fields.
 *
 * @param ttl how long the result stays fresh; zero means re-fetch every time
 * @param scope who may reuse it
 */
public record CacheHint(Duration ttl, Scope scope) {
  private static final Duration MAX_TTL = Duration.ofMillis(Long.MAX_VALUE);

  /** Fresh only now, and for this caller only: the safe default. */
  public static final CacheHint NONE = new CacheHint(Duration.ZERO, Scope.PRIVATE);

  /** Who may reuse a cached result. */
  public enum Scope {
    /** Holds nothing specific to the caller: shared caches may serve it to anyone. */
    PUBLIC("public"),
    /** Only the same authorization context may reuse it. */
    PRIVATE("private");

    private final String wireName;

    Scope(String wireName) {
      this.wireName = wireName;
    }

    /**
     * Returns the scope as written on the wire.
     *
     * @return {@code public} or {@code private}
     */
    public String wireName() {
      return wireName;
    }
  }

  /** Checks the invariants: a ttl that is not negative, and fits the wire's milliseconds. */
  public CacheHint {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(scope, "scope");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative, was " + ttl);
    }
    if (ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("ttl must fit in a long of milliseconds, was " + ttl);
    }
  }

  /**
   * A result anyone may reuse for a while: it holds nothing specific to the caller.
   *
   * @param ttl how long
   * @return the hint
   */
  public static CacheHint publicFor(Duration ttl) {
    return new CacheHint(ttl, Scope.PUBLIC);
  }

  /**
   * A result the same caller may reuse for a while.
   *
   * @param ttl how long
   * @return the hint
   */
  public static CacheHint privateFor(Duration ttl) {
    return new CacheHint(ttl, Scope.PRIVATE);
  }
}
