package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.server.HttpRequestInfo;
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
 * <p>A state machine, every transition made under one lock:
 * <pre>
 *   DISPATCHING --finishDispatch, all answered, nothing else sent--> ANSWERED   (JSON, no async)
 *   DISPATCHING --finishDispatch, answers pending------------------> WAITING    (async, watched for slowness)
 *   DISPATCHING --finishDispatch, something besides answers sent--> STREAMING  (SSE)
 *   WAITING     --last answer----------------------------------------> ANSWERED   (JSON)
 *   WAITING     --a notification or request, slow, disconnect, close-> STREAMING
 *   WAITING     --client gone------------------------------------------> GONE     (nothing can be resumed)
 *   STREAMING   --last answer, or close--------------------------------> ENDED
 * </pre>
 * While dispatching, everything sent is collected; a POST whose requests were all cancelled ends as
 * an empty stream. Once streaming, the stream outlives this POST's connection: if the client goes away,
 * or the server closes the connection to make the client poll, events are logged and the client
 * resumes with {@code Last-Event-ID}; a dropped connection never cancels a call (2025 revisions).
 * No status or header is ever set after the response is committed: only the transitions out of
 * DISPATCHING and WAITING touch them, once.
 */
final class PostExchange implements OutboundChannel, AsyncListener, SlowCalls.Watched {
  private static final Logger LOG = LoggerFactory.getLogger(PostExchange.class);

  /** Where the exchange stands. */
  enum State {
    /** The servlet is still handing the POST's messages to the server; the response is untouched. */
    DISPATCHING,
    /** Async, collecting answers to send as one JSON body. */
    WAITING,
    /** The response is an SSE stream; everything goes on it. */
    STREAMING,
    /** Answered with JSON. Terminal. */
    ANSWERED,
    /** The stream has ended. Terminal. */
    ENDED,
    /** The client went away before any stream existed; later answers are dropped. Terminal. */
    GONE;

    boolean isOver() {
      return this == ANSWERED || this == ENDED || this == GONE;
    }
  }

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
  private final HttpRequestInfo httpRequest;
  private final ReentrantLock lock = new ReentrantLock();

