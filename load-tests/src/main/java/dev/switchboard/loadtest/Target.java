package dev.switchboard.loadtest;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;

/**
 * A server under test.
 *
 * @param name how it is labelled in the output
 * @param endpoint its MCP endpoint
 * @param serverSessions live sessions as the server counts them; null when the server is not in this process
 * @param reclaims when each session expired, as the server saw it; null when the server is not in this process
 * @param hasStreamingTools whether it serves the {@code stream}, {@code large} and {@code confirm_echo} tools
 *     besides {@code echo}
 * @param serverCpu the server's CPU time so far in nanoseconds, given the load driver (whose thread is left
 *     out when they share a process); null when unknown
 * @param bearerTokens the access token agent {@code n} sends in {@code Authorization: Bearer}, given {@code n};
 *     null when the server checks none
 */
record Target(String name, URI endpoint, IntSupplier serverSessions, ExpiryLog reclaims, boolean hasStreamingTools,
    ToLongFunction<HttpEngine> serverCpu, IntFunction<String> bearerTokens) {

  Target(String name, URI endpoint, IntSupplier serverSessions, ExpiryLog reclaims, boolean hasStreamingTools,
      ToLongFunction<HttpEngine> serverCpu) {
    this(name, endpoint, serverSessions, reclaims, hasStreamingTools, serverCpu, null);
  }

  static Target external(URI endpoint) {
    return new Target("server at " + endpoint, endpoint, null, null, true, null);
  }

  /** The same server under another label: how the eras of one server are told apart in the results. */
  Target named(String label) {
    return new Target(label, endpoint, serverSessions, reclaims, hasStreamingTools, serverCpu, bearerTokens);
  }

  /** The same server, each agent sending the token {@code tokens} gives for its number. */
  Target withBearerTokens(IntFunction<String> tokens) {
    return new Target(name, endpoint, serverSessions, reclaims, hasStreamingTools, serverCpu, tokens);
  }

  /** For a server in this process: the process's CPU time less the driver thread's. */
  static long thisProcessLessDriver(HttpEngine driver) {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime()
        - ManagementFactory.getThreadMXBean().getThreadCpuTime(driver.threadId());
  }

  /** For a server in another process. */
  static ToLongFunction<HttpEngine> processCpu(ProcessHandle process) {
    return driver -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
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
