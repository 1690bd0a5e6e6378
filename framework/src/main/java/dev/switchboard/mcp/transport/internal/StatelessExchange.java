package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.server.HttpRequestInfo;
import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.server.internal.OutboundChannel;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response to one request of a stateless revision (2026-07-28): its answer as JSON, or, once a
 * notification about the request is sent or the call runs long, an SSE stream that ends with the
 * answer. Unlike a session's stream it has no event ids and cannot be resumed, it never carries a
 * request to the client, and the client closing it cancels the call.
 *
 * <pre>
 *   DISPATCHING --finishDispatch, answered, nothing else sent-> ANSWERED  (JSON, no async)
 *   DISPATCHING --finishDispatch, otherwise------------------> WAITING (async) or STREAMING
 *   WAITING     --the answer---------------------------------> ANSWERED  (JSON)
 *   WAITING     --a notification, or slow-------------------> STREAMING
 *   WAITING     --client gone---------------------------------> GONE     (the call is cancelled)
 *   STREAMING   --the answer, or the call abandoned------------> ENDED
 *   STREAMING   --client gone---------------------------------> GONE     (the call is cancelled)
 * </pre>
 */
final class StatelessExchange implements OutboundChannel, AsyncListener, SlowCalls.Watched {
  private static final Logger LOG = LoggerFactory.getLogger(StatelessExchange.class);

  enum State {
    DISPATCHING, WAITING, STREAMING, ANSWERED, ENDED, GONE;

    boolean isOver() {
      return this == ANSWERED || this == ENDED || this == GONE;
    }
  }

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final JsonRpcCodec codec;
  private final TransportSettings settings;
  private final TimeSource time;
  private final SlowCalls slowCalls;
  private final OpenConnections open;
  private final Runnable clientGone;
  private final long startedAt;
  private final HttpRequestInfo httpRequest;
  private final ReentrantLock lock = new ReentrantLock();

  // Guarded by lock.
  private State state = State.DISPATCHING;
  private final List<JsonRpcMessage> collected = new ArrayList<>(2);
  private @Nullable JsonRpcResponse answer;
  private boolean abandoned;
  private @Nullable AsyncContext async;
  private @Nullable SseConnection connection;

