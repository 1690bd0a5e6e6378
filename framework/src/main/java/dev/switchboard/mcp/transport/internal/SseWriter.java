package dev.switchboard.mcp.transport.internal;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The only place that frames Server-Sent Events: UTF-8 bytes, CR and LF removed from an {@code id} so a
 * value can never end a field early. Payloads are JSON as the protocol's codec writes it, on one line
 * (line breaks inside strings are escaped), so each event is a single {@code data:} line.
 */
final class SseWriter {
  private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATA_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);

  private SseWriter() {}

  /**
   * Frames an event whose payload is UTF-8 JSON written without line breaks (as Jackson writes it).
   *
   * @param id the event id, or null
   * @param json the payload
   */
  static byte[] jsonEvent(@Nullable String id, byte[] json) {
    byte[] idLine = id == null ? new byte[0] : ("id: " + singleLine(id) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[idLine.length + DATA_PREFIX.length + json.length + 2];
    System.arraycopy(idLine, 0, frame, 0, idLine.length);
    int at = idLine.length;
    System.arraycopy(DATA_PREFIX, 0, frame, at, DATA_PREFIX.length);
    at += DATA_PREFIX.length;
    System.arraycopy(json, 0, frame, at, json.length);
    at += json.length;
    frame[at++] = '\n';
    frame[at] = '\n';
    return frame;
  }

  /**
   * Frames a priming event: an id and empty data, so the client learns an id to resume from before
   * any real event, and how long to wait before reconnecting (SEP-1699).
   *
   * @param id the event id
   * @param retryMillis the reconnection delay
   */
  static byte[] primingEvent(String id, long retryMillis) {
    return ("id: " + singleLine(id) + "\nretry: " + retryMillis + "\ndata:\n\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A comment frame that keeps idle connections open through proxies. */
  static byte[] heartbeat() {
    return HEARTBEAT.clone();
  }

  /**
   * Frames a {@code retry:} field telling the client how long to wait before reconnecting.
   *
   * @param millis the delay
   */
  static byte[] retry(long millis) {
    return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String singleLine(String value) {
    return value.indexOf('\n') < 0 && value.indexOf('\r') < 0 ? value : value.replace("\r", "").replace("\n", "");
  }
}
