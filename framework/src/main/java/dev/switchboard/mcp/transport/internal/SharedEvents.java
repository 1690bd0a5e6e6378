package dev.switchboard.mcp.transport.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sessions' events kept outside this process (a fleet's shared store), so that a client whose
 * instance died can resume a stream with {@code Last-Event-ID} on another one.
 */
interface SharedEvents {
  /**
   * Keeps an event of a session's stream; sent without waiting.
   *
   * @param frame the SSE frame as written, or null for a priming event (a position without data)
   * @param standalone whether the stream is the session's GET stream
   */
  void logged(String sessionId, long stream, long sequence, byte @Nullable [] frame, boolean standalone);

  /**
   * Reads what a client missed of a stream after a point.
   *
   * @return the missed events, or null when the point is unknown (never logged, or trimmed away) or the
   *     store cannot be read
   */
  @Nullable Recalled recall(String sessionId, long stream, long afterSequence);

  /**
   * What a client missed of a stream kept elsewhere.
   *
   * @param missed the frames after the point, oldest first
   * @param lastSequence the stream's last sequence
   * @param standalone whether it was the session's GET stream, which goes on here
   */
  record Recalled(List<byte[]> missed, long lastSequence, boolean standalone) {}
}
