package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.server.internal.OutboundChannel;
import dev.switchboard.mcp.session.internal.SessionState;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response of one POST that carried requests: the only channel their answers can take.
 *
 * <p>Answers are collected while nothing else is sent, and go out as one {@code application/json}
 * body (an array for a batch). As soon as a handler sends anything before its answer (progress, a log
 * message, a request to the client), or a call outlasts the heartbeat interval, the response becomes
 * a {@code text/event-stream}: an {@link EventStream} that starts with a priming event (2025-11-25),
 * carries everything collected so far and everything after, and ends after the last answer. The
 * choice is made under a lock, once; no status or header is ever set after the response is committed.
 *
 * <p>Once streaming, the stream outlives this POST's connection: if the client goes away or the server
 * closes the connection to make the client poll, events are logged and the client resumes with
 * {@code Last-Event-ID}. A dropped connection never cancels a call.
 */
final class PostExchange implements OutboundChannel, AsyncListener {
  private static final Logger LOG = LoggerFactory.getLogger(PostExchange.class);

  private enum Mode { COLLECTING, STREAMING, DONE }

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final SessionState session;
  private final JsonRpcCodec codec;
  private final TransportSettings settings;
  private final TimeSource time;
  private final SlowCalls slowCalls;
  private final OpenConnections open;
  private final boolean batch;
  private final long startedAt;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<JsonRpcMessage> collected = new ArrayList<>(2);

  private Mode mode = Mode.COLLECTING;
  private int awaited;
  private boolean dispatching = true;
  private boolean needsStream;
  private boolean disconnectRequested;
  private @Nullable AsyncContext async;
  private @Nullable EventStream stream;
  private @Nullable Future<?> timer;

  /**
   * @param awaited how many answers this POST waits for: one per request it carried
   */
  PostExchange(HttpServletRequest request, HttpServletResponse response, SessionState session, JsonRpcCodec codec,
      TransportSettings settings, Timers timers, OpenConnections open, boolean batch, int awaited) {
    this.request = request;
    this.response = response;
    this.session = session;
    this.codec = codec;
    this.settings = settings;
    this.time = timers.time();
    this.slowCalls = timers.slowCalls();
    this.open = open;
    this.batch = batch;
    this.awaited = awaited;
    this.startedAt = time.nanoTime();
  }

  @Override
  public boolean send(JsonRpcMessage message) {
    byte[] json = null;
    boolean sent = true;
    lock.lock();
    try {
      if (mode == Mode.DONE) {
        return false;
      }
      boolean isAnswer = message instanceof JsonRpcResponse;
      if (isAnswer) {
        awaited--;
      }
      if (mode == Mode.STREAMING) {
        sent = streamSend(message);
      } else {
        collected.add(message);
        needsStream |= !isAnswer;
        if (!dispatching) {
          json = settle();
        }
      }
    } finally {
      lock.unlock();
    }
    if (json != null) {
      writeJson(json);
    }
    return sent;
  }

  @Override
  public void abandon(RequestId id) {
    byte[] json = null;
    lock.lock();
    try {
      if (mode == Mode.DONE) {
        return;
      }
      awaited--;
      if (mode == Mode.STREAMING) {
        endStreamIfAnswered();
      } else if (!dispatching) {
        json = settle();
      }
    } finally {
      lock.unlock();
    }
    if (json != null) {
      writeJson(json);
    }
  }

