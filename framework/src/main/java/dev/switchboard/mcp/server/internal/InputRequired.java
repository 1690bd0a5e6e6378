package dev.switchboard.mcp.server.internal;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ends a handler's run in 2026-07-28 when it asks the client something not yet answered; the
 * dispatcher turns it into an {@code InputRequiredResult}. An {@link Error}, so that a handler's
 * {@code catch (Exception e)} lets it through, and without a stack trace, since it is not a failure.
 */
final class InputRequired extends Error {
  private static final long serialVersionUID = 1L;

  /** The requests, by key: each {@code {"method": ..., "params": ...}}. */
  private final transient Map<String, ObjectNode> requests;

  InputRequired(Map<String, ObjectNode> requests) {
    super("input required", null, false, false);
    this.requests = Map.copyOf(requests);
  }

  Map<String, ObjectNode> requests() {
    return requests;
  }
}
