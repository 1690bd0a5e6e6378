package dev.switchboard.mcp.session.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.Texts;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The caller of one request of a stateless revision: everything about the client comes from the
 * request's {@code _meta}, and nothing outlives the response. Its one call is tracked by the
 * endpoint's {@link StatelessCalls}, so a shutdown waits for it and the client closing the stream
 * cancels it.
 */
public final class StatelessCaller implements Caller {
  private final ProtocolVersion protocolVersion;
  private final Implementation clientInfo;
  private final ClientCapabilities clientCapabilities;
  private final @Nullable LoggingLevel logLevel;
  private final StatelessCalls calls;
  private final String client;
  private volatile @Nullable InFlightCall call;

  /**
   * @param logLevel the level the request asked for, or null for no log messages
   * @param calls where the endpoint tracks stateless calls
   * @param client what identifies the client, for its share of the limits
   */
  public StatelessCaller(ProtocolVersion protocolVersion, Implementation clientInfo,
      ClientCapabilities clientCapabilities, @Nullable LoggingLevel logLevel, StatelessCalls calls, String client) {
    this.client = client;
    this.protocolVersion = protocolVersion;
    this.clientInfo = clientInfo;
    this.clientCapabilities = clientCapabilities;
    this.logLevel = logLevel;
    this.calls = calls;
  }

  @Override
  public ProtocolVersion protocolVersion() {
    return protocolVersion;
  }

  @Override
  public Implementation clientInfo() {
    return clientInfo;
  }

  @Override
  public ClientCapabilities clientCapabilities() {
    return clientCapabilities;
  }

  @Override
  public Optional<LoggingLevel> logLevel() {
    return Optional.ofNullable(logLevel);
  }

  @Override
  public @Nullable InFlightCall beginCall(RequestId requestId) {
    InFlightCall begun = calls.begin(new InFlightCall(requestId), client);
    call = begun;
    return begun;
  }

  /** Cancels the request's call, if it has begun: the client closed the response stream. */
  public void cancel() {
    InFlightCall current = call;
    if (current != null) {
      current.cancel();
    }
  }

  @Override
  public void endCall(InFlightCall call) {
    calls.end(call);
  }

  @Override
  public void callAnswered() {
    calls.answered(client);
  }

  @Override
  public Optional<SessionState> session() {
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "stateless request of " + Texts.echo(clientInfo.name());
  }
}
