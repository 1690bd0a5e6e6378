package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.server.internal.OutboundChannel;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A stream of a session's events, numbered {@code <stream>-<sequence>} so an id names its stream.
 * The stream outlives the HTTP connections that carry it: with resumption on, every event is also
 * logged, so a client that lost its connection can reconnect with {@code Last-Event-ID} and get what
 * it missed, and nothing from any other stream. Thread-safe: one lock orders events, replays and
 * connection changes.
 */
final class EventStream implements OutboundChannel {
  private final SessionStreams streams;
  private final long number;
  private final JsonRpcCodec codec;
  private final @Nullable EventLog log;
  private final long reconnectDelayMillis;
  private final boolean standalone;
  private final ReentrantLock lock = new ReentrantLock();
  private long sequence;
  private @Nullable SseConnection connection;
  private boolean finished;

  /**
   * @param log where events are kept for resumption, or null when resumption is off
   * @param startSequence the last sequence already used by this stream number
   * @param standalone whether this is the session's GET stream, whose connection pins the session
   */
  EventStream(SessionStreams streams, long number, JsonRpcCodec codec, @Nullable EventLog log, long reconnectDelayMillis,
      long startSequence, boolean standalone) {
    this.streams = streams;
    this.number = number;
    this.codec = codec;
    this.log = log;
    this.reconnectDelayMillis = reconnectDelayMillis;
    this.sequence = startSequence;
    this.standalone = standalone;
  }

  long number() {
    return number;
  }

  boolean isStandalone() {
    return standalone;
  }

  /**
   * Makes a connection carry this stream: first what the client missed after {@code afterSequence},
   * then, if nothing was missed and {@code prime} is set, a priming event (an id and empty data, with
   * {@code retry:}) so the client has an id to resume from. Any earlier connection is closed.
   *
   * @return how many events were replayed
   */
  int attach(SseConnection next, long afterSequence, boolean prime) {
    lock.lock();
    try {
      // No logged event of this stream is past its own sequence: a client that saw it missed nothing,
      // which spares a freshly numbered stream a scan of the whole log.
      List<EventLog.Event> missed =
          log == null || afterSequence >= sequence ? List.of() : log.after(number, afterSequence);
      for (EventLog.Event event : missed) {
        next.send(event.frame());
      }
      if (missed.isEmpty() && prime && log != null) {
        sequence++;
        log.mark(number, sequence);
        streams.share(number, sequence, null, standalone);
        next.send(SseWriter.primingEvent(number + "-" + sequence, reconnectDelayMillis));
      }
      SseConnection previous = connection;
      connection = next;
      if (previous != null && previous != next) {
        previous.close();
      }
      return missed.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean send(JsonRpcMessage message) {
    byte[] json = Encoding.encode(codec, message);
    if (json == null) {
      return false;
    }
    lock.lock();
    try {
      if (finished) {
        return false;
      }
      sequence++;
      byte[] frame = SseWriter.jsonEvent(number + "-" + sequence, json);
      if (log != null) {
        log.append(new EventLog.Event(number, sequence, frame));
        streams.share(number, sequence, frame, standalone);
      }
      SseConnection current = connection;
      boolean delivered = current != null && current.send(frame);
      // A logged event is not lost: the client fetches it when it resumes.
      return delivered || (log != null && !standalone);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean disconnect() {
    lock.lock();
    try {
      SseConnection current = connection;
      if (log == null || finished || current == null) {
        return false;
      }
      connection = null;
      current.send(SseWriter.retry(reconnectDelayMillis));
      current.close();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the stream: nothing more will be sent; the connection closes after what is queued. */
  void finish() {
    SseConnection current;
    lock.lock();
    try {
      finished = true;
      current = connection;
      connection = null;
    } finally {
      lock.unlock();
    }
    if (current != null) {
      current.close();
    }
    streams.unregister(this);
    if (standalone) {
      streams.detachStandalone(this);
    }
  }

  /** Called when a connection ended by itself (the client went away, or a write failed). */
  void connectionEnded(SseConnection ended) {
    boolean wasCurrent;
    lock.lock();
    try {
      wasCurrent = connection == ended;
      if (wasCurrent) {
        connection = null;
      }
    } finally {
      lock.unlock();
    }
    if (wasCurrent && standalone) {
      streams.detachStandalone(this);
    }
  }

  long sequence() {
    lock.lock();
    try {
      return sequence;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isOpen() {
    lock.lock();
    try {
      return !finished;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    finish();
  }
}
