package dev.switchboard.loadtest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens many sessions ({@code initialize} then {@code notifications/initialized}) over a fixed set
 * of keep-alive connections, and deletes them again. Session ids are kept in one array allocated
 * up front, so that measuring the server's heap per session does not count the client's copies.
 */
final class SessionOpener implements AutoCloseable {
  private static final int ID_BYTES = 96;
  private final HttpEngine engine;
  private final Wire wire;
  private final String protocolVersion;
  private final HttpEngine.Connection[] connections;
  private final byte[] ids;
  private final int capacity;
  private String negotiatedVersion;
  private int opened;
  private int failures;
  private String firstFailure;

  SessionOpener(HttpEngine engine, Wire wire, String protocolVersion, int connections, int capacity) {
    this.engine = engine;
    this.wire = wire;
    this.protocolVersion = protocolVersion;
    this.connections = new HttpEngine.Connection[connections];
    this.capacity = capacity;
    this.ids = new byte[capacity * ID_BYTES];
  }

  /**
   * What to do with each session once it is open; reports null when done, else what failed (empty
   * when the failure was already counted).
   */
  interface FollowUp {
    void run(int lane, String sessionId, String protocolVersion, Consumer<String> done);
  }

  /** Opens {@code count} more sessions; returns the nanoseconds it took and records each open's latency. */
  long open(int count, LatencyHistogram latency) {
    return open(count, latency, null);
  }

  /** A follow-up of one echo call: a session that has served a call, as most idle sessions have. */
  FollowUp echoOnce() {
    return (lane, sessionId, version, done) -> send(lane, wire.post(sessionId, version, Wire.echo(2, "idle")),
        called -> done.accept(called.status() == 200 ? null : "tools/call: HTTP " + called.status()),
        () -> done.accept("")); // the I/O failure is already counted
  }

  /** Opens {@code count} more sessions, each followed by {@code followUp} when not null. */
  long open(int count, LatencyHistogram latency, FollowUp followUp) {
    int wanted = Math.min(count, capacity - engine.call(() -> opened));
    long start = System.nanoTime();
    Lanes.run(engine, connections.length, wanted, (lane, index, next) -> {
      long begun = System.nanoTime();
      send(lane, wire.post(null, null, Wire.initialize(1, protocolVersion)), response -> {
        String version = response.status() == 200 ? versionOf(response) : null;
        if (response.sessionId() == null || version == null) {
          fail("initialize: HTTP " + response.status() + " " + response.text());
          next.run();
          return;
        }
        negotiatedVersion = version;
        send(lane, wire.post(response.sessionId(), version, Wire.initialized()), acknowledged -> {
          if (acknowledged.status() != 202) {
            fail("notifications/initialized: HTTP " + acknowledged.status());
            next.run();
          } else if (followUp != null) {
            followUp.run(lane, response.sessionId(), version, failure -> {
              if (failure == null) {
                opened(response.sessionId(), latency, begun);
              } else if (!failure.isEmpty()) {
                fail(failure);
              }
              next.run();
            });
          } else {
            opened(response.sessionId(), latency, begun);
            next.run();
          }
        }, next);
      }, next);
    }).orTimeout(3, TimeUnit.MINUTES).join();
    return System.nanoTime() - start;
  }

  private void opened(String sessionId, LatencyHistogram latency, long begun) {
    latency.record(System.nanoTime() - begun);
    if (store(opened, sessionId)) {
      opened++;
    }
  }

  /** Deletes every session opened so far. */
  void deleteAll() {
    int count = engine.call(() -> opened);
    Lanes.run(engine, connections.length, count, (lane, index, next) ->
        send(lane, wire.delete(sessionId(index), negotiatedVersion), response -> {
          if (response.status() / 100 != 2) {
            fail("DELETE: HTTP " + response.status());
          }
          next.run();
        }, next)).orTimeout(3, TimeUnit.MINUTES).join();
    engine.call(() -> opened = 0);
  }

  int opened() {
    return engine.call(() -> opened);
  }

  int failures() {
    return engine.call(() -> failures);
  }

  String firstFailure() {
    return engine.call(() -> firstFailure);
  }

  /** The id of the {@code index}th session; engine thread only. */
  String sessionId(int index) {
    int offset = index * ID_BYTES;
    int length = ids[offset];
    return new String(ids, offset + 1, length, StandardCharsets.ISO_8859_1);
  }

  private boolean store(int index, String sessionId) {
    byte[] bytes = sessionId.getBytes(StandardCharsets.ISO_8859_1);
    if (bytes.length >= ID_BYTES) {
      // not kept, so not deleted later: counted as a failure instead
      fail("session id longer than " + (ID_BYTES - 1) + " characters: " + sessionId);
      return false;
    }
    ids[index * ID_BYTES] = (byte) bytes.length;
    System.arraycopy(bytes, 0, ids, index * ID_BYTES + 1, bytes.length);
    return true;
  }

  private static String versionOf(HttpEngine.Response response) {
    try {
      for (var message : Wire.messages(response)) {
        var version = message.path("result").path("protocolVersion");
        if (version.isString()) {
          return version.asString();
        }
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  private void fail(String detail) {
    failures++;
    if (firstFailure == null) {
      firstFailure = detail;
    }
  }

  private void send(int lane, byte[] request, Consumer<HttpEngine.Response> onResponse, Runnable next) {
    HttpEngine.Handler handler = new HttpEngine.Handler() {
      @Override
      public void onResponse(HttpEngine.Response response) {
        onResponse.accept(response);
      }

      @Override
      public void onFailure(Exception failure) {
        fail("I/O: " + failure.getMessage());
        next.run();
      }
    };
    engine.send(connections, lane, wire.address(), request, handler);
  }

  @Override
  public void close() {
    engine.call(() -> {
      for (HttpEngine.Connection connection : connections) {
        if (connection != null) {
          connection.close();
        }
      }
      return null;
    });
  }
}
