package dev.switchboard.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One client that takes all it can, as one careless or hostile client would: under one client name,
 * on lanes that each keep one request going and send the next as soon as an answer comes (a 429's
 * {@code Retry-After} is ignored), it opens sessions (and never deletes them), opens a GET stream on
 * each session it has and holds it, and calls the {@code slow} tool on more connections than a session
 * and a client may have calls in flight. It counts what it got: 2xx, 429 by the limit that refused it,
 * 503, anything else.
 *
 * <p>Bounded in count (a fixed number of connections; at most {@link #MAX_STREAMS} held streams and
 * {@link #MAX_SESSION_IDS} session ids kept) and in time: it stops at {@link #stop()} or at its
 * deadline, whichever comes first, and then closes every connection, its streams included. It runs
 * on an engine of its own, so that its bookkeeping does not delay the well-behaved agents' driver
 * thread and show up as their latency.
 */
final class Flooder implements AutoCloseable {
  /** Lanes that open sessions, and lanes that open GET streams: a few connections, each kept busy. */
  static final int SESSION_LANES = 4;
  static final int STREAM_LANES = 4;
  static final int MAX_STREAMS = 1_000;
  static final int MAX_SESSION_IDS = 10_000;
  /** Before trying again after an I/O failure, or while waiting for a session to call on. */
  private static final long PAUSE_MILLIS = 10;
  private static final int EXAMPLES = 5;

  /** The limits a 429 names, told apart by its message. */
  enum Limit {
    SESSIONS_PER_CLIENT("sessionsPerClient"),
    STREAMS_PER_CLIENT("streamsPerClient"),
    CALLS_PER_SESSION("callsPerSession"),
    CALLS_PER_CLIENT("callsPerClient");

    private final String option;

    Limit(String option) {
      this.option = option;
    }

    /** The {@code ClientLimits} component it is. */
    String option() {
      return option;
    }
  }

  /**
   * What the flooder does.
   *
   * @param client the client name it sends in {@link Wire#CLIENT_HEADER}
   * @param protocolVersion the revision asked for in initialize (one with sessions)
   * @param callLanes connections calling the slow tool, each one call at a time
   * @param callsPerSession of those, how many call on one session
   * @param slowMillis how long each slow call asks to take
   */
  record Plan(String client, String protocolVersion, int callLanes, int callsPerSession, int slowMillis) {
    /** The sessions the call lanes share; the GET streams go on the sessions after them. */
    int callSessions() {
      return (callLanes + callsPerSession - 1) / callsPerSession;
    }

    String describe() {
      return String.format(Locale.ROOT, "client \"%s\": %d connections opening sessions, %d opening GET streams, "
          + "%d calling a %d ms tool (%d to a session), each sending again as soon as it is answered",
          client, SESSION_LANES, STREAM_LANES, callLanes, slowMillis, callsPerSession);
    }
  }

  /**
   * What the flooder got.
   *
   * @param plan what it did
   * @param seconds how long it ran
   * @param responses every answer it got, of every kind
   * @param sessionsOpened sessions it opened (initialize answered 200 with a session id)
   * @param streamsOpened GET streams the server accepted (200), all held until the end
   * @param callsCompleted slow calls answered with their result
   * @param refused 429s by the limit that refused them
   * @param refusedWhenBegun calls that passed the limits' check when they arrived, but were refused by
   *     the same limits when they began (another call took the last place in between): HTTP 200 with a
   *     JSON-RPC error, by limit
   * @param unavailable 503s (the endpoint's own capacity, not the client's share)
   * @param other anything else, by request and status (or I/O failure)
   * @param examples the first few answers counted in {@code other}
   */
  record Result(Plan plan, double seconds, long responses, long sessionsOpened, long streamsOpened,
      long callsCompleted, Map<Limit, Long> refused, Map<Limit, Long> refusedWhenBegun, long unavailable,
      Map<String, Long> other, List<String> examples) {
    long refused(Limit limit) {
      return refused.getOrDefault(limit, 0L);
    }

    long refusedWhenBegun(Limit limit) {
      return refusedWhenBegun.getOrDefault(limit, 0L);
    }

    long otherCount() {
      return other.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Plan plan;
  private final HttpEngine engine = new HttpEngine("flooder");
  private final Wire wire;
  private final String initialize;
  private final HttpEngine.Connection[] sessionLanes = new HttpEngine.Connection[SESSION_LANES];
  private final HttpEngine.Connection[] streamLanes = new HttpEngine.Connection[STREAM_LANES];
  private final HttpEngine.Connection[] callLanes;
  private final List<String> sessions = new ArrayList<>();
  /** The session each stream lane is opening a stream on, an index into {@link #sessions}; -1 for none yet. */
  private final int[] streamSessions = new int[STREAM_LANES];
  private final List<HttpEngine.Connection> streams = new ArrayList<>();
  private final Map<Limit, Long> refused = new EnumMap<>(Limit.class);
  private final Map<Limit, Long> refusedWhenBegun = new EnumMap<>(Limit.class);
  private final Map<String, Long> other = new TreeMap<>();
  private final List<String> examples = new ArrayList<>();
  private String protocolVersion;
  /** The next session a stream lane takes, an index into {@link #sessions}: those before it have one. */
  private int streamCursor;
  private long nextId = 1;
  private long responses;
  private long sessionsOpened;
  private long streamsOpened;
  private long callsCompleted;
  private long unavailable;
  private long startedAt;
  private long stoppedAt;
  private boolean stopped;

  Flooder(Target target, Plan plan) {
    this.plan = plan;
    this.wire = new Wire(target.endpoint()).asClient(plan.client());
    this.initialize = Wire.initialize(1, plan.protocolVersion());
    this.callLanes = new HttpEngine.Connection[plan.callLanes()];
    this.streamCursor = plan.callSessions();
    Arrays.fill(streamSessions, -1);
  }

  /** Starts every lane; the flooder stops by itself after {@code deadline} if {@link #stop()} comes no sooner. */
  void start(Duration deadline) {
    engine.execute(() -> {
      startedAt = System.nanoTime();
      for (int lane = 0; lane < SESSION_LANES; lane++) {
        openSession(lane);
      }
      for (int lane = 0; lane < STREAM_LANES; lane++) {
        openStream(lane);
      }
      for (int lane = 0; lane < callLanes.length; lane++) {
        call(lane);
      }
    });
    engine.schedule(deadline.toMillis(), TimeUnit.MILLISECONDS, this::halt);
  }

  private void openSession(int lane) {
    if (stopped) {
      return;
    }
    engine.send(sessionLanes, lane, wire.address(), wire.post(null, null, initialize), new Answer("initialize") {
      @Override
      void ok(HttpEngine.Response response) {
        String version = negotiated(response);
        if (response.sessionId() == null || version == null) {
          count("initialize: no session id or protocol version", response.text());
          openSession(lane);
          return;
        }
        sessionsOpened++;
        protocolVersion = version;
        String session = response.sessionId();
        engine.send(sessionLanes, lane, wire.address(), wire.post(session, version, Wire.initialized()),
            new Answer("notifications/initialized") {
              @Override
              void ok(HttpEngine.Response acknowledged) {
                if (sessions.size() < MAX_SESSION_IDS) {
                  sessions.add(session);
                }
                openSession(lane);
              }

              @Override
              void next() {
                openSession(lane);
              }
            });
      }

      @Override
      void next() {
        openSession(lane);
      }
    });
  }

  /**
   * A GET stream on a session that has none, held until the end; the lane then opens another on the
   * next session. Refused for the client's share (429), it asks again on the same session.
   */
  private void openStream(int lane) {
    if (stopped || streams.size() >= MAX_STREAMS) {
      return; // at the cap, the lane ends: the flooder holds what it has
    }
    if (streamSessions[lane] < 0) {
      if (streamCursor >= sessions.size()) {
        engine.schedule(PAUSE_MILLIS, TimeUnit.MILLISECONDS, () -> openStream(lane));
        return;
      }
      streamSessions[lane] = streamCursor++; // each lane its own session: a session has one GET stream
    }
    HttpEngine.Connection[] lanes = streamLanes;
    String session = sessions.get(streamSessions[lane]);
    engine.send(lanes, lane, wire.address(), wire.get(session, protocolVersion), new Answer("GET") {
      private boolean open;

      @Override
      public boolean streaming() {
        return open; // asked once the headers are in: a refusal's body is read, an open stream's discarded
      }

      @Override
      public void onHeaders(int status) {
        if (status == 200 && !stopped) {
          open = true;
          streamsOpened++;
          responses++;
          streams.add(lanes[lane]);
          lanes[lane] = null; // the stream keeps that connection; the lane goes on with a new one
          streamSessions[lane] = -1;
          openStream(lane);
        }
      }

      @Override
      public void onFailure(Exception failure) {
        if (!open) {
          super.onFailure(failure);
        } else if (!stopped) {
          count("GET: held stream lost", String.valueOf(failure.getMessage()));
        }
      }

      @Override
      void ok(HttpEngine.Response response) {
        // 2xx but not a stream: not seen unless the server changes
        count("GET: HTTP " + response.status() + " without a stream", response.text());
        next();
      }

      @Override
      void next() {
        if (lastStatus() != 429) {
          streamSessions[lane] = -1; // not the client's share: something about this session, so try another
        }
        openStream(lane);
      }
    });
  }

  /** A call of the slow tool on the lane's session, then the next as soon as it is answered. */
  private void call(int lane) {
    if (stopped) {
      return;
    }
    int session = lane / plan.callsPerSession();
    if (session >= sessions.size()) {
      engine.schedule(PAUSE_MILLIS, TimeUnit.MILLISECONDS, () -> call(lane));
      return;
    }
    String body = "{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + NoisyServer.SLOW + "\",\"arguments\":{\"millis\":" + plan.slowMillis() + "}}}";
    engine.send(callLanes, lane, wire.address(), wire.post(sessions.get(session), protocolVersion, body),
        new Answer("tools/call") {
          @Override
          void ok(HttpEngine.Response response) {
            JsonNode reply = reply(response);
            Limit limit = reply != null && reply.has("error") ? limit("tools/call", reply.toString()) : null;
            if (limit != null) {
              refusedWhenBegun.merge(limit, 1L, Long::sum);
            } else if (reply == null || reply.has("error") || reply.path("result").path("isError").asBoolean(false)) {
              count("tools/call: not a result", response.text());
            } else {
              callsCompleted++;
            }
            call(lane);
          }

          @Override
          void next() {
            call(lane);
          }
        });
  }

  /**
   * An answer to one of the flooder's requests: 2xx goes to {@link #ok}, everything else is counted
   * and the lane goes on ({@link #next}); an I/O failure pauses it briefly, so that a server that
   * refuses connections is not spun on.
   */
  private abstract class Answer implements HttpEngine.Handler {
    private final String request;
    private int status;

    Answer(String request) {
      this.request = request;
    }

    abstract void ok(HttpEngine.Response response);

    abstract void next();

    int lastStatus() {
      return status;
    }

    @Override
    public final void onResponse(HttpEngine.Response response) {
      if (stopped) {
        return;
      }
      status = response.status();
      responses++;
      if (status / 100 == 2) {
        ok(response);
        return;
      }
      if (status == 429) {
        Limit limit = limit(request, response.text());
        if (limit == null) {
          count(request + ": 429 naming no known limit", response.text());
        } else {
          refused.merge(limit, 1L, Long::sum);
        }
      } else if (status == 503) {
        unavailable++;
      } else {
        count(request + ": HTTP " + status, response.text());
      }
      next();
    }

    @Override
    public void onFailure(Exception failure) {
      if (stopped) {
        return;
      }
      count(request + ": I/O", String.valueOf(failure.getMessage()));
      engine.schedule(PAUSE_MILLIS, TimeUnit.MILLISECONDS, this::next);
    }
  }

  /**
   * Which limit a 429 names, from the request it answers and the framework's message; null when the
   * message is not one the harness knows (counted as other, so that a change of wording shows).
   */
  static Limit limit(String request, String body) {
    switch (request) {
      case "initialize":
        return body.contains("sessions") ? Limit.SESSIONS_PER_CLIENT : null;
      case "GET":
        return body.contains("GET streams") ? Limit.STREAMS_PER_CLIENT : null;
      case "tools/call":
        // "this session has 32 calls in flight", "this client has the most calls in flight it may (256)",
        // "this client has 256 calls in flight, its limit"
        if (body.contains("this session has")) {
          return Limit.CALLS_PER_SESSION;
        }
        return body.contains("this client has") && body.contains("calls in flight") ? Limit.CALLS_PER_CLIENT : null;
      default:
        return null;
    }
  }

  private void count(String kind, String detail) {
    other.merge(kind, 1L, Long::sum);
    if (examples.size() < EXAMPLES) {
      String example = kind + ": " + detail;
      examples.add(example.length() > 300 ? example.substring(0, 300) + "…" : example);
    }
  }

  private static String negotiated(HttpEngine.Response response) {
    JsonNode reply = reply(response);
    JsonNode version = reply == null ? null : reply.path("result").path("protocolVersion");
    return version != null && version.isString() ? version.asString() : null;
  }

  private static JsonNode reply(HttpEngine.Response response) {
    try {
      for (JsonNode message : Wire.messages(response)) {
        if (message.has("id")) {
          return message;
        }
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  /** Stops sending and closes every connection, the held streams included; engine thread. */
  private void halt() {
    if (stopped) {
      return;
    }
    stopped = true;
    stoppedAt = System.nanoTime();
    for (HttpEngine.Connection[] lanes : List.of(sessionLanes, streamLanes, callLanes)) {
      for (HttpEngine.Connection connection : lanes) {
        if (connection != null) {
          connection.close();
        }
      }
    }
    streams.forEach(HttpEngine.Connection::close);
  }

  /** Stops the flood (if its deadline has not already) and says what it got. */
  Result stop() {
    return engine.call(() -> {
      halt();
      return new Result(plan, (stoppedAt - startedAt) / 1e9, responses, sessionsOpened, streamsOpened, callsCompleted,
          new EnumMap<>(refused), new EnumMap<>(refusedWhenBegun), unavailable, new TreeMap<>(other),
          List.copyOf(examples));
    });
  }

  @Override
  public void close() {
    engine.call(() -> {
      halt();
      return null;
    });
    engine.close();
  }
}
