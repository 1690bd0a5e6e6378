package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The streams of one session, kept by the transport: the standalone (GET) stream, every stream a
 * client may resume by number with {@code Last-Event-ID}, the numbering that makes event ids unique
 * within the session, and the event log they share. Made on the session's first stream and closed
 * with the session. One lock guards it; no stream is written under it.
 */
public final class SessionStreams implements SessionTransport {
  private final SessionState session;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Long, EventStream> streams = new HashMap<>(4);
  private long lastNumber;
  private long standaloneNumber;
  private @Nullable EventStream standalone;
  private @Nullable EventLog log;
  private @Nullable SharedEvents shared;
  private boolean closed;

  private SessionStreams(SessionState session) {
    this.session = session;
    // A session taken over from another instance of a fleet numbers its new streams apart from the
    // ones the earlier instances numbered, whose events a client may still resume from the shared store.
    this.lastNumber = session.generation() << 32;
  }

  /**
   * Returns the streams of a session, made on first use.
   *
   * @param session the session
   * @return its streams
   */
  public static SessionStreams of(SessionState session) {
    return session.transport(() -> new SessionStreams(session));
  }

  /** The session these streams belong to. */
  SessionState session() {
    return session;
  }

  /** A number for a new stream, so that event ids naming it are unique within the session. */
  long nextNumber() {
    lock.lock();
    try {
      return ++lastNumber;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The number of the GET stream, chosen on first use; the stream keeps it across reconnections, so
   * its event ids stay resumable.
   */
  long standaloneNumber() {
    lock.lock();
    try {
      if (standaloneNumber == 0) {
        standaloneNumber = ++lastNumber;
      }
      return standaloneNumber;
    } finally {
      lock.unlock();
    }
  }

  /** The session's event log, made with {@code settings}' bounds on first use; null when resumption is off. */
  @Nullable EventLog log(TransportSettings settings) {
    if (!settings.resumable()) {
      return null;
    }
    lock.lock();
    try {
      if (log == null) {
        log = new EventLog(settings.logEvents(), settings.logBytes(), settings.logBudget());
        shared = settings.sharedEvents();
      }
      return log;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Keeps an event in the fleet's shared store too, if there is one.
   *
   * @param frame the SSE frame, or null for a priming event
   */
  void share(long number, long sequence, byte @Nullable [] frame, boolean standalone) {
    SharedEvents store = shared;
    if (store != null) {
      store.logged(session.id(), number, sequence, frame, standalone);
    }
  }

  /**
   * Makes a GET stream another instance numbered this session's GET stream here, so that it goes on
   * under its number (unless this instance has a GET stream of its own already).
   *
   * @return the GET stream's number here
   */
  long adoptStandaloneNumber(long number) {
    lock.lock();
    try {
      if (standaloneNumber == 0) {
        standaloneNumber = number;
      }
      return standaloneNumber;
    } finally {
      lock.unlock();
    }
  }

  /** The event log if anything was ever logged. */
  @Nullable EventLog existingLog() {
    lock.lock();
    try {
      return log;
    } finally {
      lock.unlock();
    }
  }

  /** Registers a stream a client may resume by number; it is closed at once if the session ended. */
  void register(EventStream stream) {
    boolean late;
    lock.lock();
    try {
      late = closed;
      if (!late) {
        streams.put(stream.number(), stream);
      }
    } finally {
      lock.unlock();
    }
    if (late) {
      stream.close();
    }
  }

  /** Finds the stream with a number, or registers the one {@code factory} makes; atomic. */
  EventStream streamOrRegister(long number, LongFunction<EventStream> factory) {
    EventStream stream;
    boolean late;
    lock.lock();
    try {
      stream = streams.computeIfAbsent(number, factory::apply);
      late = closed;
    } finally {
      lock.unlock();
    }
    if (late) {
      stream.close();
    }
    return stream;
  }

  /** The registered stream with a number, or null. */
  @Nullable EventStream stream(long number) {
    lock.lock();
    try {
      return streams.get(number);
    } finally {
      lock.unlock();
    }
  }

  /** Unregisters a stream that has ended. */
  void unregister(EventStream stream) {
    lock.lock();
    try {
      streams.remove(stream.number(), stream);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes {@code stream} the session's standalone stream, which pins the session while attached.
   *
   * @return false when the session already has one attached, or has ended
   */
  boolean attachStandalone(EventStream stream) {
    lock.lock();
    try {
      if (closed || standalone != null) {
        return false;
      }
      standalone = stream;
    } finally {
      lock.unlock();
    }
    if (!session.pin()) {
      detach(stream, false);
      return false;
    }
    return true;
  }

  /** Detaches the standalone stream once its connection has gone; the session may then expire. */
  void detachStandalone(EventStream stream) {
    detach(stream, true);
  }

  private void detach(EventStream stream, boolean unpin) {
    boolean was;
    lock.lock();
    try {
      was = standalone == stream;
      if (was) {
        standalone = null;
      }
    } finally {
      lock.unlock();
    }
    if (was && unpin) {
      session.unpin();
    }
  }

  /** Whether a standalone stream is attached: the client listens on GET. */
  public boolean hasStandalone() {
    lock.lock();
    try {
      return standalone != null;
    } finally {
      lock.unlock();
    }
  }

  /** Sends a message on the standalone stream; false when none is attached. */
  boolean sendOnStandalone(JsonRpcMessage message) {
    EventStream current;
    lock.lock();
    try {
      current = standalone;
    } finally {
      lock.unlock();
    }
    return current != null && current.send(message);
  }

  @Override
  public boolean deliver(JsonRpcNotification notification) {
    return sendOnStandalone(notification);
  }

  @Override
  public void close() {
    List<EventStream> open;
    EventStream attached;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(streams.values());
      streams.clear();
      attached = standalone;
      standalone = null;
    } finally {
      lock.unlock();
    }
    // The session has ended: its pin no longer matters, so the standalone stream is closed, not unpinned.
    if (attached != null) {
      attached.close();
    }
    open.forEach(EventStream::close);
    EventLog kept = existingLog();
    if (kept != null) {
      kept.release();
    }
  }
}
