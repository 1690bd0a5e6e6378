package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.session.internal.ClientQuotas;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionStore;
import dev.switchboard.mcp.session.internal.StatelessCalls;
import dev.switchboard.mcp.transport.ClientLimits;
import dev.switchboard.mcp.transport.internal.HttpErrors.Rejection;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether new calls may start, before they are dispatched: a session or client over its share
 * gets 429, an endpoint at its capacity 503, both with a message that says which limit and what to do.
 * The session and quota tables re-check when a call begins, for calls that race past this.
 */
final class Admission {
  private final SessionStore sessions;
  private final ClientLimits limits;
  private final ClientQuotas quotas;
  private @Nullable StatelessCalls stateless;

  Admission(SessionStore sessions, ClientLimits limits, ClientQuotas quotas) {
    this.sessions = sessions;
    this.limits = limits;
    this.quotas = quotas;
  }

  /** Counts the endpoint's stateless calls too, once they exist. */
  void stateless(StatelessCalls calls) {
    this.stateless = calls;
  }

  /** Whether this session, its client and the endpoint have room for {@code requests} more calls. */
  @Nullable Rejection callsFor(SessionState session, int requests) {
    if (session.callsInFlight() + requests > limits.callsPerSession()) {
      return Rejection.of(429, "Too Many Requests: this session has " + session.callsInFlight()
          + " calls in flight (the limit is " + limits.callsPerSession() + "); wait for some to finish");
    }
    if (quotas.held(ClientQuotas.Kind.CALLS, session.client()) + requests > limits.callsPerClient()) {
      return Rejection.of(429, "Too Many Requests: this client has the most calls in flight it may ("
          + limits.callsPerClient() + "); wait for some to finish");
    }
    return overloaded(requests);
  }

  /** A 503 when the endpoint as a whole has no room for {@code requests} more calls; null otherwise. */
  @Nullable Rejection overloaded(int requests) {
    StatelessCalls calls = stateless;
    int inFlight = sessions.callsInFlight() + (calls == null ? 0 : calls.inFlight());
    return inFlight + requests > limits.callsInFlight()
        ? Rejection.of(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable: the server has "
            + inFlight + " calls in flight, its capacity; retry later")
        : null;
  }
}
