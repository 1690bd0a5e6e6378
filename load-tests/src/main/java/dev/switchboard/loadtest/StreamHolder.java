package dev.switchboard.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * Opens sessions with a standalone GET stream each, and holds the streams open. Each stream is
 * opened right after its session (a session left waiting would expire). Run in a child process for
 * the 10,000-stream figure (each side of a connection needs a file descriptor, and one process may
 * not have 20,000), or in this process for small numbers. Engine thread for the callbacks.
 */
final class StreamHolder implements AutoCloseable {
  private final HttpEngine engine;
  private final SessionOpener opener;
  private final List<HttpEngine.Connection> streams = new ArrayList<>();
  private final Wire wire;
  private int established;
  private int lost;

  StreamHolder(HttpEngine engine, Wire wire, int capacity, String protocolVersion) {
    this.engine = engine;
    this.wire = wire;
    this.opener = new SessionOpener(engine, wire, protocolVersion, 32, capacity);
  }

  /** Opens {@code count} more sessions and streams; returns when all are open or failed. */
  void open(int count) {
    opener.open(count, new LatencyHistogram(), (lane, sessionId, version, done) -> {
      byte[] get = wire.get(sessionId, version);
      engine.connect(wire.address(), connection -> connection.send(get, new HttpEngine.Handler() {
        private boolean open;

        @Override
        public boolean streaming() {
          return true;
        }

        @Override
        public void onHeaders(int status) {
          if (status == 200) {
            open = true;
            established++;
            streams.add(connection);
            done.accept(null);
          } else {
            connection.close();
            done.accept("GET: HTTP " + status);
          }
        }

        @Override
        public void onResponse(HttpEngine.Response response) {
          // a held stream never completes
        }

        @Override
        public void onFailure(Exception failure) {
          if (open) {
            lost++;
          } else {
            done.accept("GET: " + failure.getMessage());
          }
        }
      }), failure -> done.accept("connect: " + failure.getMessage()));
    });
  }

  int established() {
    return engine.call(() -> established);
  }

  int failed() {
    return opener.failures();
  }

  int lost() {
    return engine.call(() -> lost);
  }

  String firstFailure() {
    return opener.firstFailure();
  }

  /** Closes the streams (the server notices and frees them) and deletes the sessions. */
  @Override
  public void close() {
    engine.call(() -> {
      streams.forEach(HttpEngine.Connection::close);
      streams.clear();
      return null;
    });
    opener.deleteAll();
    opener.close();
  }
}
