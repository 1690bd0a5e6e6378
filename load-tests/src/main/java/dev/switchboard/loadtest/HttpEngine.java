package dev.switchboard.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A small HTTP/1.1 client on one selector thread: keep-alive connections, one request at a time per
 * connection, Content-Length and chunked bodies. Everything that happens to a connection, the
 * agents' logic included, runs on the engine thread, so the load generator costs little CPU and its
 * cost can be measured exactly (one thread).
 */
final class HttpEngine implements AutoCloseable {
  /** A complete response. */
  record Response(int status, String contentType, String sessionId, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Told how a request ended; runs on the engine thread. */
  interface Handler {
    void onResponse(Response response);

    void onFailure(Exception failure);

    /** For streams that never end: called when the headers arrived; the body is then discarded. */
    default boolean streaming() {
      return false;
    }

    default void onHeaders(int status) {}
  }

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** Only touched on the engine thread. */
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long timerSequence;
  private final AtomicBoolean running = new AtomicBoolean(true);
  /** A request unanswered for this long fails, so a stalled server shows up as errors, not a hang. */
  private final long requestTimeoutNanos = TimeUnit.SECONDS.toNanos(30);
  private long nextTimeoutSweep = System.nanoTime();
  private final AtomicLong uncaughtFailures = new AtomicLong();
  private volatile String firstUncaught;
  private volatile long threadId;

  HttpEngine(String name) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
    threadId = thread.getId();
  }

  long threadId() {
    return threadId;
  }

  boolean onEngineThread() {
    return Thread.currentThread() == thread;
  }

  /** Runs a task on the engine thread. */
  void execute(Runnable task) {
    if (onEngineThread()) {
      task.run();
      return;
    }
    tasks.add(task);
    selector.wakeup();
  }

  /** Runs a task on the engine thread and waits for its result: how other threads read engine state. */
  <T> T call(Supplier<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    execute(() -> {
      try {
        result.complete(task.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    });
    return result.orTimeout(2, TimeUnit.MINUTES).join();
  }

  /** Runs a task on the engine thread after a delay. */
  void schedule(long delay, TimeUnit unit, Runnable task) {
    long due = System.nanoTime() + unit.toNanos(delay);
    execute(() -> timers.add(new Timer(due, timerSequence++, task)));
  }

  private record Timer(long due, long sequence, Runnable task) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      int byDue = Long.compare(due, other.due);
      return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }
  }

  /** Opens a connection; {@code onOpen} runs on the engine thread once it is connected. */
  void connect(InetSocketAddress address, Consumer<Connection> onOpen,
      Consumer<Exception> onFailure) {
    execute(() -> {
      try {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(channel, onOpen, onFailure);
        if (channel.connect(address)) {
          connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
          connection.connected = true;
          onOpen.accept(connection);
        } else {
          connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
        }
      } catch (IOException e) {
        onFailure.accept(e);
      }
    });
  }

  /**
   * Sends on {@code lanes[lane]}, first connecting (and keeping the new connection in that slot)
   * when there is none or the last one closed: how agents and the session opener reuse connections.
   * Engine thread only.
   */
  void send(Connection[] lanes, int lane, InetSocketAddress address, byte[] request, Handler handler) {
    Connection connection = lanes[lane];
    if (connection != null && connection.isOpen()) {
      connection.send(request, handler);
      return;
    }
    connect(address, opened -> {
      lanes[lane] = opened;
      opened.send(request, handler);
    }, handler::onFailure);
  }

