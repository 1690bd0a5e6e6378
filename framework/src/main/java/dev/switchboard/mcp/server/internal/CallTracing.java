package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.server.HttpRequestInfo;
import dev.switchboard.mcp.session.internal.Caller;

/** Traces handler calls (OpenTelemetry, when the application gives one); {@link #NONE} traces nothing. */
public interface CallTracing {
  /** Traces nothing. */
  CallTracing NONE = (request, name, http, caller) -> Traced.NONE;

  /**
   * Starts tracing a call, continuing the client's trace when the request or its HTTP headers carry one.
   *
   * @param name the tool's or prompt's name, or the resource's URI
   * @return the call's trace, to enter while its handler runs and to end with its outcome
   */
  Traced start(JsonRpcRequest request, String name, HttpRequestInfo http, Caller caller);

  /**
   * The tracing of a server given an OpenTelemetry.
   *
   * @param openTelemetry its tracer provider and propagators
   * @return its tracing
   */
  static CallTracing openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
    return new OtelCallTracing(openTelemetry);
  }

  /** One call's trace. */
  interface Traced {
    /** A trace that records nothing. */
    Traced NONE = new Traced() {};

    /**
     * Makes the trace current on this thread, so that what the handler traces nests under it.
     *
     * @return what ends that, on the same thread
     */
    default Entered enter() {
      return () -> { };
    }

    /** Ends the trace. */
    default void end(CallObserver.Outcome outcome) {}
  }

  /** A trace made current on a thread until closed. */
  interface Entered extends AutoCloseable {
    @Override
    void close();
  }
}
