package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.server.HttpRequestInfo;

/**
 * One stream to the client: the response of the POST that carried a request, or the session's
 * standalone GET stream. A message sent on a channel goes on that stream and no other.
 *
 * <p>Implementations are thread-safe and never throw for I/O failures: a broken stream simply
 * reports {@code false} from {@link #send} and stays closed.
 */
public interface OutboundChannel {
  /**
   * Sends a message on this stream.
   *
   * @param message a notification, a server-to-client request, or the response to a request this
   *     channel carried
   * @return false when the stream is closed and the message was dropped
   */
  boolean send(JsonRpcMessage message);

  /**
   * Tells the channel that a request it carried ends without a response (it was cancelled), so it
   * stops waiting for one.
   *
   * @param id the id of the cancelled request
   */
  default void abandon(RequestId id) {}

  /**
   * Closes the HTTP connection that carries this stream without ending the stream (SSE polling,
   * MCP 2025-11-25): the client is told when to reconnect, and what is sent meanwhile is kept for it
   * to fetch with {@code Last-Event-ID}.
   *
   * @return false when this stream cannot be resumed, so nothing was closed
   */
  default boolean disconnect() {
    return false;
  }

  /**
   * Returns the HTTP request that carried the messages of this channel.
   *
   * @return a copy of its headers and remote address; empty when it did not come over HTTP
   */
  default HttpRequestInfo httpRequest() {
    return NoHttpRequest.INSTANCE;
  }

  /**
   * Returns whether messages can still be sent.
   *
   * @return true while the stream is open
   */
  boolean isOpen();

  /** Closes the stream after anything already sent has been written. Idempotent. */
  void close();
}
