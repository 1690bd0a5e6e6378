package dev.switchboard.mcp.transport.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recent events of one session's streams, kept so a client that lost a connection can resume
 * with {@code Last-Event-ID} and miss nothing. Bounded by a count and a byte size (the oldest events go
 * first), by the endpoint's budget for all logs together, and in how many streams it remembers. An
 * event larger than the whole log is sent but not kept. It lives and dies with its session.
 */
public final class EventLog {
  /** One logged event: its stream, its number within the stream, and its SSE frame as written, id included. */
  public static final class Event {
    private final long stream;
    private final long sequence;
    private final byte[] frame;

    /**
     * @param stream the stream it belongs to
     * @param sequence its number within the stream
     * @param frame the frame; kept as given, not copied (frames are never changed once framed)
     */
    public Event(long stream, long sequence, byte[] frame) {
      this.stream = stream;
      this.sequence = sequence;
      this.frame = frame;
    }

    long stream() {
      return stream;
    }

    long sequence() {
      return sequence;
    }

    byte[] frame() {
      return frame;
    }
  }

  /** How many streams' positions a log remembers: one per streamed POST adds up over a long session. */
  static final int MAX_STREAMS = 1_024;

  private final int maxEvents;
  private final long maxBytes;
  private final ByteBudget budget;
  private final ReentrantLock lock = new ReentrantLock();
  private final Deque<Event> events = new ArrayDeque<>();
  private final Map<Long, Long> lastSequence = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
      return size() > MAX_STREAMS;
    }
  };
  private long bytes;

  /**
   * Creates an empty log.
   *
   * @param maxEvents the most events kept
   * @param maxBytes the most bytes of frames kept
   */
  public EventLog(int maxEvents, long maxBytes) {
    this(maxEvents, maxBytes, new ByteBudget(Long.MAX_VALUE));
  }

  /**
   * Creates an empty log that takes its bytes from an endpoint's budget.
   *
   * @param maxEvents the most events kept
   * @param maxBytes the most bytes of frames kept
   * @param budget what all the endpoint's logs may hold together
   */
  EventLog(int maxEvents, long maxBytes, ByteBudget budget) {
    if (maxEvents < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("an event log keeps at least one event");
    }
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.budget = budget;
  }

  /**
   * Records that a stream exists and how far it has got, without keeping a frame (for priming events).
   *
   * @param stream the stream
   * @param sequence the sequence number used
   */
  public void mark(long stream, long sequence) {
    lock.lock();
    try {
      lastSequence.merge(stream, sequence, Math::max);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends an event, dropping the oldest ones beyond the bounds.
   *
   * @param event the event
   */
  public void append(Event event) {
    int size = event.frame().length;
    lock.lock();
    try {
      lastSequence.merge(event.stream(), event.sequence(), Math::max);
      if (size > maxBytes) {
        return; // it was sent; keeping it would take more than the whole log may hold
      }
      while (!events.isEmpty() && (events.size() >= maxEvents || bytes + size > maxBytes)) {
        dropOldest();
      }
      // The endpoint's budget is spent: this log makes room from its own oldest events, or keeps nothing.
      while (!budget.take(size)) {
        if (events.isEmpty()) {
          return;
        }
        dropOldest();
      }
      events.addLast(event);
      bytes += size;
    } finally {
      lock.unlock();
    }
  }

  private void dropOldest() {
    int size = events.removeFirst().frame().length;
    bytes -= size;
    budget.give(size);
  }

  /** Gives every kept byte back to the endpoint's budget: the session has ended. */
  void release() {
    lock.lock();
    try {
      events.clear();
      budget.give(bytes);
      bytes = 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns whether an event id names a point this session's log can resume from: a stream it has
   * seen, at a sequence that stream has reached.
   *
   * @param stream the stream named by the id
   * @param sequence the sequence named by the id
   * @return true when known
   */
  public boolean knows(long stream, long sequence) {
    lock.lock();
    try {
      Long last = lastSequence.get(stream);
      return last != null && sequence >= 0 && sequence <= last;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the highest sequence number a stream has reached.
   *
   * @param stream the stream
   * @return the sequence, or 0 when the stream is unknown
   */
  public long last(long stream) {
    lock.lock();
    try {
      return lastSequence.getOrDefault(stream, 0L);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the events of one stream after a point, oldest first; never events of another stream.
   *
   * @param stream the stream
   * @param afterSequence the last sequence the client saw
   * @return the events it missed that are still kept
   */
  public List<Event> after(long stream, long afterSequence) {
    lock.lock();
    try {
      List<Event> missed = new ArrayList<>();
      for (Event event : events) {
        if (event.stream() == stream && event.sequence() > afterSequence) {
          missed.add(event);
        }
      }
      return missed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many events are kept.
   *
   * @return the count
   */
  public int size() {
    lock.lock();
    try {
      return events.size();
    } finally {
      lock.unlock();
    }
  }
}
