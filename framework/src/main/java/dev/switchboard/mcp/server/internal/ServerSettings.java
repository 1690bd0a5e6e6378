package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.CacheHint;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.session.McpSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a server builder settled, handed to the {@link ServerCore} it builds.
 *
 * @param serverInfo the server's identity
 * @param instructions instructions for the client's model, or null
 * @param pageSize items per page of a list
 * @param clientRequestTimeout how long a handler waits for the client to answer
 * @param rootsListener told when a client's roots change, or null
 * @param executor where handlers run, or null for the default
 * @param mapper how the application's values are read and written
 * @param time the clock and timers
 * @param listCacheHint the cache hint of list results (2026-07-28)
 * @param requestStateKey the key that signs multi-round request states
 * @param requestStateLifetime how long a multi-round request state stays valid
 * @param toolTimeout how long a tool call may run, or null for no limit
 * @param tracing how handler calls are traced ({@link CallTracing#NONE} unless OpenTelemetry is configured)
 */
public record ServerSettings(
    Implementation serverInfo,
    @Nullable String instructions,
    int pageSize,
    Duration clientRequestTimeout,
    @Nullable Consumer<McpSession> rootsListener,
    @Nullable Executor executor,
    JsonMapper mapper,
    TimeSource time,
    CacheHint listCacheHint,
    SecretKey requestStateKey,
    Duration requestStateLifetime,
    @Nullable Duration toolTimeout,
    CallTracing tracing) {

  /** A random key for request states, for a server that was given none (one instance only). */
  public static SecretKey randomStateKey() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return new SecretKeySpec(random, "HmacSHA256");
  }
}
