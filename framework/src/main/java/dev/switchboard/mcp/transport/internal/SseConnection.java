package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.TimeSource;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP response in SSE mode: the SSE headers, non-blocking writes through {@link AsyncOutput},
 * and a heartbeat comment on a schedule so proxies and idle timeouts keep the connection. An
 * {@link EventStream} may outlive the connections that carry it.
 */
final class SseConnection {
  private final AsyncOutput output;
  private volatile @Nullable Repeating heartbeat;

  private SseConnection(AsyncContext async, ServletOutputStream out, long maxQueuedBytes, ByteBudget shared,
      Consumer<SseConnection> onEnd) {
    this.output = new AsyncOutput(async, out, maxQueuedBytes, shared, () -> onEnd.accept(this));
  }

  /**
   * Puts a request in async mode without a timeout: streams, and calls that may become streams, end
   * on their own terms, never on the container's clock.
   */
  static AsyncContext startAsync(HttpServletRequest request, HttpServletResponse response) {
    AsyncContext async = request.startAsync(request, response);
    async.setTimeout(0);
    return async;
  }

  /**
   * Turns an async response into an SSE connection: sets the status and headers, but writes nothing
   * until {@link #start} so the response can still be refused.
   *
   * @param onEnd told once when the connection ends, however it ends
   */
  static SseConnection prepare(AsyncContext async, HttpServletResponse response, TransportSettings settings,
      OpenConnections open, Consumer<SseConnection> onEnd) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/event-stream");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    ServletOutputStream out = response.getOutputStream();
    open.opened(); // only once nothing can fail before the connection exists to call closed()
    // The stream learns of the end before the connection stops counting as open, so whoever waits for
    // "no connection open" (a shutdown) finds every stream already detached.
    return new SseConnection(async, out, settings.maxQueuedBytes(), settings.queueBudget(), connection -> {
      try {
        onEnd.accept(connection);
      } finally {
        open.closed();
      }
    });
  }

  /** Sends the headers and starts the heartbeat. */
  void start(TimeSource time, Duration interval) {
    output.start();
    heartbeat = Repeating.every(time, interval, this::beat);
  }

  private void beat() {
    if (!output.enqueue(SseWriter.heartbeat())) {
      cancelHeartbeat();
    }
  }

  /** Queues one framed event; false when the connection has ended. */
  boolean send(byte[] frame) {
    return output.enqueue(frame);
  }

  /** Ends the connection after what is queued has been written. */
  void close() {
    cancelHeartbeat();
    output.closeWhenDrained();
  }

  private void cancelHeartbeat() {
    Repeating task = heartbeat;
    if (task != null) {
      task.cancel();
    }
  }
}