  private void loop() {
    while (running.get()) {
      try {
        Timer next = timers.peek();
        long wait = next == null ? 100 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next.due - System.nanoTime()));
        selector.select(Math.min(wait, 100));
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
          runSafely(task);
        }
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().due - now <= 0) {
          runSafely(timers.poll().task);
        }
        if (now - nextTimeoutSweep > 0) {
          nextTimeoutSweep = now + TimeUnit.SECONDS.toNanos(1);
          failStalledRequests(now);
        }
        var keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Connection connection = (Connection) key.attachment();
          if (!key.isValid()) {
            continue;
          }
          try {
            if (key.isConnectable()) {
              connection.finishConnect();
            } else {
              if (key.isWritable()) {
                connection.flush();
              }
              if (key.isValid() && key.isReadable()) {
                connection.read();
              }
            }
          } catch (IOException e) {
            connection.fail(e);
          } catch (RuntimeException | Error e) {
            uncaught(e);
            connection.fail(new IOException("load driver failure: " + e, e));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Fails connects, and requests (streams until their headers), that have waited too long. */
  private void failStalledRequests(long now) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(requestTimeoutNanos);
    for (SelectionKey key : selector.keys()) {
      if (!(key.attachment() instanceof Connection connection)) {
        continue;
      }
      if (!connection.connected && now - connection.connectStartedAt > requestTimeoutNanos) {
        connection.failConnect(new IOException("not connected within " + seconds + " s"));
      } else if (connection.handler != null && now - connection.sentAt > requestTimeoutNanos
          && (!connection.handler.streaming() || !connection.parser.headersDone())) {
        connection.fail(new IOException("no response within " + seconds + " s"));
      }
    }
  }

  /**
   * A bug in the harness (an exception from a callback) must not kill the engine thread, which
   * would hang every caller; it is counted, and the run that sees it is not clean.
   */
  private void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      uncaught(e);
    }
  }

  private void uncaught(Throwable failure) {
    if (uncaughtFailures.getAndIncrement() == 0) {
      firstUncaught = failure.toString();
      failure.printStackTrace();
    }
  }

  /** How many exceptions escaped the harness's callbacks; see {@link #firstUncaught()}. */
  long uncaughtFailures() {
    return uncaughtFailures.get();
  }

  String firstUncaught() {
    return firstUncaught;
  }

  @Override
  public void close() {
    running.set(false);
    selector.wakeup();
    try {
      thread.join(2_000);
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
      selector.close();
    } catch (IOException | InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One keep-alive connection with at most one request in flight. */
  final class Connection {
    private final SocketChannel channel;
    private final Consumer<Connection> onOpen;
    private final Consumer<Exception> onOpenFailure;
    private SelectionKey key;
    private ByteBuffer out;
    private Handler handler;
    private long sentAt;
    private final long connectStartedAt = System.nanoTime();
    private boolean connected;
    private final ResponseParser parser = new ResponseParser();
    private boolean closed;

    private Connection(SocketChannel channel, Consumer<Connection> onOpen,
        Consumer<Exception> onOpenFailure) {
      this.channel = channel;
      this.onOpen = onOpen;
      this.onOpenFailure = onOpenFailure;
    }

    private void finishConnect() throws IOException {
      try {
        channel.finishConnect();
      } catch (IOException e) {
        failConnect(e);
        return;
      }
      connected = true;
      key.interestOps(SelectionKey.OP_READ);
      onOpen.accept(this);
    }

    private void failConnect(IOException failure) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
      onOpenFailure.accept(failure);
    }

    boolean isOpen() {
      return !closed;
    }

    /** Sends a request; must be called on the engine thread, with no request in flight. */
    void send(byte[] request, Handler responseHandler) {
      if (closed) {
        responseHandler.onFailure(new IOException("connection closed"));
        return;
      }
      handler = responseHandler;
      sentAt = System.nanoTime();
      parser.expectResponse();
      out = ByteBuffer.wrap(request);
      try {
        flush();
      } catch (IOException e) {
        fail(e);
      }
    }

    private void flush() throws IOException {
      channel.write(out);
      key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read() throws IOException {
      int read = channel.read(parser.readBuffer());
      if (read < 0) {
        fail(new IOException("the server closed the connection"));
        return;
      }
      parser.bytesRead(read);
      while (handler != null) {
        if (!parser.headersDone()) {
          if (!parser.parseHeaders()) {
            return;
          }
          handler.onHeaders(parser.status());
          if (handler == null) {
            return; // the handler closed the connection
          }
        }
        if (handler.streaming()) {
          parser.discardBody();
          return;
        }
        Response response = parser.response();
        if (response == null) {
          return;
        }
        Handler done = handler;
        handler = null;
        if (parser.closeAfterResponse()) {
          close();
        }
        done.onResponse(response);
      }
    }

    void fail(Exception failure) {
      boolean wasOpen = !closed;
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
      Handler pending = handler;
      handler = null;
      if (pending != null && wasOpen) {
        pending.onFailure(failure);
      }
    }

    void close() {
      closed = true;
      handler = null;
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
