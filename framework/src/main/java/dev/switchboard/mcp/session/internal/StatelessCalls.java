package dev.switchboard.mcp.session.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The calls in flight of an endpoint's stateless requests, so a shutdown can refuse new ones, wait
 * for those running to be answered, and cancel what is left. A call counts from its beginning until
 * its answer is written, like a session's.
 */
public final class StatelessCalls {
  private final Set<InFlightCall> running = ConcurrentHashMap.newKeySet();
  private final CountToZero unanswered = new CountToZero();
  private final ClientQuotas quotas;
  private volatile boolean closed;

  /**
   * @param quotas what each client holds, shared with the endpoint's sessions
   */
  public StatelessCalls(ClientQuotas quotas) {
    this.quotas = quotas;
  }

  @Nullable InFlightCall begin(InFlightCall call, String client) {
    quotas.takeCall(client);
    unanswered.increment();
    if (closed) { // after the increment, so a shutdown that saw no call cannot miss this one
      unanswered.decrement();
      quotas.give(ClientQuotas.Kind.CALLS, client);
      return null;
    }
    running.add(call);
    return call;
  }

  void end(InFlightCall call) {
    running.remove(call);
  }

  void answered(String client) {
    quotas.give(ClientQuotas.Kind.CALLS, client);
    unanswered.decrement();
  }

  /** Runs {@code action} once no call is unanswered: now, or when the last one is answered. */
  public void whenNoneInFlight(Runnable action) {
    unanswered.whenZero(action);
  }

  /** Refuses new calls from now on and cancels those still running (the end of a shutdown's grace). */
  public void close() {
    closed = true;
    running.forEach(InFlightCall::cancel);
  }

  /** How many calls are begun and not yet answered. */
  public int inFlight() {
    return unanswered.count();
  }

  /** How many calls are running. */
  public int size() {
    return running.size();
  }
}
