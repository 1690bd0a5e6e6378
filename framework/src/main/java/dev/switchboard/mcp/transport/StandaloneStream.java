package dev.switchboard.mcp.transport;

import dev.switchboard.mcp.protocol.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpcMessage;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.OutboundChannel;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * A session's GET stream: server-initiated messages that belong to no request. When it ends, for
 * whatever reason, it detaches from its session, which may then expire.
 */
final class StandaloneStream implements OutboundChannel, AsyncListener {
  private final McpSession session;
  private final JsonRpcCodec codec;
  private final SseStream stream;

  private StandaloneStream(McpSession session, JsonRpcCodec codec, AsyncContext async, HttpServletResponse response,
      TransportSettings settings) throws IOException {
    this.session = session;
    this.codec = codec;
    this.stream = SseStream.prepare(async, response, session.nextStreamNumber(), settings, this::detach);
  }

  /**
   * Opens the stream for a session, or returns null when the session already has one (nothing has
   * been written then, so the caller can still refuse the request).
   */
  static @Nullable StandaloneStream open(McpSession session, JsonRpcCodec codec, AsyncContext async,
      HttpServletResponse response, TransportSettings settings, ScheduledExecutorService scheduler) throws IOException {
    StandaloneStream channel = new StandaloneStream(session, codec, async, response, settings);
    if (!session.attachStandaloneStream(channel)) {
      return null;
    }
    async.addListener(channel);
    channel.stream.start(scheduler, settings.heartbeatInterval());
    return channel;
  }

  @Override
  public boolean send(JsonRpcMessage message) {
    byte[] json = Encoding.encode(codec, message);
    return json != null && stream.send(json);
  }

  @Override
  public boolean isOpen() {
    return stream.isOpen();
  }

  @Override
  public void close() {
    stream.close();
  }

  private void detach() {
    session.detachStandaloneStream(this);
  }

  @Override
  public void onComplete(AsyncEvent event) {
    detach();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    close();
  }

  @Override
  public void onError(AsyncEvent event) {
    close();
    detach();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}
