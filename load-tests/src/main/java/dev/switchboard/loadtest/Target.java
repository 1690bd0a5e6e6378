package dev.switchboard.loadtest;

import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * A server under test.
 *
 * @param name how it is labelled in the output
 * @param endpoint its MCP endpoint
 * @param serverSessions live sessions as the server counts them; null when the server is not in this process
 * @param reclaims when each session expired, as the server saw it; null when the server is not in this process
 * @param hasStreamingTools whether it serves the {@code stream} and {@code large} tools besides {@code echo}
 */
record Target(String name, URI endpoint, IntSupplier serverSessions, ExpiryLog reclaims, boolean hasStreamingTools) {

  static Target external(URI endpoint) {
    return new Target("server at " + endpoint, endpoint, null, null, true);
  }

  /** When sessions expired, keyed by session id; written by the server's session listener. */
  static final class ExpiryLog {
    private final Map<String, Long> expiredAt = new ConcurrentHashMap<>();

    void expired(String sessionId) {
      expiredAt.put(sessionId, System.nanoTime());
    }

    OptionalLong expiredAt(String sessionId) {
      Long at = expiredAt.get(sessionId);
      return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }
  }
}
