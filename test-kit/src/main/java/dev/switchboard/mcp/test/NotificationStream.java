package dev.switchboard.mcp.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A stream of the server's notifications, from {@link McpTestClient#listen(String...)}: a session's
 * GET stream, or a 2026-07-28 {@code subscriptions/listen} response. It is read on a thread of its
 * own as events arrive; the test waits for what it expects. Close it when done.
 */
public final class NotificationStream implements AutoCloseable {
  private static final JsonNode END = Json.object().put("method", "(the stream ended)");
  private final Wire.Reply reply;
  private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
  private final List<JsonNode> received = new ArrayList<>();
  private final Thread reader;
  private volatile Exchange exchange;

  private NotificationStream(Wire.Reply reply) {
    this.reply = reply;
    this.reader = new Thread(this::read, "switchboard-test-notifications");
    reader.setDaemon(true);
  }

  static NotificationStream open(Wire.Reply reply, boolean acknowledged, Duration timeout) {
    if (reply.status() != 200 || !reply.isEventStream()) {
      reply.readBody();
      Exchange failed = reply.finish("");
      JsonNode error = failed.messages().stream().filter(m -> m.has("error")).findFirst()
          .map(m -> m.get("error")).orElse(null);
      throw new McpResponseException("listening", failed.status(),
          error == null ? McpResponseException.NO_CODE : error.path("code").asInt(),
          error == null ? "no event stream" : error.path("message").asString(""), error == null ? null
              : error.get("data"), List.of(failed));
    }
    NotificationStream stream = new NotificationStream(reply);
    stream.reader.start();
    if (acknowledged) {
      JsonNode first = stream.poll(timeout);
      if (first == null || !"notifications/subscriptions/acknowledged".equals(first.path("method").asString(""))) {
        stream.close();
        throw McpAssertions.failure("subscriptions/listen was not acknowledged first (got "
            + (first == null ? "nothing" : first) + ")", List.of(stream.exchange()));
      }
    }
    return stream;
  }

  private void read() {
    try {
      for (Exchange.Event event = reply.nextEvent(); event != null; event = reply.nextEvent()) {
        if (!event.hasData()) {
          continue;
        }
        try {
          JsonNode message = Json.parse(event.data());
          synchronized (received) {
            received.add(message);
          }
          queue.add(message);
        } catch (IllegalArgumentException e) {
          // not a message
        }
      }
    } finally {
      exchange = reply.finish("");
      queue.add(END);
    }
  }

  private JsonNode poll(Duration timeout) {
    try {
      JsonNode next = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (next == END) {
        queue.add(END);
        return null;
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * The next notification.
   *
   * @param timeout how long to wait
   * @return the message
   * @throws AssertionError when none arrives in time, or the stream ends
   */
  public JsonNode next(Duration timeout) {
    JsonNode next = poll(timeout);
    if (next == null) {
      throw McpAssertions.failure("no notification within " + timeout.toMillis() + " ms; received so far: "
          + received(), List.of(snapshot()));
    }
    return next.deepCopy();
  }

  /**
   * Waits for a notification of a method, passing over the others.
   *
   * @param method such as {@code notifications/tools/list_changed}
   * @param timeout how long to wait in all
   * @return the message
   * @throws AssertionError when none arrives in time
   */
  public JsonNode await(String method, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode next = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (next == null) {
        throw McpAssertions.failure("no " + method + " within " + timeout.toMillis() + " ms; received: "
            + received(), List.of(snapshot()));
      }
      if (method.equals(next.path("method").asString(""))) {
        return next.deepCopy();
      }
    }
  }

  /**
   * Waits for {@code notifications/resources/updated} of a resource, passing over the others.
   *
   * @param uri the resource's URI
   * @param timeout how long to wait in all
   * @return the message
   * @throws AssertionError when none arrives in time
   */
  public JsonNode awaitResourceUpdated(String uri, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode next = await("notifications/resources/updated",
          Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (uri.equals(next.at("/params/uri").asString(""))) {
        return next;
      }
    }
  }

  /**
   * Checks that nothing arrives for a while.
   *
   * @param quiet how long to listen
   * @throws AssertionError when a notification arrives
   */
  public void expectNothing(Duration quiet) {
    JsonNode next = poll(quiet);
    if (next != null) {
      throw McpAssertions.failure("expected no notification for " + quiet.toMillis() + " ms, got " + next,
          List.of(snapshot()));
    }
  }

  /**
   * Every message the stream carried so far (an acknowledgement included).
   *
   * @return copies, in order
   */
  public List<JsonNode> received() {
    synchronized (received) {
      return received.stream().map(JsonNode::deepCopy).toList();
    }
  }

  /**
   * The stream's exchange: complete once it is closed or ended, else what arrived so far.
   *
   * @return the exchange
   */
  public Exchange exchange() {
    Exchange ended = exchange;
    return ended != null ? ended : snapshot();
  }

  private Exchange snapshot() {
    Exchange ended = exchange;
    if (ended != null) {
      return ended;
    }
    List<Exchange.Event> events = new ArrayList<>();
    for (JsonNode message : received()) {
      events.add(new Exchange.Event("", "", Json.compact(message)));
    }
    return new Exchange("GET", reply.uri(), java.util.Map.of(), "", reply.status(),
        java.util.Map.of("content-type", List.of("text/event-stream")), "", events, Duration.ZERO,
        "still open: the events so far");
  }

  /** Closes the stream: the server sees the connection end. */
  @Override
  public void close() {
    reply.abort();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
