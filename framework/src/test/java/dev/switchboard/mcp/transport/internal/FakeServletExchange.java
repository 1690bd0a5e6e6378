package dev.switchboard.mcp.transport.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request and response as a container would hand them to the servlet, small enough to drive the
 * POST exchange's state machine by hand: a non-blocking output whose readiness the test controls, an
 * async context that records its completion, and a response that records every status and header set.
 */
final class FakeServletExchange {
  /** An output stream that accepts writes only while the test says it is ready, as a slow client would. */
  static final class Output extends ServletOutputStream {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private volatile boolean ready = true;
    private volatile WriteListener listener;
    private volatile boolean failing;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
      this.listener = writeListener;
      if (ready) {
        try {
          writeListener.onWritePossible();
        } catch (IOException e) {
          writeListener.onError(e);
        }
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (failing) {
        throw new IOException("broken pipe");
      }
      synchronized (written) {
        written.write(bytes, offset, length);
      }
    }

    /** The client reads again: the container calls the listener back. */
    void becomeReady() throws IOException {
      ready = true;
      WriteListener current = listener;
      if (current != null) {
        current.onWritePossible();
      }
    }

    void stall() {
      ready = false;
    }

    void breakPipe() {
      failing = true;
    }

    String text() {
      synchronized (written) {
        return written.toString(StandardCharsets.UTF_8);
      }
    }
  }

  final Output output = new Output();
  final Map<String, String> headers = new LinkedHashMap<>();
  final Map<String, Object> attributes = new java.util.concurrent.ConcurrentHashMap<>();
  final List<Integer> statuses = new ArrayList<>();
  final List<AsyncListener> listeners = new ArrayList<>();
  volatile boolean asyncStarted;
  volatile boolean completed;
  volatile boolean committed;
  volatile String contentType;

  final HttpServletRequest request;
  final HttpServletResponse response;
  private final AsyncContext async;

  FakeServletExchange() {
    response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
          case "setStatus" -> {
            if (committed) {
              throw new IllegalStateException("status set after the response was committed");
            }
            statuses.add((Integer) args[0]);
            yield null;
          }
          case "setContentType" -> {
            contentType = (String) args[0];
            yield null;
          }
          case "setHeader" -> {
            headers.put((String) args[0], (String) args[1]);
            yield null;
          }
          case "setContentLength" -> null;
          case "getOutputStream" -> {
            committed = true;
            yield output;
          }
          case "isCommitted" -> committed;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException("response." + method.getName());
        });
    async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncContext.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "setTimeout" -> null;
          case "addListener" -> {
            listeners.add((AsyncListener) args[0]);
            yield null;
          }
          case "complete" -> {
            completed = true;
            yield null;
          }
          case "getRequest" -> FakeServletExchange.this.request;
          case "getResponse" -> FakeServletExchange.this.response;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException("async." + method.getName());
        });
    request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "startAsync" -> {
            asyncStarted = true;
            yield async;
          }
          case "getHeaderNames" -> Collections.enumeration(List.of("Accept", "X-Tenant"));
          case "getHeaders" -> Collections.enumeration(
              "X-Tenant".equals(args[0]) ? List.of("acme") : List.of("application/json, text/event-stream"));
          case "getRemoteAddr" -> "127.0.0.1";
          case "getAttribute" -> attributes.get(args[0]);
          case "setAttribute" -> attributes.put((String) args[0], args[1]);
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException("request." + method.getName());
        });
  }

  /** The container reports that the client went away. */
  void clientGone() {
    AsyncEvent event = new AsyncEvent(async, (ServletRequest) request, (ServletResponse) response,
        new IOException("connection reset"));
    for (AsyncListener listener : listeners) {
      try {
        listener.onError(event);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
