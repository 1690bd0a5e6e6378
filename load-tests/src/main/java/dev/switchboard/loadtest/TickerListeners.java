package dev.switchboard.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster's notification check. Listener sessions opened through the balancer (so spread over
 * the nodes), each subscribed to {@code mem://ticker} with its GET stream open; then {@code poke}
 * calls without a session (2026-07-28, round-robin over the nodes). Each poke must reach every stream
 * exactly once wherever its session lives: the node that runs the poke tells its own streams, the
 * fleet's change channel the other nodes'. With java.net.http rather than the load driver: nothing
 * here is timed, and a stream's events must be read, not discarded.
 */
final class TickerListeners implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(10);
  /** Once every stream has all it should, how long a duplicate gets to show up. */
  private static final Duration DUPLICATE_WAIT = Duration.ofSeconds(1);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final String revision;
  private final String meta = Wire.statelessMeta(Wire.STATELESS_REVISION);
  private final List<Listener> listeners = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private long nextPoke = 1;
  private int reopened;
  private int lost;

  /**
   * One check: every poke answered must have reached every stream once.
   *
   * @param streams the listeners' streams
   * @param pokes the pokes answered
   * @param pokesByNode which nodes ran them
   * @param expected streams × pokes
   * @param delivered updates that reached a stream that was still owed one
   * @param duplicates updates beyond one per poke on a stream
   * @param reopened streams that had closed (their node died) and were opened again since the last check
   * @param lost listener sessions no node knew any longer (404) when their stream was reopened
   * @param failures what went wrong opening sessions and streams, and pokes not answered
   */
  record Check(int streams, int pokes, Map<String, Integer> pokesByNode, long expected, long delivered,
      long duplicates, int reopened, int lost, List<String> failures) {
    boolean exactlyOnce() {
      return delivered == expected && duplicates == 0 && failures.isEmpty();
    }
  }

  TickerListeners(URI endpoint, String sessionRevision) {
    this.endpoint = endpoint;
    this.revision = sessionRevision;
  }

  /** Opens {@code count} listener sessions, each subscribed with its stream open; failures are kept for the check. */
  void open(int count) throws InterruptedException {
    List<CompletableFuture<Integer>> streams = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Listener listener = new Listener();
      listeners.add(listener);
      streams.add(subscribe(listener));
    }
    for (CompletableFuture<Integer> stream : streams) {
      expectStream(stream);
    }
  }

  /** The listeners' session ids, as the nodes know them. */
  List<String> sessionIds() {
    return listeners.stream().map(listener -> listener.sessionId).toList();
  }

  /** Waits until the streams of these sessions have closed (their node died), at most {@code timeout}. */
  void awaitClosed(Collection<String> sessionIds, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (listeners.stream().anyMatch(listener -> listener.streaming() && sessionIds.contains(listener.sessionId))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /**
   * Opens again the streams that closed, on the same sessions, as a client whose stream broke does
   * (their node died: another takes them over); a session no node knows any longer is lost, and a new
   * one takes its place. Counted for the next check.
   */
  void reopen() throws InterruptedException {
    // All at once, as separate clients would: each may wait for HAProxy to give up on the dead node.
    Map<Listener, CompletableFuture<Integer>> opening = new LinkedHashMap<>();
    for (Listener listener : listeners) {
      if (!listener.streaming() && listener.sessionId != null) {
        opening.put(listener, openStream(listener));
      }
    }
    for (Map.Entry<Listener, CompletableFuture<Integer>> each : opening.entrySet()) {
      reopened++;
      int status = await(each.getValue());
      if (status == 404) {
        lost++;
        expectStream(subscribe(each.getKey()));
      } else if (status != 200) {
        failures.add("GET stream reopened: " + describe(status));
      }
    }
  }

  /**
   * Pokes {@code pokes} times, one after another, then waits until every stream has had an update per
   * poke answered (or the deadline passed), and a little longer for duplicates.
   */
  Check check(int pokes) throws InterruptedException {
    listeners.forEach(listener -> listener.updates.set(0));
    Map<String, Integer> byNode = new TreeMap<>();
    int answered = 0;
    for (int i = 0; i < pokes; i++) {
      String node = poke();
      if (node != null) {
        byNode.merge(node, 1, Integer::sum);
        answered++;
      }
    }
    long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
    int owed = answered;
    while (listeners.stream().anyMatch(listener -> listener.updates.get() < owed) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(DUPLICATE_WAIT.toMillis());
    long delivered = 0;
    long duplicates = 0;
    for (Listener listener : listeners) {
      int got = listener.updates.get();
      delivered += Math.min(got, answered);
      duplicates += Math.max(0, got - answered);
      int unreadable = listener.unreadable.getAndSet(0);
      if (unreadable > 0) {
        failures.add(unreadable + " events on a stream were not JSON");
      }
    }
    Check check = new Check(listeners.size(), answered, byNode, (long) listeners.size() * answered, delivered,
        duplicates, reopened, lost, List.copyOf(failures));
    failures.clear();
    reopened = 0;
    lost = 0;
    return check;
  }

  /**
   * A new session, subscribed to the ticker, and its stream opening (streams open slowly through
   * HAProxy: the caller waits for several at once). What fails is kept for the check.
   *
   * @return the stream's status to come, or null when the session could not be opened (kept as a failure)
   */
  private CompletableFuture<Integer> subscribe(Listener listener) throws InterruptedException {
    listener.sessionId = null;
    try {
      HttpResponse<byte[]> opened = post(null, null, Wire.initialize(1, revision));
      String session = opened.headers().firstValue("Mcp-Session-Id").orElse(null);
      JsonNode version = reply(opened).path("result").path("protocolVersion");
      if (session == null || !version.isString()) {
        failures.add("initialize: HTTP " + opened.statusCode());
        return null;
      }
      listener.sessionId = session;
      listener.version = version.asString();
      int initialized = post(session, listener.version, Wire.initialized()).statusCode();
      HttpResponse<byte[]> subscribed = post(session, listener.version, Wire.subscribe(2, InProcessServers.TICKER));
      if (initialized != 202 || !reply(subscribed).has("result")) {
        failures.add("notifications/initialized: HTTP " + initialized + ", resources/subscribe: HTTP "
            + subscribed.statusCode() + " " + new String(subscribed.body(), StandardCharsets.UTF_8));
        return null;
      }
      return openStream(listener);
    } catch (IOException e) {
      failures.add("listener: " + e);
      return null;
    }
  }

  /** Waits for a stream to open, if its session did; one that does not is kept as a failure. */
  private void expectStream(CompletableFuture<Integer> stream) throws InterruptedException {
    int status = stream == null ? 200 : await(stream);
    if (status != 200) {
      failures.add("GET stream: " + describe(status));
    }
  }

  /** Sends the listener's GET; its status comes once the headers are in (0 when the request failed). */
  private CompletableFuture<Integer> openStream(Listener listener) {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    HttpRequest get = HttpRequest.newBuilder(endpoint).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", listener.sessionId).header("MCP-Protocol-Version", listener.version).GET().build();
    Events events = new Events(listener);
    listener.stream = events;
    http.sendAsync(get, info -> {
      events.open = info.statusCode() == 200;
      status.complete(info.statusCode());
      return HttpResponse.BodySubscribers.fromLineSubscriber(events);
    }).whenComplete((response, failure) -> {
      events.open = false;
      status.complete(0);
    });
    return status;
  }

  /** A stream's status: its HTTP status, 0 when the request failed, -1 when no answer came in time. */
  private static int await(CompletableFuture<Integer> status) throws InterruptedException {
    try {
      return status.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return -1;
    }
  }

  private static String describe(int status) {
    return status == 0 ? "failed" : status < 0 ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s"
        : "HTTP " + status;
  }

  /** A poke without a session; returns the node that ran it, or null (kept as a failure). */
  private String poke() throws InterruptedException {
    HttpRequest.Builder request = request(null, Wire.STATELESS_REVISION, Wire.poke(nextPoke++, meta))
        .header("Mcp-Method", "tools/call").header("Mcp-Name", InProcessServers.POKE);
    try {
      JsonNode reply = reply(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
      String node = reply.path("result").path("content").path(0).path("text").asString("");
      if (node.isEmpty() || reply.path("result").path("isError").asBoolean(false)) {
        failures.add("poke: " + reply);
        return null;
      }
      return node;
    } catch (IOException e) {
      failures.add("poke: " + e);
      return null;
    }
  }

  private HttpResponse<byte[]> post(String session, String version, String body)
      throws IOException, InterruptedException {
    return http.send(request(session, version, body).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String session, String version, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return version == null ? request : request.header("MCP-Protocol-Version", version);
  }

  /** The one response in a reply (JSON or SSE); a missing node when there is none. */
  private static JsonNode reply(HttpResponse<byte[]> response) {
    try {
      List<JsonNode> messages = Wire.messages(new HttpEngine.Response(response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), null, response.body()));
      return messages.stream().filter(message -> message.has("id")).findFirst().orElse(JSON.missingNode());
    } catch (IllegalArgumentException e) {
      return JSON.missingNode();
    }
  }

  /** Ends the streams, and the sessions (best effort: they expire anyway). */
  @Override
  public void close() {
    for (Listener listener : listeners) {
      listener.cancel();
      if (listener.sessionId != null) {
        HttpRequest delete = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT).DELETE()
            .header("Mcp-Session-Id", listener.sessionId).header("MCP-Protocol-Version", listener.version).build();
        http.sendAsync(delete, HttpResponse.BodyHandlers.discarding());
      }
    }
  }

  /** One listener: its session, and the ticker's updates its streams delivered. */
  private static final class Listener {
    private final AtomicInteger updates = new AtomicInteger();
    private final AtomicInteger unreadable = new AtomicInteger();
    private volatile String sessionId;
    private volatile String version;
    private volatile Events stream;

    boolean streaming() {
      Events current = stream;
      return current != null && current.open;
    }

    void cancel() {
      Events current = stream;
      if (current != null) {
        current.cancel();
      }
    }
  }

  /** The lines of one GET stream: an update is an event whose data is the ticker's resources/updated. */
  private static final class Events implements Flow.Subscriber<String> {
    private final Listener listener;
    private volatile boolean open;
    private volatile Flow.Subscription subscription;

    Events(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
      subscription = given;
      given.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      String data = line.startsWith("data:") ? line.substring(5).strip() : "";
      if (data.isEmpty()) {
        return; // an event's id, a priming event or a heartbeat
      }
      JsonNode message;
      try {
        message = JSON.readTree(data);
      } catch (RuntimeException e) {
        listener.unreadable.incrementAndGet();
        return;
      }
      if ("notifications/resources/updated".equals(message.path("method").asString(""))
          && InProcessServers.TICKER.equals(message.path("params").path("uri").asString(""))) {
        listener.updates.incrementAndGet();
      }
    }

    @Override
    public void onError(Throwable failure) {
      open = false;
    }

    @Override
    public void onComplete() {
      open = false;
    }

    void cancel() {
      Flow.Subscription current = subscription;
      if (current != null) {
        current.cancel();
      }
    }
  }
}
