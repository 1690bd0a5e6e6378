package dev.switchboard.loadtest;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One simulated agent: it opens a session ({@code initialize}, {@code notifications/initialized},
 * {@code tools/list}), keeps {@code inFlight} calls going on as many connections, then deletes or
 * abandons the session and opens another, until the run stops. Every reply is checked against the
 * call it answers: the payload, token and progress tokens are unique to that call, so a reply meant
 * for another call (of this session or any other) is caught as misrouted. Engine thread only.
 */
final class Agent {
  private static final String[] TOOLS = {"echo", "stream", "large"};
  private final int number;
  private final AgentRun run;
  private final Workload workload;
  private final SplittableRandom random;
  private final HttpEngine.Connection[] slots;
  private String sessionId;
  private String protocolVersion;
  private int sessionNumber;
  private long callNumber;
  private long callsLeft;
  private long nextId = 1;
  private int busy;
  private boolean finished;

  Agent(int number, AgentRun run) {
    this.number = number;
    this.run = run;
    this.workload = run.workload();
    this.random = new SplittableRandom(number * 7919L + 17);
    this.slots = new HttpEngine.Connection[workload.inFlight()];
  }

  boolean hasSession() {
    return sessionId != null;
  }

  boolean finished() {
    return finished;
  }

  void start() {
    openSession();
  }

  /** Sends on the slot's connection, opening a new one when there is none or the last one closed. */
  private void send(int slot, byte[] request, HttpEngine.Handler handler) {
    run.engine().send(slots, slot, run.wire().address(), request, handler);
  }

  private long id() {
    return workload.sameIds() ? 1 : nextId++;
  }

  private void openSession() {
    sessionNumber++;
    sessionId = null;
    protocolVersion = null;
    long id = id();
    long start = System.nanoTime();
    send(0, run.wire().post(null, null, Wire.initialize(id, workload.protocolVersion())), new Reply(id, "initialize", null) {
      @Override
      void onMessages(HttpEngine.Response response, JsonNode reply, int progress) {
        JsonNode version = reply.path("result").path("protocolVersion");
        if (response.sessionId() == null || !version.isString()) {
          failed("no session id or protocol version", response.text());
          return;
        }
        run.recorder().completed(Op.INITIALIZE, start);
        sessionId = response.sessionId();
        protocolVersion = version.asString();
        sendInitialized();
      }

      @Override
      void resume() {
        retryLater();
      }
    });
  }

  /** After a failed handshake: the server may be overloaded or restarting, so wait a little. */
  private void retryLater() {
    sessionId = null;
    if (run.stopping()) {
      finish();
    } else {
      run.engine().schedule(100, TimeUnit.MILLISECONDS, this::openSession);
    }
  }

  private void sendInitialized() {
    send(0, run.wire().post(sessionId, protocolVersion, Wire.initialized()), new HttpEngine.Handler() {
      @Override
      public void onResponse(HttpEngine.Response response) {
        if (response.status() != 202) {
          run.recorder().error("notifications/initialized: HTTP " + response.status(), response.text());
          retryLater();
          return;
        }
        listTools();
      }

      @Override
      public void onFailure(Exception failure) {
        run.recorder().error("notifications/initialized: I/O", String.valueOf(failure.getMessage()));
        retryLater();
      }
    });
  }

  private void listTools() {
    long id = id();
    long start = System.nanoTime();
    send(0, run.wire().post(sessionId, protocolVersion, Wire.listTools(id)), new Reply(id, "tools/list", null) {
      @Override
      void onMessages(HttpEngine.Response response, JsonNode reply, int progress) {
        JsonNode tools = reply.path("result").path("tools");
        int needed = workload.echoOnly() ? 1 : TOOLS.length;
        for (int i = 0; i < needed; i++) {
          String name = TOOLS[i];
          boolean found = false;
          for (JsonNode tool : tools) {
            found |= name.equals(tool.path("name").asString(""));
          }
          if (!found) {
            failed("no tool " + name, response.text());
            return;
          }
        }
        run.recorder().completed(Op.LIST_TOOLS, start);
        callsLeft = workload.callsPerSession() == 0 ? Long.MAX_VALUE : workload.callsPerSession();
        for (int slot = 0; slot < slots.length; slot++) {
          call(slot);
        }
      }

      @Override
      void resume() {
        endSession();
      }
    });
  }

  private void call(int slot) {
    if (sessionId == null) {
      return; // the session is already ending (another slot saw the run stop first)
    }
    if (run.stopping() || callsLeft == 0) {
      if (busy == 0) {
        endSession();
      }
      return;
    }
    callsLeft--;
    busy++;
    long id = id();
    String token = "a" + number + "-s" + sessionNumber + "-c" + (++callNumber);
    Op op = workload.pick(random);
    String payload = op == Op.ECHO ? payload(token) : null;
    String body = switch (op) {
      case ECHO -> Wire.echo(id, payload);
      case STREAM -> Wire.stream(id, token, workload.streamSteps());
      default -> Wire.large(id, token, workload.largeBytes());
    };
    long start = System.nanoTime();
    send(slot, run.wire().post(sessionId, protocolVersion, body), new Reply(id, op.label(), op == Op.STREAM ? token : null) {
      @Override
      void onMessages(HttpEngine.Response response, JsonNode reply, int progress) {
        if (reply.path("result").path("isError").asBoolean(false)) {
          failed("tool error", reply.toString());
          return;
        }
        String text = reply.path("result").path("content").path(0).path("text").asString("");
        String problem = switch (op) {
          case ECHO -> text.equals(payload) ? null : "echo returned " + text + " for " + token;
          case STREAM -> checkStream(progress, token, text);
          default -> checkLarge(token, text);
        };
        if (problem == null) {
          run.recorder().completed(op, start);
        } else {
          run.recorder().misrouted(problem);
        }
        done(slot);
      }

      @Override
      void resume() {
        done(slot);
      }
    });
  }

