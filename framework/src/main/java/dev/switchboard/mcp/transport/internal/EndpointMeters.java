package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.internal.CallObserver;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.session.internal.SessionStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint's meters in the application's Micrometer registry. Counts the framework keeps anyway
 * (sessions, streams, refusals, Redis errors) are read when the registry is scraped; only calls are
 * recorded as they end, one timer per tool or prompt and outcome. Made only when a registry is given,
 * so that Micrometer is loaded only then.
 */
final class EndpointMeters implements CallObserver {
  private final MeterRegistry registry;
  private final Tags common;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  private EndpointMeters(MeterRegistry registry, Tags common) {
    this.registry = registry;
    this.common = common;
  }

  /**
   * Registers the gauges and counters over what an endpoint counts, and hears of its calls.
   *
   * @param registry a {@link MeterRegistry} (typed Object so that callers need not load Micrometer)
   * @param tags name-value pairs every meter carries
   * @return the observer of the server's calls, for the endpoint to remove when it stops
   */
  static CallObserver bind(Object registry, String[] tags, ServerCore server, SessionStore sessions,
      OpenConnections open, Rejections rejections, @Nullable FleetMember fleet) {
    EndpointMeters meters = new EndpointMeters((MeterRegistry) registry, Tags.of(tags));
    meters.bind(server, sessions, open, rejections, fleet);
    return meters;
  }

  private void bind(ServerCore server, SessionStore sessions, OpenConnections open, Rejections rejections,
      @Nullable FleetMember fleet) {
    gauge("mcp.sessions.open", "Live sessions (2025 revisions)", sessions, SessionStore::size);
    // Not "created": Prometheus reads a _created suffix as a creation timestamp and drops it.
    counter("mcp.sessions.opened", "Sessions opened", sessions, SessionStore::createdCount);
    counter("mcp.sessions.expired", "Sessions that expired for being idle", sessions, SessionStore::expiredCount);
    counter("mcp.sessions.deleted", "Sessions clients ended with DELETE", sessions, SessionStore::deletedCount);
    counter("mcp.sessions.taken.over", "Sessions of another instance taken over from the fleet's store",
        sessions, SessionStore::takenOverCount);
    counter("mcp.sessions.rejected", "initialize requests refused (limits, shutdown, fleet store down)",
        rejections, Rejections::sessions);
    gauge("mcp.streams.open", "Open SSE connections (GET, listen and streamed POST responses)", open,
        OpenConnections::count);
    for (int status : Rejections.STATUSES) {
      FunctionCounter.builder("mcp.requests.rejected", rejections, each -> each.requests(status))
          .description("Requests refused; 429 and 503 are limits that fired").tags(common)
          .tag("status", Integer.toString(status)).register(registry);
    }
    if (fleet != null) {
      counter("mcp.fleet.redis.errors", "Redis commands that failed or timed out", fleet, FleetMember::errors);
    }
    server.addCallObserver(this);
  }

  @Override
  public void ended(String kind, String name, Outcome outcome, long nanos) {
    // Tools and prompts have names the server chose; resource URIs are unbounded, so they are not tags.
    String shown = kind.equals("tool") || kind.equals("prompt") ? name : "";
    String key = kind + '\n' + shown + '\n' + outcome.name();
    Timer timer = timers.get(key);
    if (timer == null) {
      timer = timers.computeIfAbsent(key, any -> Timer.builder("mcp.calls")
          .description("Handler calls, from start to answer").tags(common).tag("kind", kind).tag("name", shown)
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).tags(common).register(registry);
  }

  private <T> void counter(String name, String description, T source, ToDoubleFunction<T> value) {
    FunctionCounter.builder(name, source, value).description(description).tags(common).register(registry);
  }
}