  @Override
  public boolean disconnect() {
    lock.lock();
    try {
      if (mode == Mode.DONE || !settings.resumable() || !session.protocolVersion().atLeast(ProtocolVersion.V2025_11_25)) {
        return false;
      }
      if (mode == Mode.COLLECTING) {
        if (dispatching) {
          // The handler outran the servlet: the stream starts, and disconnects, once dispatch is over.
          disconnectRequested = true;
          needsStream = true;
          return true;
        }
        startStream();
      }
      EventStream current = stream;
      return current != null && current.disconnect();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Called by the servlet once every message of the POST was handed to the server. Answers that are
   * all in by now go out as JSON on the container thread; otherwise the response goes async.
   */
  void finishDispatch() {
    byte[] json;
    lock.lock();
    try {
      dispatching = false;
      if (mode == Mode.DONE) {
        return;
      }
      if (awaited <= 0 && !needsStream && !collected.isEmpty()) {
        mode = Mode.DONE;
        json = jsonBody();
      } else {
        goAsync();
        json = settle();
        if (mode == Mode.COLLECTING) {
          slowCalls.watch(this, startedAt);
        }
      }
    } finally {
      lock.unlock();
    }
    if (json != null) {
      writeJson(json);
    }
  }

  /** Decides what to do with what was collected, once dispatch is over. Returns JSON to write, if any. */
  private byte @Nullable [] settle() {
    if (needsStream) {
      startStream();
      return null;
    }
    if (awaited > 0) {
      return null;
    }
    if (collected.isEmpty()) {
      startStream(); // every request was cancelled: an empty stream ends the POST without an answer
      return null;
    }
    mode = Mode.DONE;
    cancelTimer();
    return jsonBody();
  }

  private byte[] jsonBody() {
    List<JsonRpcResponse> answers = new ArrayList<>(collected.size());
    for (JsonRpcMessage message : collected) {
      answers.add((JsonRpcResponse) message);
    }
    collected.clear();
    if (batch) {
      return Encoding.encodeBatch(codec, answers);
    }
    return Encoding.encode(codec, answers.get(0));
  }

  private void writeJson(byte[] json) {
    try {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType("application/json");
      response.setContentLength(json.length);
      response.getOutputStream().write(json);
    } catch (IOException | RuntimeException e) {
      LOG.debug("session {}: could not write a response: {}", session.id(), e.toString());
    } finally {
      AsyncContext context = async;
      if (context != null) {
        try {
          context.complete();
        } catch (IllegalStateException e) {
          // the container completed it after a client disconnect
        }
      }
    }
  }

  private void goAsync() {
    AsyncContext context = SseConnection.startAsync(request, response);
    context.addListener(this);
    async = context;
  }

  private void schedule(Runnable task, long delayNanos) {
    timer = time.schedule(task, Duration.ofNanos(delayNanos));
  }

  /** A call that runs long gets an SSE stream, whose heartbeats keep proxies and idle timeouts away. */
  void upgradeIfSlow() {
    lock.lock();
    try {
      if (mode == Mode.COLLECTING) {
        startStream();
      }
    } finally {
      lock.unlock();
    }
  }

  private void cancelTimer() {
    slowCalls.forget(this);
    Future<?> current = timer;
    if (current != null) {
      current.cancel(false);
    }
  }

  /** Switches to SSE and writes what was collected. Called under the lock, once dispatch is over. */
  private void startStream() {
    cancelTimer();
    AsyncContext context = async;
    if (context == null) {
      goAsync();
      context = async;
    }
    SessionStreams streams = SessionStreams.of(session);
    EventLog log = streams.log(settings);
    EventStream events = new EventStream(streams, streams.nextNumber(), codec, log,
        settings.reconnectDelay().toMillis(), 0, false);
    SseConnection connection;
    try {
      connection = SseConnection.prepare(context, response, settings, open, events::connectionEnded);
    } catch (IOException | RuntimeException e) {
      LOG.debug("session {}: could not open a stream: {}", session.id(), e.toString());
      mode = Mode.DONE;
      context.complete();
      return;
    }
    stream = events;
    mode = Mode.STREAMING;
    streams.register(events);
    boolean polling = session.protocolVersion().atLeast(ProtocolVersion.V2025_11_25);
    events.attach(connection, 0, polling);
    for (JsonRpcMessage message : collected) {
      events.send(message);
    }
    collected.clear();
    connection.start(time, settings.heartbeatInterval());
    if (endStreamIfAnswered()) {
      return;
    }
    if (disconnectRequested) {
      events.disconnect();
    } else if (polling && settings.pollingInterval() != null && log != null) {
      schedule(events::disconnect, settings.pollingInterval().toNanos());
    }
  }

  private boolean streamSend(JsonRpcMessage message) {
    EventStream current = stream;
    boolean sent = current != null && current.send(message);
    endStreamIfAnswered();
    return sent;
  }

  /** Ends the stream once every request of the POST has its answer (or was cancelled). */
  private boolean endStreamIfAnswered() {
    if (awaited > 0) {
      return false;
    }
    mode = Mode.DONE;
    cancelTimer();
    EventStream current = stream;
    if (current != null) {
      current.finish();
    }
    return true;
  }

  @Override
  public boolean isOpen() {
    lock.lock();
    try {
      return mode != Mode.DONE;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (mode == Mode.STREAMING) {
        awaited = 0;
        endStreamIfAnswered();
      } else if (mode == Mode.COLLECTING && !dispatching) {
        awaited = 0;
        startStream();
      }
    } finally {
      lock.unlock();
    }
  }

  // AsyncListener: the client going away ends this connection but not the calls (2025 revisions).

  @Override
  public void onComplete(AsyncEvent event) {
    cancelTimer();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    onError(event);
  }

  @Override
  public void onError(AsyncEvent event) {
    LOG.debug("session {}: POST connection failed: {}", session.id(), String.valueOf(event.getThrowable()));
    lock.lock();
    try {
      if (mode == Mode.COLLECTING) {
        mode = Mode.DONE; // no stream yet, so nothing can be resumed
        cancelTimer();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}
