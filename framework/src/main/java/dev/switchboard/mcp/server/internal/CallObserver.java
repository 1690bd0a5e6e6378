package dev.switchboard.mcp.server.internal;

/** Told of every handler call that ended, for metrics. Implementations must be quick and thread-safe. */
public interface CallObserver {
  /** How a call ended. */
  enum Outcome {
    /** It returned a result. */
    OK,
    /** A tool returned (or its failure became) a result with {@code isError: true}. */
    TOOL_ERROR,
    /** It failed with a JSON-RPC error. */
    ERROR,
    /** It asked the client for input: one round of a multi-round call (2026-07-28). */
    INPUT_REQUIRED,
    /** The client cancelled it, or its session ended. */
    CANCELLED,
    /** It ran past its deadline and was stopped. */
    TIMEOUT
  }

  /**
   * A call ended.
   *
   * @param kind {@code tool}, {@code prompt}, {@code resource} or {@code completion}
   * @param name the tool's or prompt's name; for resources and completions, what ran (URIs vary without bound)
   * @param outcome how it ended
   * @param nanos how long it took, from its start to its answer
   */
  void ended(String kind, String name, Outcome outcome, long nanos);
}
