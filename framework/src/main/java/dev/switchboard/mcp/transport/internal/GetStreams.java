package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.Texts;
import dev.switchboard.mcp.server.TimeSource;
import dev.switchboard.mcp.session.internal.ClientQuotas;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.transport.internal.HttpErrors.Rejection;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * GET requests of a session: the standalone stream for server-initiated messages, and the
 * resumption of any of the session's streams with {@code Last-Event-ID}.
 */
final class GetStreams {
  private final JsonRpcCodec codec;
  private final TransportSettings settings;
  private final TimeSource time;
  private final OpenConnections open;
  private final ClientQuotas quotas;

  GetStreams(JsonRpcCodec codec, TransportSettings settings, TimeSource time, OpenConnections open,
      ClientQuotas quotas) {
    this.codec = codec;
    this.settings = settings;
    this.time = time;
    this.open = open;
    this.quotas = quotas;
  }

  /** Serves a GET for a known session; returns a rejection instead when it cannot be served. */
  @Nullable Rejection serve(HttpServletRequest request, HttpServletResponse response, SessionState session)
      throws IOException {
    // Each GET holds a connection for as long as the client likes: a client may hold only its share.
    String client = session.client();
    if (!quotas.tryTake(ClientQuotas.Kind.STREAMS, client)) {
      response.setHeader("Retry-After", "30");
      return Rejection.of(429, "Too Many Requests: this client holds the most GET streams it may ("
          + quotas.max(ClientQuotas.Kind.STREAMS) + ")");
    }
    Rejection rejection = null;
    boolean served = false;
    try {
      String lastEventId = request.getHeader("Last-Event-ID");
      rejection = lastEventId == null ? openStandalone(request, response, session, client)
          : resume(request, response, session, lastEventId.trim(), client);
      served = rejection == null;
      return rejection;
    } finally {
      if (!served) {
        quotas.give(ClientQuotas.Kind.STREAMS, client);
      }
    }
  }

  /** Gives the client's stream back when its connection ends, however it ends. */
  private Consumer<SseConnection> releasing(String client, Consumer<SseConnection> ended) {
    return connection -> {
      try {
        ended.accept(connection);
      } finally {
        quotas.give(ClientQuotas.Kind.STREAMS, client);
      }
    };
  }

  private @Nullable Rejection openStandalone(HttpServletRequest request, HttpServletResponse response,
      SessionState session, String client) throws IOException {
    SessionStreams streams = SessionStreams.of(session);
    EventStream standalone = streams.streamOrRegister(streams.standaloneNumber(), number -> new EventStream(streams,
        number, codec, streams.log(settings), settings.reconnectDelay().toMillis(), 0, true));
    // Claimed before the response goes async, so losing a race to another GET is a plain rejection.
    if (!streams.attachStandalone(standalone)) {
      return conflict();
    }
    SseConnection connection;
    try {
      AsyncContext async = SseConnection.startAsync(request, response);
      connection = SseConnection.prepare(async, response, settings, open,
          releasing(client, standalone::connectionEnded));
    } catch (IOException | RuntimeException e) {
      streams.detachStandalone(standalone);
      throw e;
    }
    standalone.attach(connection, standalone.sequence(), false);
    connection.start(time, settings.heartbeatInterval());
    return null;
  }

  private static Rejection conflict() {
    return Rejection.of(HttpServletResponse.SC_CONFLICT, "Conflict: this session already has a GET stream open");
  }

