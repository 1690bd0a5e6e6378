package dev.switchboard.mcp.transport;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One open SSE response: event ids that name the stream ({@code <stream>-<n>}, unique within the
 * session), a heartbeat comment on a schedule so proxies and idle timeouts keep the connection, and
 * non-blocking writes through {@link AsyncOutput}.
 */
final class SseStream {
  private final AsyncOutput output;
  private final @Nullable String idPrefix;
  private final AtomicLong nextEvent = new AtomicLong();
  private volatile @Nullable ScheduledFuture<?> heartbeat;

  private SseStream(AsyncOutput output, @Nullable String idPrefix) {
    this.output = output;
    this.idPrefix = idPrefix;
  }

  /**
   * Turns an async response into an SSE stream: sets the status and headers, but writes nothing
   * until {@link #start} so the response can still be refused.
   *
   * @param streamNumber the stream's number within its session, or 0 for no event ids
   * @param onEnd runs once when the stream ends, however it ends
   */
  static SseStream prepare(AsyncContext async, HttpServletResponse response, long streamNumber,
      TransportSettings settings, Runnable onEnd) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/event-stream");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    AsyncOutput output = new AsyncOutput(async, response.getOutputStream(), settings.maxQueuedBytes(), onEnd);
    return new SseStream(output, streamNumber > 0 ? streamNumber + "-" : null);
  }

  /** Sends the headers and starts the heartbeat. */
  void start(ScheduledExecutorService scheduler, Duration interval) {
    output.start();
    long nanos = interval.toNanos();
    try {
      heartbeat = scheduler.scheduleAtFixedRate(this::beat, nanos, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      close(); // the servlet is shutting down
    }
  }

  private void beat() {
    if (!output.enqueue(SseWriter.heartbeat())) {
      cancelHeartbeat();
    }
  }

  /** Sends one JSON-RPC message as an event with the next id. */
  boolean send(byte[] json) {
    String id = idPrefix == null ? null : idPrefix + nextEvent.incrementAndGet();
    return output.enqueue(SseWriter.jsonEvent(id, json));
  }

  boolean isOpen() {
    return output.isOpen();
  }

  /** Ends the stream after what is queued has been written. */
  void close() {
    cancelHeartbeat();
    output.closeWhenDrained();
  }

  private void cancelHeartbeat() {
    ScheduledFuture<?> task = heartbeat;
    if (task != null) {
      task.cancel(false);
    }
  }
}
