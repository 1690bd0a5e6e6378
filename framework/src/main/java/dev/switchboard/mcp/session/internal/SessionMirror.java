package dev.switchboard.mcp.session.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.session.SessionEnd;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A copy of the sessions' durable facts outside this process (a fleet's shared store), from which
 * another instance can take a session over when the one that held it is gone. Without a fleet, the
 * store uses {@link #NONE}, which keeps nothing.
 *
 * <p>Only what the client negotiated or set is copied: calls in flight, pending requests, streams and
 * attributes live in one process and die with it.
 */
public interface SessionMirror {
  /** Keeps nothing and recalls nothing: sessions live in this process only. */
  SessionMirror NONE = new SessionMirror() {};

  /**
   * A session was created here; called before its id is given to the client.
   *
   * @throws UnavailableException when the copy could not be written and new sessions must be refused
   */
  default void opened(SessionState session) {}

  /** Something durable changed: the handshake finished, or the log level was set. */
  default void changed(SessionState session) {}

  /** The client subscribed to a resource ({@code subscribed}) or ended that subscription. */
  default void subscriptionChanged(SessionState session, String uri, boolean subscribed) {}

  /**
   * Reads the facts of a session this process does not hold.
   *
   * @return them, or null when no instance holds such a session (or the copy cannot be read)
   */
  default @Nullable SessionFacts recall(String id) {
    return null;
  }

  /** A session recalled with {@link #recall} now lives here. */
  default void adopted(SessionState session) {}

  /** A session ended here; a shutdown keeps its copy, so another instance can take it over. */
  default void ended(SessionState session, SessionEnd reason) {}

  /**
   * What a session is, apart from what it is doing. {@code generation} counts the take-overs: each
   * instance that holds the session numbers its streams apart from the earlier ones'.
   */
  record SessionFacts(String id, ProtocolVersion protocolVersion, Implementation clientInfo,
      ClientCapabilities capabilities, String client, @Nullable String owner, boolean initialized,
      @Nullable LoggingLevel logLevel, Set<String> subscriptions, long generation) {}

  /** The copy could not be written, and the fleet is configured to refuse sessions it cannot share. */
  final class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public UnavailableException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