  private void done(int slot) {
    busy--;
    call(slot);
  }

  /** The call's token, then filler up to the payload size: unique to the call, cheap to make. */
  private String payload(String token) {
    int fill = Math.min(Math.max(0, workload.payloadBytes() - token.length() - 1), run.filler().length());
    return new StringBuilder(token.length() + 1 + fill).append(token).append('|').append(run.filler(), 0, fill).toString();
  }

  /** The progress tokens were checked with the reply; here, their number and the result. */
  private String checkStream(int progress, String token, String text) {
    if (!text.equals(token)) {
      return "stream returned " + text + " for " + token;
    }
    return progress == workload.streamSteps() ? null
        : "stream " + token + " got " + progress + " progress events, expected " + workload.streamSteps();
  }

  private String checkLarge(String token, String text) {
    // token|…|token, matched in place: no "|"-framed copies of the token per call
    boolean ours = text.length() == workload.largeBytes() && text.startsWith(token) && text.startsWith("|", token.length())
        && text.endsWith(token) && text.startsWith("|", text.length() - token.length() - 1);
    return ours ? null : "large returned " + text.length() + " chars starting "
        + text.substring(0, Math.min(40, text.length())) + " for " + token;
  }

  private void endSession() {
    String ending = sessionId;
    if (ending == null) {
      next();
      return;
    }
    sessionId = null;
    if (random.nextDouble() < workload.abandonFraction()) {
      run.abandoned(ending, protocolVersion);
      next();
      return;
    }
    long start = System.nanoTime();
    send(0, run.wire().delete(ending, protocolVersion), new HttpEngine.Handler() {
      @Override
      public void onResponse(HttpEngine.Response response) {
        if (response.status() / 100 == 2) {
          run.recorder().completed(Op.DELETE, start);
        } else {
          run.recorder().error("DELETE got HTTP " + response.status(), response.text());
        }
        next();
      }

      @Override
      public void onFailure(Exception failure) {
        run.recorder().error("DELETE failed", String.valueOf(failure.getMessage()));
        next();
      }
    });
  }

  private void next() {
    if (run.stopping()) {
      finish();
    } else {
      openSession();
    }
  }

  private void finish() {
    if (!finished) {
      finished = true;
      for (HttpEngine.Connection connection : slots) {
        if (connection != null) {
          connection.close();
        }
      }
      run.agentFinished();
    }
  }

  private static boolean isProgress(JsonNode message) {
    return "notifications/progress".equals(message.path("method").asString(""));
  }

  /** Ends the agent where it stands, when the run gave up waiting for it. */
  void abort() {
    sessionId = null;
    finish();
  }

  /**
   * Checks the parts every JSON-RPC reply shares: HTTP 200, a parseable body, exactly one response
   * with the request's id, and no progress notification but for the call's own progress token. A
   * response with another id, or someone else's progress, is misrouted.
   */
  private abstract class Reply implements HttpEngine.Handler {
    private final long id;
    private final String label;
    private final String progressToken;

    Reply(long id, String label, String progressToken) {
      this.id = id;
      this.label = label;
      this.progressToken = progressToken;
    }

    /** Called for a well-formed reply; {@code progress} counts its progress notifications, all the call's own. */
    abstract void onMessages(HttpEngine.Response response, JsonNode reply, int progress);

    /** Carries on after a reply that failed or was misrouted (already counted). */
    abstract void resume();

    final void failed(String kind, String detail) {
      run.recorder().error(label + ": " + kind, detail);
      resume();
    }

    @Override
    public final void onResponse(HttpEngine.Response response) {
      if (response.status() != 200) {
        failed("HTTP " + response.status(), response.text());
        return;
      }
      List<JsonNode> messages;
      try {
        messages = Wire.messages(response);
      } catch (IllegalArgumentException e) {
        failed("unparseable reply", response.text());
        return;
      }
      JsonNode reply = null;
      int progress = 0;
      for (JsonNode message : messages) {
        if (isProgress(message)) {
          progress++;
          String token = message.path("params").path("progressToken").asString("");
          if (!token.equals(progressToken)) {
            run.recorder().misrouted("progress for " + token + " in the reply to " + label + " of agent " + number
                + (progressToken == null ? " (which asked for none)" : ", which asked for " + progressToken));
            resume();
            return;
          }
        }
        if (message.has("id") && (message.has("result") || message.has("error"))) {
          if (reply != null) {
            failed("two responses in one reply", response.text());
            return;
          }
          reply = message;
        }
      }
      if (reply == null) {
        failed("no response in the reply", response.text());
      } else if (reply.path("id").asLong(-1) != id) {
        run.recorder().misrouted("reply with id " + reply.path("id") + " to request " + id + " of agent " + number);
        resume();
      } else if (reply.has("error")) {
        failed("JSON-RPC error " + reply.path("error").path("code").asInt(), reply.toString());
      } else {
        onMessages(response, reply, progress);
      }
    }

    @Override
    public final void onFailure(Exception failure) {
      failed("I/O", String.valueOf(failure.getMessage()));
    }
  }
}