  // Guarded by lock.
  private State state = State.DISPATCHING;
  private final List<JsonRpcMessage> collected = new ArrayList<>(2);
  private int awaited;
  private boolean sentBesidesAnswers;
  private boolean disconnectWhenStreaming;
  private @Nullable AsyncContext async;
  private @Nullable EventStream stream;
  private @Nullable Future<?> pollTimer;

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
    this.httpRequest = CapturedRequest.of(request);
  }

  @Override
  public HttpRequestInfo httpRequest() {
    return httpRequest;
  }

  State state() { // for tests
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean send(JsonRpcMessage message) {
    boolean answer = message instanceof JsonRpcResponse;
    byte[] json;
    lock.lock();
    try {
      if (state.isOver()) {
        return false;
      }
      if (answer) {
        awaited--;
      }
      if (state == State.STREAMING) {
        boolean sent = streamOrNull().send(message);
        endStreamIfAnswered();
        return sent;
      }
      collected.add(message);
      sentBesidesAnswers |= !answer;
      json = state == State.WAITING ? settleWhileWaiting() : null;
    } finally {
      lock.unlock();
    }
    if (json != null) {
      JsonAnswers.write(response, async, json);
    }
    return true;
  }

  @Override
  public void abandon(RequestId id) {
    byte[] json = null;
    lock.lock();
    try {
      if (state.isOver()) {
        return;
      }
      awaited--;
      if (state == State.STREAMING) {
        endStreamIfAnswered();
      } else if (state == State.WAITING) {
        json = settleWhileWaiting();
      }
    } finally {
      lock.unlock();
    }
    if (json != null) {
      JsonAnswers.write(response, async, json);
    }
  }

  /**
   * Called by the servlet once every message of the POST was handed to the server. Answers that are
   * all in by now go out as JSON on the container thread; otherwise the response goes async.
   */
  void finishDispatch() {
    byte[] json = null;
    lock.lock();
    try {
      if (state != State.DISPATCHING) {
        return;
      }
      if (awaited <= 0 && !sentBesidesAnswers && !collected.isEmpty()) {
        state = State.ANSWERED;
        json = jsonBody();
      } else {
        goAsync();
        state = State.WAITING;
        json = settleWhileWaiting();
        if (state == State.WAITING && !slowCalls.watch(this, startedAt)) {
          startStream();
        }
      }
    } finally {
      lock.unlock();
    }
    if (json != null) {
      JsonAnswers.write(response, async, json);
    }
  }

  /**
   * In WAITING, decides whether what was collected settles the exchange: anything but answers means a
   * stream; all answers in means JSON (returned, to be written outside the lock); no answers at all
   * (every request cancelled) means an empty stream that ends the POST without one.
   */
  private byte @Nullable [] settleWhileWaiting() {
    if (sentBesidesAnswers || disconnectWhenStreaming) {
      startStream();
      return null;
    }
    if (awaited > 0) {
      return null;
    }
    if (collected.isEmpty()) {
      startStream();
      return null;
    }
    state = State.ANSWERED;
    slowCalls.forget(this);
    return jsonBody();
  }

  @Override
  public boolean disconnect() {
    lock.lock();
    try {
      if (state.isOver() || !settings.resumable() || !session.protocolVersion().atLeast(ProtocolVersion.V2025_11_25)) {
        return false;
      }
      if (state == State.DISPATCHING) {
        // The handler outran the servlet: the stream starts, and disconnects, once dispatch is over.
        disconnectWhenStreaming = true;
        return true;
      }
      if (state == State.WAITING) {
        disconnectWhenStreaming = true;
        startStream();
        return true;
      }
      return streamOrNull().disconnect();
    } finally {
      lock.unlock();
    }
  }

  /** A call that runs long gets an SSE stream, whose heartbeats keep proxies and idle timeouts away. */
  @Override
  public void upgradeIfSlow() {
    lock.lock();
    try {
      if (state == State.WAITING) {
        startStream();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isOpen() {
    lock.lock();
    try {
      return !state.isOver();
    } finally {
      lock.unlock();
    }
  }

  /** The session ended: nothing more will be answered, so the exchange ends now. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (state == State.STREAMING) {
        awaited = 0;
        endStreamIfAnswered();
      } else if (state == State.WAITING) {
        awaited = 0;
        startStream(); // ends at once: an empty stream closes the POST without an answer
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- transitions' side effects, under the lock (JsonAnswers.write runs outside it: it may block)

  private byte[] jsonBody() {
    byte[] json = JsonAnswers.body(codec, collected, batch);
    collected.clear();
    return json;
  }

  private AsyncContext goAsync() {
    AsyncContext context = SseConnection.startAsync(request, response);
    context.addListener(this);
    async = context;
    return context;
  }

  /** WAITING to STREAMING: switches to SSE and writes what was collected. */
  private void startStream() {
    slowCalls.forget(this);
    AsyncContext context = async != null ? async : goAsync();
    SessionStreams streams = SessionStreams.of(session);
    EventLog log = streams.log(settings);
    EventStream events = new EventStream(streams, streams.nextNumber(), codec, log,
        settings.reconnectDelay().toMillis(), 0, false);
    SseConnection connection;
    try {
      connection = SseConnection.prepare(context, response, settings, open, events::connectionEnded);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not open a stream: {}", e.toString());
      state = State.GONE;
      context.complete();
      return;
    }
    stream = events;
    state = State.STREAMING;
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
    Duration pollingInterval = settings.pollingInterval();
    if (disconnectWhenStreaming) {
      events.disconnect();
    } else if (polling && pollingInterval != null && log != null) {
      pollTimer = time.schedule(events::disconnect, pollingInterval);
    }
  }

  /** STREAMING to ENDED once every request of the POST has its answer (or was cancelled). */
  private boolean endStreamIfAnswered() {
    if (awaited > 0) {
      return false;
    }
    state = State.ENDED;
    cancelPollTimer();
    streamOrNull().finish();
    return true;
  }

  private EventStream streamOrNull() {
    EventStream current = stream;
    if (current == null) {
      throw new IllegalStateException("streaming without a stream");
    }
    return current;
  }

  private void cancelPollTimer() {
    Future<?> current = pollTimer;
    if (current != null) {
      current.cancel(false);
    }
  }

  // AsyncListener: the client going away ends this connection but not the calls (2025 revisions).

  @Override
  public void onComplete(AsyncEvent event) {
    slowCalls.forget(this);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    onError(event);
  }

  @Override
  public void onError(AsyncEvent event) {
    LOG.debug("POST connection failed: {}", String.valueOf(event.getThrowable()));
    lock.lock();
    try {
      if (state == State.WAITING) {
        state = State.GONE; // no stream yet, so nothing can be resumed
        slowCalls.forget(this);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}