  /**
   * @param clientGone cancels the call when the client closes the response before its answer
   */
  StatelessExchange(HttpServletRequest request, HttpServletResponse response, JsonRpcCodec codec,
      TransportSettings settings, Timers timers, OpenConnections open, Runnable clientGone) {
    this.request = request;
    this.response = response;
    this.codec = codec;
    this.settings = settings;
    this.time = timers.time();
    this.slowCalls = timers.slowCalls();
    this.open = open;
    this.clientGone = clientGone;
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

  /**
   * The HTTP status of a JSON answer: 2026-07-28 gives some errors their own (404 for an unknown
   * method; 400 for header, capability and version errors).
   */
  static int statusOf(JsonRpcResponse answer) {
    JsonRpcError error = answer.error();
    if (error == null) {
      return HttpServletResponse.SC_OK;
    }
    return switch (error.code()) {
      case ErrorCodes.METHOD_NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
      case ErrorCodes.HEADER_MISMATCH, ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
          ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION -> HttpServletResponse.SC_BAD_REQUEST;
      default -> HttpServletResponse.SC_OK;
    };
  }

  @Override
  public boolean send(JsonRpcMessage message) {
    if (message instanceof JsonRpcRequest sent) {
      // 2026-07-28 asks the client only through multi-round results, never on a stream.
      LOG.warn("dropped a request to the client ({}) on a stateless response", sent.method());
      return false;
    }
    JsonRpcResponse json = null;
    lock.lock();
    try {
      switch (state) {
        case DISPATCHING -> {
          record(message);
          return true;
        }
        case WAITING -> {
          record(message);
          if (answer != null && collected.isEmpty()) {
            state = State.ANSWERED;
            slowCalls.forget(this);
            json = answer;
          } else {
            startStream();
          }
        }
        case STREAMING -> {
          boolean sent = write(message);
          if (message instanceof JsonRpcResponse) {
            endStream();
          }
          return sent;
        }
        default -> {
          return false;
        }
      }
    } finally {
      lock.unlock();
    }
    if (json != null) {
      JsonAnswers.write(response, async, statusOf(json), Encoding.encode(codec, json));
    }
    return true;
  }

  private void record(JsonRpcMessage message) {
    if (message instanceof JsonRpcResponse response) {
      answer = response;
    } else {
      collected.add(message);
    }
  }

  /** The call was cancelled: nothing more goes out for it. */
  @Override
  public void abandon(RequestId id) {
    lock.lock();
    try {
      abandoned = true;
      if (state == State.WAITING) {
        state = State.GONE;
        slowCalls.forget(this);
        completeQuietly();
      } else if (state == State.STREAMING) {
        endStream();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called by the servlet once the request was handed to the server. */
  void finishDispatch() {
    JsonRpcResponse json = null;
    lock.lock();
    try {
      if (state != State.DISPATCHING) {
        return;
      }
      if (answer != null && collected.isEmpty()) {
        state = State.ANSWERED;
        json = answer;
      } else if (abandoned) {
        state = State.GONE;
      } else {
        async = SseConnection.startAsync(request, response);
        async.addListener(this);
        state = State.WAITING;
        if (!collected.isEmpty() || answer != null || !slowCalls.watch(this, startedAt)) {
          startStream();
        }
      }
    } finally {
      lock.unlock();
    }
    if (json != null) {
      JsonAnswers.write(response, null, statusOf(json), Encoding.encode(codec, json));
    }
  }

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

  /** The server ends the request without an answer (it is shutting down). */
  @Override
  public void close() {
    abandon(RequestId.of(0));
  }

  // ---- under the lock

  /** WAITING to STREAMING: SSE headers, then what was collected, the answer last. */
  private void startStream() {
    slowCalls.forget(this);
    AsyncContext context = async;
    if (context == null) {
      throw new IllegalStateException("streaming before going async");
    }
    SseConnection sse;
    try {
      sse = SseConnection.prepare(context, response, settings, open, this::connectionEnded);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not open a stream: {}", e.toString());
      state = State.GONE;
      completeQuietly();
      clientGone.run();
      return;
    }
    connection = sse;
    state = State.STREAMING;
    for (JsonRpcMessage message : collected) {
      write(message);
    }
    collected.clear();
    sse.start(time, settings.heartbeatInterval());
    JsonRpcResponse last = answer;
    if (last != null) {
      write(last);
      endStream();
    }
  }

  private boolean write(JsonRpcMessage message) {
    SseConnection current = connection;
    byte[] json = Encoding.encode(codec, message);
    return current != null && json != null && current.send(SseWriter.jsonEvent(null, json));
  }

  private void endStream() {
    state = State.ENDED;
    SseConnection current = connection;
    if (current != null) {
      current.close();
    }
  }

  private void completeQuietly() {
    AsyncContext context = async;
    if (context != null) {
      try {
        context.complete();
      } catch (IllegalStateException e) {
        // completed already by the container
      }
    }
  }

  /** The SSE connection ended: by us after the answer, or by the client (which cancels the call). */
  private void connectionEnded(SseConnection ended) {
    boolean gone;
    lock.lock();
    try {
      gone = state == State.STREAMING;
      if (gone) {
        state = State.GONE;
      }
    } finally {
      lock.unlock();
    }
    if (gone) {
      LOG.debug("the client closed the stream of a stateless request; cancelling it");
      clientGone.run();
    }
  }

  // AsyncListener: in 2026-07-28, a client that goes away cancels its request.

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
    boolean gone;
    lock.lock();
    try {
      gone = state == State.WAITING;
      if (gone) {
        state = State.GONE;
        slowCalls.forget(this);
      }
    } finally {
      lock.unlock();
    }
    if (gone) {
      clientGone.run();
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}
