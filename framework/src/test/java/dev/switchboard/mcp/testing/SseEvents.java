package dev.switchboard.mcp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Reads an SSE response as it arrives, on a thread of its own, into a queue of events. */
public final class SseEvents implements AutoCloseable {
  /** One event; {@code data} joins data lines with a newline. */
  public record Event(String id, String event, String data) {
    /** A priming event: an id and no data (SEP-1699). */
    public boolean isPriming() {
      return !id.isEmpty() && data.isEmpty();
    }
  }

  /** Marks the end of the stream in the queue. */
  public static final Event END = new Event("", "", "<end>");

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final ReentrantLock commentsLock = new ReentrantLock();
  private final Condition commentArrived = commentsLock.newCondition();
  private int comments;
  private final Thread reader;

  SseEvents(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public static SseEvents of(HttpResponse<InputStream> response) {
    return new SseEvents(response);
  }

  public HttpResponse<InputStream> response() {
    return response;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      parse(in, events, this::commentSeen);
    } catch (IOException | UncheckedIOException e) {
      // stream closed
    } finally {
      events.add(END);
    }
  }

  private static void parse(BufferedReader in, BlockingQueue<Event> out, Runnable comment) throws IOException {
    String id = "";
    String event = "";
    StringBuilder data = null;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          out.add(new Event(id, event, data.toString()));
        }
        id = "";
        event = "";
        data = null;
      } else if (line.startsWith(":")) {
        comment.run();
      } else {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "id" -> id = value;
          case "event" -> event = value;
          case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          default -> { }
        }
      }
    }
  }

  /** Parses a whole SSE body. */
  public static List<Event> parse(String body) {
    BlockingQueue<Event> out = new LinkedBlockingQueue<>();
    try {
      parse(new BufferedReader(new StringReader(body)), out, () -> { });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(out);
  }

  /** The events that carry messages: priming events left out. */
  public static List<Event> messages(List<Event> events) {
    return events.stream().filter(e -> !e.isPriming()).toList();
  }

  /** The next event that carries a message, or null after the timeout; {@link #END} once the stream has ended. */
  public Event nextMessage(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null || !event.isPriming()) {
        return event;
      }
    }
  }

  /** The next event, or null after the timeout; {@link #END} once the stream has ended. */
  public Event next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Events that arrived so far, without waiting. */
  public List<Event> drain() {
    List<Event> list = new ArrayList<>();
    events.drainTo(list);
    return list;
  }

  public int comments() {
    commentsLock.lock();
    try {
      return comments;
    } finally {
      commentsLock.unlock();
    }
  }

  /** Waits until at least {@code count} comments (heartbeats) have arrived; false when the time ran out. */
  public boolean awaitComments(int count, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    commentsLock.lock();
    try {
      while (comments < count) {
        if (nanos <= 0) {
          return false;
        }
        nanos = commentArrived.awaitNanos(nanos);
      }
      return true;
    } finally {
      commentsLock.unlock();
    }
  }

  private void commentSeen() {
    commentsLock.lock();
    try {
      comments++;
      commentArrived.signalAll();
    } finally {
      commentsLock.unlock();
    }
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // ignore
    }
    reader.interrupt();
  }
}
