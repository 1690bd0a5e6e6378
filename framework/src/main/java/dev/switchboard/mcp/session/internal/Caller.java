package dev.switchboard.mcp.session.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who sent a request, as far as serving it needs to know: a session (revisions up to 2025-11-25), or
 * the request itself (2026-07-28, where every request carries the client's revision, capabilities
 * and info). The server serves both the same way through this view.
 */
public interface Caller {
  /** The revision the request is served under. */
  ProtocolVersion protocolVersion();

  /** The client's name and version. */
  Implementation clientInfo();

  /** What the client can do. */
  ClientCapabilities clientCapabilities();

  /** The lowest level of log messages the client wants; empty means every level (sessions) or none (stateless). */
  Optional<LoggingLevel> logLevel();

  /** Whether the client asked for log messages at all. */
  default boolean wantsLogs(LoggingLevel level) {
    return logLevel().map(min -> level.compareTo(min) >= 0).orElse(!protocolVersion().isStateless());
  }

  /**
   * Records a call that is about to be handled.
   *
   * @param requestId the JSON-RPC id of the request
   * @return the call, or null when the caller can take no more calls (its session ended, or the
   *     server is shutting down)
   */
  @Nullable InFlightCall beginCall(RequestId requestId);

  /** Records that a call's handler finished; its answer may still be on its way. */
  void endCall(InFlightCall call);

  /** Records that a call begun with {@link #beginCall} has been answered or abandoned. */
  void callAnswered();

  /** The session, for a request that belongs to one. */
  Optional<SessionState> session();

  /** Names the caller in log lines. */
  String describe();
}