  /**
   * Replays what one stream's client missed and, if the stream is still going, carries the rest of
   * it. Events of other streams are never sent here.
   */
  private @Nullable Rejection resume(HttpServletRequest request, HttpServletResponse response, SessionState session,
      String lastEventId, String client) throws IOException {
    int dash = lastEventId.indexOf('-');
    long number;
    long sequence;
    try {
      number = Long.parseLong(lastEventId.substring(0, Math.max(dash, 0)));
      sequence = Long.parseLong(lastEventId.substring(dash + 1));
    } catch (NumberFormatException e) {
      return Rejection.of(HttpServletResponse.SC_BAD_REQUEST, "Bad Request: malformed Last-Event-ID '" + Texts.echo(lastEventId) + "'");
    }
    SessionStreams streams = SessionStreams.of(session);
    EventLog log = streams.existingLog();
    if (log == null || !settings.resumable() || !log.knows(number, sequence)) {
      SharedEvents shared = settings.sharedEvents();
      SharedEvents.Recalled recalled = shared == null ? null : shared.recall(session.id(), number, sequence);
      if (recalled == null) {
        return Rejection.of(HttpServletResponse.SC_BAD_REQUEST, "Bad Request: unknown Last-Event-ID '"
            + Texts.echo(lastEventId) + "'");
      }
      return resumeFromFleet(request, response, streams, number, recalled, client);
    }
    boolean prime = session.protocolVersion().atLeast(ProtocolVersion.V2025_11_25);
    EventStream live = streams.stream(number);
    AsyncContext async = SseConnection.startAsync(request, response);
    if (live != null && live.isOpen()) {
      SseConnection connection = SseConnection.prepare(async, response, settings, open,
          releasing(client, live::connectionEnded));
      if (live.isStandalone()) {
        streams.attachStandalone(live);
      }
      live.attach(connection, sequence, prime && !live.isStandalone());
      connection.start(time, settings.heartbeatInterval());
      return null;
    }
    replayEnded(async, response, streams, log, number, sequence, prime, client);
    return null;
  }

  /**
   * Resumes a stream another instance of the fleet carried (it died, or the balancer moved the
   * session): first what the client missed, from the shared store; then a GET stream goes on here
   * under its number, while a POST's stream ends (its call was lost with that instance).
   */
  private @Nullable Rejection resumeFromFleet(HttpServletRequest request, HttpServletResponse response, SessionStreams streams,
      long number, SharedEvents.Recalled recalled, String client) throws IOException {
    EventLog log = streams.log(settings);
    boolean continues = recalled.standalone() && streams.adoptStandaloneNumber(number) == number;
    EventStream stream = continues
        ? streams.streamOrRegister(number, any -> new EventStream(streams, number, codec, log,
            settings.reconnectDelay().toMillis(), recalled.lastSequence(), true))
        : new EventStream(streams, number, codec, log, settings.reconnectDelay().toMillis(), recalled.lastSequence(), false);
    if (continues && !streams.attachStandalone(stream)) {
      return conflict();
    }
    SseConnection connection;
    try {
      AsyncContext async = SseConnection.startAsync(request, response);
      connection = SseConnection.prepare(async, response, settings, open, releasing(client, stream::connectionEnded));
    } catch (IOException | RuntimeException e) {
      if (continues) {
        streams.detachStandalone(stream);
      }
      throw e;
    }
    recalled.missed().forEach(connection::send);
    stream.attach(connection, stream.sequence(), false);
    connection.start(time, settings.heartbeatInterval());
    if (!continues) {
      stream.finish();
    }
    return null;
  }

  /**
   * Replays what the client missed of a stream that has ended, and closes; if it missed nothing,
   * keeps a quiet connection open until the session ends, so a client that retries does not loop.
   */
  private void replayEnded(AsyncContext async, HttpServletResponse response, SessionStreams streams, EventLog log,
      long number, long sequence, boolean prime, String client) throws IOException {
    EventStream ended = new EventStream(streams, number, codec, log, settings.reconnectDelay().toMillis(),
        log.last(number), false);
    SseConnection connection = SseConnection.prepare(async, response, settings, open,
        releasing(client, ended::connectionEnded));
    int replayed = ended.attach(connection, sequence, prime);
    connection.start(time, settings.heartbeatInterval());
    if (replayed > 0) {
      ended.finish();
    } else {
      streams.register(ended);
    }
  }
}
