package dev.switchboard.mcp.session.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;

/**
 * What the transport keeps for one session (its streams). The session knows nothing of streams: it
 * reaches this only to deliver a notification that belongs to no request, and to close it when the
 * session ends.
 */
public interface SessionTransport {
  /**
   * Delivers a notification that belongs to no request, on whatever stream the session listens on.
   *
   * @param notification the notification
   * @return false when the session has no such stream open, so it was not delivered
   */
  boolean deliver(JsonRpcNotification notification);

  /** The session ended: closes its streams. Idempotent. */
  void close();
}
