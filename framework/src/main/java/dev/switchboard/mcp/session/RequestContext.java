package dev.switchboard.mcp.session;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a handler knows of the request it serves, and the ways it can talk back to the client while
 * it runs. Everything sent through a context goes on the stream of the request that carried it.
 *
 * <p>A context is valid only while its handler runs. A request may have no session (the stateless
 * 2026-07-28 revision), so the client's description is offered here directly rather than through
 * {@link #session()}.
 */
public interface RequestContext {
  /**
   * Returns the JSON-RPC id of the request.
   *
   * @return the id
   */
  RequestId requestId();

  /**
   * Returns the session the request belongs to.
   *
   * @return the session, or empty for a request served without one
   */
  Optional<McpSession> session();

  /**
   * Returns the protocol revision the request is served under.
   *
   * @return the revision
   */
  ProtocolVersion protocolVersion();

  /**
   * Returns the client's name and version.
   *
   * @return the client info
   */
  Implementation clientInfo();

  /**
   * Returns the capabilities the client declared.
   *
   * @return the capabilities
   */
  ClientCapabilities clientCapabilities();

  /**
   * Reports progress, if the client asked for it with a progress token; otherwise does nothing.
   *
   * @param progress the progress so far; must increase with every call
   * @param total the total, or null when unknown
   * @param message a human-readable message, or null
   * @throws IllegalArgumentException when {@code progress} does not increase
   */
  void progress(double progress, @Nullable Double total, @Nullable String message);

  /**
   * Sends a log message to the client, if its level is at or above the level the client set with
   * {@code logging/setLevel}.
   *
   * @param level the severity
   * @param logger the logger name, or null
   * @param data the message: a string, or anything Jackson can write
   */
  void log(LoggingLevel level, @Nullable String logger, Object data);

  /**
   * Returns whether the client cancelled the request. Long handlers should check this, or rely on
   * the interrupt a cancellation delivers to their thread.
   *
   * @return true once cancelled
   */
  boolean isCancelled();

  /**
   * Closes the HTTP connection carrying this request's stream, after telling the client when to
   * reconnect, without ending the request (SSE polling, MCP 2025-11-25). What the handler sends next,
   * its result included, is kept and delivered when the client resumes the stream with
   * {@code Last-Event-ID}. Useful for a long call that should not hold a connection.
   *
   * @return false when this request's stream cannot be resumed (an older revision, or resumption is
   *     off), in which case nothing changed
   */
  boolean disconnect();

  /**
   * Sends a request to the client on this request's stream and waits for its response. The pending
   * response is registered before the request is written.
   *
   * @param method the method, for example {@code roots/list}
   * @param params the parameters, or null
   * @param timeout how long to wait
   * @return the client's result
   * @throws McpException when the client answered with an error
   * @throws TimeoutException when no answer came in time
   * @throws InterruptedException when the call was cancelled while waiting
   * @throws SessionClosedException when the session ended or the request has no session
   * @throws IllegalStateException when the request's stream is already closed
   */
  JsonNode sendRequest(String method, @Nullable JsonNode params, Duration timeout)
      throws TimeoutException, InterruptedException;
}
