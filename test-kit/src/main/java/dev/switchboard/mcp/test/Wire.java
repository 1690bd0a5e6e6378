package dev.switchboard.mcp.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The HTTP side of the kit: sends one request, reads its response as it arrives (an event stream
 * event by event), never longer than a deadline, and records what went over the wire as an
 * {@link Exchange}.
 */
final class Wire {
  static final String ACCEPT_BOTH = "application/json, text/event-stream";
  private static final int KEPT_BODY = 8 << 20;

  /** Closes streams whose deadline passed: the thread reading them then stops at once. */
  private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "switchboard-test-deadlines");
    thread.setDaemon(true);
    return thread;
  });

  private final HttpClient http;
  private final URI uri;
  private final Map<String, String> extraHeaders;
  private final Consumer<Exchange> record;

  Wire(HttpClient http, URI uri, Map<String, String> extraHeaders, Consumer<Exchange> record) {
    this.http = http;
    this.uri = uri;
    this.extraHeaders = Map.copyOf(extraHeaders);
    this.record = record;
  }

  URI uri() {
    return uri;
  }

  static HttpClient newHttpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Sends a POST with a JSON body; the reply is open until read to its end or closed. */
  Reply post(String body, Map<String, String> headers, long deadlineNanos) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Content-Type", "application/json");
    all.put("Accept", ACCEPT_BOTH);
    all.putAll(headers);
    return send("POST", body, all, deadlineNanos);
  }

  /** Opens a GET stream. */
  Reply get(Map<String, String> headers, long deadlineNanos) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Accept", "text/event-stream");
    all.putAll(headers);
    return send("GET", "", all, deadlineNanos);
  }

  /** Sends a DELETE and reads its (empty) reply. */
  Exchange delete(Map<String, String> headers, long deadlineNanos) {
    try (Reply reply = send("DELETE", "", headers, deadlineNanos)) {
      reply.readBody();
      return reply.finish("");
    }
  }

  private Reply send(String method, String body, Map<String, String> headers, long deadlineNanos) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    extraHeaders.forEach(all::putIfAbsent);
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    all.forEach(builder::header);
    builder.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    Map<String, List<String>> shown = new LinkedHashMap<>();
    all.forEach((name, value) -> shown.put(name, List.of(value)));
    return new Reply(method, shown, body, builder.build(), deadlineNanos);
  }

  /** A response being read: status and headers first, then the body or its events. */
  final class Reply implements AutoCloseable {
    private final String method;
    private final Map<String, List<String>> requestHeaders;
    private final String requestBody;
    private final long started = System.nanoTime();
    private final CompletableFuture<HttpResponse<InputStream>> pending;
    private final List<Exchange.Event> events = new ArrayList<>();
    private final StringBuilder raw = new StringBuilder();
    private volatile boolean aborted;
    private volatile boolean timedOut;
    private HttpResponse<InputStream> response;
    private BufferedReader lines;
    private ScheduledFuture<?> watchdog;
    private Exchange finished;
    private String retry = "";

    Reply(String method, Map<String, List<String>> requestHeaders, String requestBody, HttpRequest request,
        long deadlineNanos) {
      this.method = method;
      this.requestHeaders = requestHeaders;
      this.requestBody = requestBody;
      this.pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
      long remaining = Math.max(1, deadlineNanos - System.nanoTime());
      this.watchdog = TIMERS.schedule(() -> {
        timedOut = true;
        cut();
      }, remaining, TimeUnit.NANOSECONDS);
      try {
        this.response = pending.get(remaining + TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pending.cancel(true);
        throw new WireException(finish("interrupted while waiting for the response"), e);
      } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
        pending.cancel(true);
        String why = aborted ? "cancelled by the test"
            : timedOut || e instanceof TimeoutException ? "no response within the time allowed"
            : "the request failed: " + (e.getCause() == null ? e : e.getCause());
        throw new WireException(finish(why), e);
      }
      if (aborted || timedOut) {
        cut();
      }
    }

    int status() {
      return response.statusCode();
    }

    URI uri() {
      return uri;
    }

    Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    boolean isEventStream() {
      return header("Content-Type").map(type -> type.toLowerCase(java.util.Locale.ROOT)
          .startsWith("text/event-stream")).orElse(false);
    }

    boolean timedOut() {
      return timedOut;
    }

    boolean aborted() {
      return aborted;
    }

    /** The {@code retry:} the stream asked for, or empty. */
    String retry() {
      return retry;
    }

    /** Reads the whole body (of a response that is not a stream). */
    String readBody() {
      try (InputStream in = response.body()) {
        byte[] bytes = in.readAllBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        keep(text);
        return text;
      } catch (IOException e) {
        return raw.toString();
      }
    }

    /** The next event of a stream, or null at its end (or once it was cut). */
    Exchange.Event nextEvent() {
      if (lines == null) {
        lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
      }
      String id = "";
      String type = "";
      StringBuilder data = null;
      boolean any = false;
      try {
        String line;
        while ((line = lines.readLine()) != null) {
          keep(line);
          keep("\n");
          if (line.isEmpty()) {
            if (any) {
              Exchange.Event event = new Exchange.Event(id, type, data == null ? "" : data.toString());
              events.add(event);
              return event;
            }
            continue;
          }
          if (line.startsWith(":")) {
            continue; // a comment: a heartbeat
          }
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> {
              id = value;
              any = true;
            }
            case "event" -> {
              type = value;
              any = true;
            }
            case "data" -> {
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
              any = true;
            }
            case "retry" -> retry = value;
            default -> { }
          }
        }
      } catch (IOException e) {
        return null;
      }
      return null;
    }

    private void keep(String text) {
      if (raw.length() < KEPT_BODY) {
        raw.append(text, 0, Math.min(text.length(), KEPT_BODY - raw.length()));
      }
    }

    /** Stops reading from another thread: the reading thread sees the end of the stream. */
    void abort() {
      aborted = true;
      cut();
    }

    private void cut() {
      pending.cancel(true);
      HttpResponse<InputStream> current = response;
      if (current != null) {
        try {
          current.body().close();
        } catch (IOException e) {
          // closed already
        }
      }
    }

    /** Ends the exchange, records it once, and returns it. */
    synchronized Exchange finish(String note) {
      if (finished != null) {
        return finished;
      }
      watchdog.cancel(false);
      String why = note;
      if (why.isEmpty() && timedOut) {
        why = "stopped reading: the time allowed ran out";
      } else if (why.isEmpty() && aborted) {
        why = "closed by the client";
      }
      Map<String, List<String>> headers = response == null ? Map.of() : response.headers().map();
      finished = new Exchange(method, uri, requestHeaders, requestBody, response == null ? 0 : response.statusCode(),
          headers, raw.toString(), events, Duration.ofNanos(System.nanoTime() - started), why);
      record.accept(finished);
      return finished;
    }

    /** Ends the exchange (without a note unless it was cut) and closes the connection's stream. */
    @Override
    public void close() {
      finish("");
      cut();
    }
  }

  /** A request that got no response: carries what was sent. */
  static final class WireException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Exchange exchange;

    WireException(Exchange exchange, Throwable cause) {
      super(exchange.note() + "\n" + exchange, cause);
      this.exchange = exchange;
    }

    Exchange exchange() {
      return exchange;
    }
  }
}
