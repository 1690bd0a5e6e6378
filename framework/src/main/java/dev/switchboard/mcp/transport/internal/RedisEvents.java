package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.transport.internal.FleetLink.FleetUnavailableException;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sessions' event logs as Redis streams ({@code <prefix>session:<id>:events}), trimmed to about
 * as many entries as a session's log keeps here and expiring with the session's other keys. An entry
 * holds the stream's number ({@code s}), the sequence ({@code q}), whether it is the GET stream
 * ({@code g}) and the SSE frame ({@code f}; none for a priming event).
 */
final class RedisEvents implements SharedEvents {
  /**
   * The largest frame kept in Redis: what one session may hold there stays near the log's length times
   * this. A larger one is kept as a gap, which makes resuming across it elsewhere refused (400), not
   * silently incomplete.
   */
  static final int MAX_FRAME = 16 * 1024;

  private final FleetLink link;
  private final long ttlMillis;
  private final XAddArgs trimmed;

  RedisEvents(FleetLink link, Duration idleTimeout, int maxEvents) {
    this.link = link;
    this.ttlMillis = idleTimeout.toMillis();
    this.trimmed = XAddArgs.Builder.maxlen(Math.max(1, maxEvents)).approximateTrimming();
  }

  /** The key of a session's events. */
  static String key(FleetLink link, String sessionId) {
    return link.key("session:" + sessionId + ":events");
  }

  @Override
  public void logged(String sessionId, long stream, long sequence, byte @Nullable [] frame, boolean standalone) {
    Map<String, String> entry = new HashMap<>(6);
    entry.put("s", Long.toString(stream));
    entry.put("q", Long.toString(sequence));
    if (standalone) {
      entry.put("g", "1");
    }
    if (frame != null && frame.length <= MAX_FRAME) {
      entry.put("f", new String(frame, StandardCharsets.UTF_8));
    } else if (frame != null) {
      entry.put("x", "1");
    }
    String key = key(link, sessionId);
    link.send("share a stream's event", redis -> redis.xadd(key, trimmed, entry));
    link.send("share a stream's event", redis -> redis.pexpire(key, ttlMillis));
  }

  @Override
  public @Nullable Recalled recall(String sessionId, long stream, long afterSequence) {
    List<StreamMessage<String, String>> entries;
    try {
      entries = link.ask(redis -> redis.xrange(key(link, sessionId), Range.create("-", "+")));
    } catch (FleetUnavailableException e) {
      link.failed("read a stream's events from the shared store", e.reason());
      return null;
    }
    String number = Long.toString(stream);
    long first = Long.MAX_VALUE;
    long last = -1;
    boolean standalone = false;
    List<byte[]> missed = new ArrayList<>();
    boolean gap = false;
    for (StreamMessage<String, String> entry : entries) {
      Map<String, String> body = entry.getBody();
      if (!number.equals(body.get("s"))) {
        continue;
      }
      long sequence = Long.parseLong(body.getOrDefault("q", "0"));
      first = Math.min(first, sequence);
      last = Math.max(last, sequence);
      standalone |= body.containsKey("g");
      String frame = body.get("f");
      if (sequence > afterSequence && frame != null) {
        missed.add(frame.getBytes(StandardCharsets.UTF_8));
      }
      gap |= sequence > afterSequence && body.containsKey("x");
    }
    // Unknown: a point never reached, or one whose next events were trimmed away (they would be missed silently).
    boolean known = last >= 0 && afterSequence <= last && afterSequence >= first - 1 && !gap;
    return known ? new Recalled(missed, last, standalone) : null;
  }
}
