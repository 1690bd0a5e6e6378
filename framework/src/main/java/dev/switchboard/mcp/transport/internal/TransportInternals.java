package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.session.SessionListener;
import dev.switchboard.mcp.session.internal.ClientQuotas;
import dev.switchboard.mcp.session.internal.SessionMirror;
import dev.switchboard.mcp.session.internal.SessionStore;
import dev.switchboard.mcp.transport.ClientLimits;
import dev.switchboard.mcp.transport.McpServlet;
import dev.switchboard.mcp.transport.RedisFleet;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Reaches the endpoint behind an {@link McpServlet}, which keeps it out of its public surface. */
public final class TransportInternals {
  // Set once by McpServlet's class initializer; whoever holds a servlet has it initialized.
  private static volatile @Nullable Function<McpServlet, Endpoint> accessor;

  private TransportInternals() {}

  /**
   * Lets {@link McpServlet} say how to find the endpoint of an instance; called once, by its class initializer.
   *
   * @param access returns a servlet's endpoint
   */
  public static void installAccessor(Function<McpServlet, Endpoint> access) {
    if (accessor != null) {
      throw new IllegalStateException("the accessor is installed already");
    }
    accessor = Objects.requireNonNull(access, "access");
  }

  /**
   * Returns the endpoint of a servlet.
   *
   * @param servlet the servlet
   * @return its endpoint
   */
  public static Endpoint endpoint(McpServlet servlet) {
    Objects.requireNonNull(servlet, "servlet");
    return Objects.requireNonNull(accessor, "McpServlet is not initialized").apply(servlet);
  }

  /**
   * Returns whether a servlet was told which Host names to accept (or to accept any), as a server
   * listening beyond this machine must be.
   *
   * @param servlet the servlet
   * @return true when allowed hosts, or any host, were configured
   */
  public static boolean hostPolicyChosen(McpServlet servlet) {
    return endpoint(servlet).settings().allowedHosts() != null;
  }

  /**
   * Makes an endpoint and its session store, whose expiry runs on the server's clock.
   *
   * @param settings the endpoint's limits and policies
   * @param idleTimeout how long an idle session lives
   * @param maxSessions the most sessions at once
   * @param listener told of every session that opens or ends
   * @param fleetConfig what the endpoint shares with other instances, or null when it runs alone
   * @return the endpoint
   */
  public static Endpoint newEndpoint(ServerCore server, TransportSettings settings, Duration idleTimeout, int maxSessions,
      SessionListener listener, @Nullable RedisFleet fleetConfig) {
    TimeSource time = server.time();
    ClientLimits limits = settings.clientLimits();
    FleetMember fleet = fleetConfig == null ? null
        : new FleetMember(fleetConfig, time, idleTimeout, settings.logEvents());
    ClientQuotas quotas = new ClientQuotas(limits.sessionsPerClient(), limits.callsPerClient(),
        limits.streamsPerClient(), fleet == null ? null : fleet.counts());
    SessionStore sessions = SessionStore.builder().idleTimeout(idleTimeout).handshakeTimeout(limits.handshakeTimeout())
        .maxSessions(maxSessions).shares(limits.callsPerSession(), quotas).listener(listener)
        .mirror(fleet == null ? SessionMirror.NONE : fleet.mirror())
        .ticker(time::nanoTime)
        // Caffeine's expiry timer runs on the server's time source, not on a thread of Caffeine's own.
        .scheduler((executor, command, delay, unit) -> time.schedule(() -> executor.execute(command),
            Duration.ofNanos(unit.toNanos(delay))))
        .build();
    TransportSettings shared = fleet == null || !settings.resumable() ? settings : settings.withSharedEvents(fleet.events());
    return new Endpoint(server, sessions, shared, quotas, fleet);
  }
}
