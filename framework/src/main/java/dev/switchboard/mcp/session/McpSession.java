package dev.switchboard.mcp.session;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import java.util.concurrent.ConcurrentMap;

/**
 * A client's session ({@code Mcp-Session-Id}) as a handler or a listener sees it: who the client is,
 * what it negotiated, and state the application keeps for the session's life. The protocol state
 * behind it (calls in flight, streams, pending requests) is the framework's and cannot be reached
 * from here. Thread-safe.
 */
public interface McpSession {
  /**
   * Returns the session id sent in {@code Mcp-Session-Id}. Treat it as a secret: whoever has it can
   * act in the session; log only a prefix.
   *
   * @return the id
   */
  String id();

  /**
   * Returns the revision negotiated by {@code initialize}.
   *
   * @return the revision
   */
  ProtocolVersion protocolVersion();

  /**
   * Returns the client's name and version as sent in {@code initialize}.
   *
   * @return the client info
   */
  Implementation clientInfo();

  /**
   * Returns the capabilities the client declared in {@code initialize}.
   *
   * @return the capabilities
   */
  ClientCapabilities clientCapabilities();

  /**
   * Returns application state kept for the life of this session, for example per-client caches.
   *
   * @return a thread-safe map, cleared when the session ends
   */
  ConcurrentMap<String, Object> attributes();

  /**
   * Returns whether the session is still live.
   *
   * @return false once it expired, was deleted, or the server stopped
   */
  boolean isOpen();

  /**
   * Tells the client that a URL-mode elicitation has completed
   * ({@code notifications/elicitation/complete}, MCP 2025-11-25), on the session's GET stream.
   *
   * @param elicitationId the id given when the elicitation was requested
   * @return false when no GET stream is open, so the client could not be told
   */
  boolean notifyElicitationComplete(String elicitationId);
}
