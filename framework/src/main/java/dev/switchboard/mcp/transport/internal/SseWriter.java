package dev.switchboard.mcp.transport.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The only place that frames Server-Sent Events: UTF-8 bytes, one {@code data:} line per line of the
 * payload, CR and LF removed from {@code id} and {@code event} so a value can never end a field early.
 */
final class SseWriter {
  private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATA_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);

  private SseWriter() {}

  /**
   * Frames one event.
   *
   * @param id the event id, or null for none
   * @param event the event type, or null for the default ({@code message})
   * @param data the payload; each line becomes a {@code data:} line (an empty payload gives one empty {@code data:} line)
   */
  static byte[] event(@Nullable String id, @Nullable String event, String data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length() + 64);
    if (id != null) {
      field(out, "id", singleLine(id));
    }
    if (event != null) {
      field(out, "event", singleLine(event));
    }
    int start = 0;
    int length = data.length();
    while (true) {
      int end = start;
      while (end < length && data.charAt(end) != '\n' && data.charAt(end) != '\r') {
        end++;
      }
      field(out, "data", data.substring(start, end));
      if (end >= length) {
        break;
      }
      // A CR LF pair is one line break.
      start = data.charAt(end) == '\r' && end + 1 < length && data.charAt(end + 1) == '\n' ? end + 2 : end + 1;
      if (start >= length) {
        break;
      }
    }
    out.write('\n');
    return out.toByteArray();
  }

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

  private static void field(ByteArrayOutputStream out, String name, String value) {
    byte[] bytes = (value.isEmpty() ? name + ":\n" : name + ": " + value + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

  private static String singleLine(String value) {
    return value.indexOf('\n') < 0 && value.indexOf('\r') < 0 ? value : value.replace("\r", "").replace("\n", "");
  }
}
