package dev.switchboard.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens sessions and a standalone GET stream on each, and holds the streams open. Run in a child
 * process for the 10,000-stream figure (each side of a connection needs a file descriptor, and one
 * process may not have 20,000), or in this process for small numbers.
 */
final class StreamHolder implements AutoCloseable {
  private final HttpEngine engine;
  private final SessionOpener opener;
  private final List<HttpEngine.Connection> streams = new ArrayList<>();
  private final Wire wire;
  private int established;
  private int failed;
  private int lost;
  private String firstFailure;

  StreamHolder(HttpEngine engine, Wire wire, int count, String protocolVersion) {
    this.engine = engine;
    this.wire = wire;
    this.opener = new SessionOpener(engine, wire, protocolVersion, 16, count);
  }

  /** Opens the sessions, then the streams, at most 128 connects at a time; returns when all are settled. */
  void open(int count) {
    opener.open(count, new LatencyHistogram());
    String version = opener.negotiatedVersion();
    int sessions = opener.opened();
    Lanes.run(engine, 128, sessions, (lane, index, next) -> {
      byte[] get = wire.get(opener.sessionId(index), version);
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
          } else {
            failure("GET: HTTP " + status);
            connection.close();
          }
          next.run();
        }

        @Override
        public void onResponse(HttpEngine.Response response) {
          // a stream never completes while held
        }

        @Override
        public void onFailure(Exception failure) {
          if (open) {
            lost++;
          } else {
            failure("GET: " + failure.getMessage());
            next.run();
          }
        }
      }), failure -> {
        failure("connect: " + failure.getMessage());
        next.run();
      });
    }).orTimeout(10, TimeUnit.MINUTES).join();
  }

  private void failure(String detail) {
    failed++;
    if (firstFailure == null) {
      firstFailure = detail;
    }
  }

  int established() {
    return engine.call(() -> established);
  }

  int failed() {
    return engine.call(() -> failed + opener.failures());
  }

  int lost() {
    return engine.call(() -> lost);
  }

  String firstFailure() {
    String opening = opener.firstFailure();
    return opening != null ? opening : engine.call(() -> firstFailure);
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
