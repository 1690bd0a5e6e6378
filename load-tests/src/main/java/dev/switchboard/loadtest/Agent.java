package dev.switchboard.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One simulated agent: it opens a session ({@code initialize}, {@code notifications/initialized},
 * {@code tools/list}), keeps {@code inFlight} calls going on as many connections, then deletes or
 * abandons the session and opens another, until the run stops. Stateless (2026-07-28), it lists the
 * tools once and keeps calling until the run stops: no session to open or end, every request
 * carrying the revision and the client in headers and {@code _meta}; a multi-round call answers the
 * tool's question in a retry. Every reply is checked against the call it answers: the payload, token
 * and progress tokens are unique to that call, so a reply meant for another call (of this session or
 * any other) is caught as misrouted. A session the server answers 404 for is gone (expired, deleted, or
 * its instance died and no other could take it over): as the specification asks of clients, the agent
 * stops calling on it, waits for its calls in flight, counts it lost (and the 404s as errors) and opens
 * a new one. Engine thread only.
 */
final class Agent {
  private final int number;
  private final AgentRun run;
  /** The run's wire, or, where each agent is a client of its own, one that names this agent. */
  private final Wire wire;
  private final Workload workload;
  private final boolean stateless;
  /** The {@code _meta} members of every stateless request; null with sessions. */
  private final String meta;
  private final SplittableRandom random;
  private final HttpEngine.Connection[] slots;
  private String sessionId;
  private String protocolVersion;
  /** Calls go out: the session is open and its tools listed (or, stateless, the tools listed). */
  private boolean calling;
  /** The server answered 404 for the session: once its calls in flight are back, the agent opens another. */
  private boolean sessionGone;
  private int sessionNumber;
  private long callNumber;
  private long callsLeft;
  private long nextId = 1;
  private int busy;
  private boolean finished;

  Agent(int number, AgentRun run) {
    this.number = number;
    this.run = run;
    this.wire = run.wireFor(number);
    this.workload = run.workload();
    this.stateless = workload.stateless();
    this.meta = run.statelessMeta();
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
    if (stateless) {
      protocolVersion = workload.protocolVersion();
      listTools();
    } else {
      openSession();
    }
  }

  /** Sends on the slot's connection, opening a new one when there is none or the last one closed. */
  private void send(int slot, byte[] request, HttpEngine.Handler handler) {
    run.engine().send(slots, slot, wire.address(), request, handler);
  }

  /** A POST in the agent's era: on its session, or stateless with the method (and name) in headers. */
  private byte[] post(String method, String name, String body) {
    return stateless ? wire.postStateless(protocolVersion, method, name, body)
        : wire.post(sessionId, protocolVersion, body);
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
    send(0, wire.post(null, null, Wire.initialize(id, workload.protocolVersion())), new Reply(id, "initialize", null) {
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
    calling = false;
    if (run.stopping()) {
      finish();
    } else {
      run.engine().schedule(100, TimeUnit.MILLISECONDS, this::start);
    }
  }

  private void sendInitialized() {
    send(0, wire.post(sessionId, protocolVersion, Wire.initialized()), new HttpEngine.Handler() {
      @Override
      public void onResponse(HttpEngine.Response response) {
        if (response.status() != 202) {
          run.recorder().error("notifications/initialized: HTTP " + response.status(), response.text());
          if (gone(response.status())) {
            endSession();
          } else {
            retryLater();
          }
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
    send(0, post("tools/list", null, Wire.listTools(id, meta)), new Reply(id, "tools/list", null) {
      @Override
      void onMessages(HttpEngine.Response response, JsonNode reply, int progress) {
        JsonNode tools = reply.path("result").path("tools");
        for (String name : neededTools()) {
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
        calling = true;
        callsLeft = workload.callsPerSession() == 0 ? Long.MAX_VALUE : workload.callsPerSession();
        for (int slot = 0; slot < slots.length; slot++) {
          call(slot);
        }
      }

      @Override
      void resume() {
        if (stateless) {
          retryLater();
        } else {
          endSession();
        }
      }
    });
  }

  private List<String> neededTools() {
    List<String> needed = new ArrayList<>(List.of("echo"));
    if (workload.streamWeight() > 0) {
      needed.add("stream");
    }
    if (workload.largeWeight() > 0) {
      needed.add("large");
    }
    if (workload.mrtrWeight() > 0) {
      needed.add(Wire.CONFIRM_ECHO);
    }
    return needed;
  }

  private void call(int slot) {
    if (!calling) {
      return; // the session is already ending (another slot saw the run stop first)
    }
    if (run.stopping() || callsLeft == 0 || sessionGone) {
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
    if (op == Op.MRTR) {
      confirmEcho(slot, id, token);
      return;
    }
    String payload = op == Op.ECHO ? payload(token) : null;
    String body = switch (op) {
      case ECHO -> Wire.echo(id, payload, meta);
      case STREAM -> Wire.stream(id, token, workload.streamSteps(), meta);
      default -> Wire.large(id, token, workload.largeBytes(), meta);
    };
    String tool = switch (op) {
      case ECHO -> "echo";
      case STREAM -> "stream";
      default -> "large";
    };
    long start = System.nanoTime();
    send(slot, post("tools/call", tool, body), new Reply(id, op.label(), op == Op.STREAM ? token : null) {
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

  /**
   * A multi-round call of {@code confirm_echo}: the first request gets {@code input_required} with
   * one question, which must name this call's token; the retry (same name and arguments, a new id)
   * answers it with the server's {@code requestState} and must complete with this call's text. Timed
   * from the first request to the final result.
   */
  private void confirmEcho(int slot, long id, String token) {
    String text = payload(token);
    long start = System.nanoTime();
    String label = Op.MRTR.label() + ", first round";
    send(slot, post("tools/call", Wire.CONFIRM_ECHO, Wire.confirmEcho(id, token, text, null, meta)),
        new Reply(id, label, null, true) {
          @Override
          void onMessages(HttpEngine.Response response, JsonNode reply, int progress) {
            JsonNode result = reply.path("result");
            JsonNode requests = result.path("inputRequests");
            JsonNode state = result.path("requestState");
            if (!"input_required".equals(result.path("resultType").asString("")) || requests.size() != 1
                || !state.isString()) {
              failed("not one input request with a request state", reply.toString());
              return;
            }
            Map.Entry<String, JsonNode> ask = requests.properties().iterator().next();
            String question = ask.getValue().path("params").path("message").asString("");
            if (!"elicitation/create".equals(ask.getValue().path("method").asString(""))) {
              failed("the input request is not an elicitation", reply.toString());
            } else if (!question.equals("Confirm " + token)) {
              run.recorder().misrouted("question \"" + question + "\" in the reply to " + token);
              resume();
            } else {
              answer(slot, token, text, Wire.confirmation(ask.getKey(), state.toString()), start);
            }
          }

          @Override
          void resume() {
            done(slot);
          }
        });
  }

  private void answer(int slot, String token, String text, String answer, long start) {
    long id = id();
    send(slot, post("tools/call", Wire.CONFIRM_ECHO, Wire.confirmEcho(id, token, text, answer, meta)),
        new Reply(id, Op.MRTR.label() + ", retry", null) {
          @Override
          void onMessages(HttpEngine.Response response, JsonNode reply, int progress) {
            if (reply.path("result").path("isError").asBoolean(false)) {
              failed("tool error", reply.toString());
              return;
            }
            String got = reply.path("result").path("content").path(0).path("text").asString("");
            if (got.equals(text)) {
              run.recorder().completed(Op.MRTR, start);
            } else {
              run.recorder().misrouted("confirm_echo returned " + got + " for " + token);
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
    calling = false;
    if (stateless) {
      next(); // nothing to end: the run stopped
      return;
    }
    String ending = sessionId;
    if (ending == null) {
      next();
      return;
    }
    sessionId = null;
    if (sessionGone) {
      sessionGone = false;
      run.recorder().sessionLost();
      next(); // a new session: nothing to delete
      return;
    }
    if (random.nextDouble() < workload.abandonFraction()) {
      run.abandoned(ending, protocolVersion);
      next();
      return;
    }
    long start = System.nanoTime();
    send(0, wire.delete(ending, protocolVersion), new HttpEngine.Handler() {
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
      start();
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

  /** Whether a status says the agent's session is gone (404); if so, the agent stops using it. */
  private boolean gone(int status) {
    if (status == 404 && sessionId != null && !stateless) {
      sessionGone = true;
    }
    return sessionGone;
  }

  private static boolean isProgress(JsonNode message) {
    return "notifications/progress".equals(message.path("method").asString(""));
  }

  /** Ends the agent where it stands, when the run gave up waiting for it. */
  void abort() {
    sessionId = null;
    calling = false;
    finish();
  }

  /**
   * Checks the parts every JSON-RPC reply shares: HTTP 200, a parseable body, exactly one response
   * with the request's id, and no progress notification but for the call's own progress token; a
   * stateless result must say it is complete (or, where a question may come, input required) and
   * name the server. A response with another id, or someone else's progress, is misrouted.
   */
  private abstract class Reply implements HttpEngine.Handler {
    private final long id;
    private final String label;
    private final String progressToken;
    private final boolean mayAskForInput;

    Reply(long id, String label, String progressToken) {
      this(id, label, progressToken, false);
    }

    Reply(long id, String label, String progressToken, boolean mayAskForInput) {
      this.id = id;
      this.label = label;
      this.progressToken = progressToken;
      this.mayAskForInput = mayAskForInput;
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
        gone(response.status()); // still an error: the call failed
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
      } else if (stateless && !modernResult(reply.path("result"))) {
        failed("not a complete " + protocolVersion + " result", reply.toString());
      } else {
        onMessages(response, reply, progress);
      }
    }

    private boolean modernResult(JsonNode result) {
      String type = result.path("resultType").asString("");
      return (type.equals("complete") || (mayAskForInput && type.equals("input_required")))
          && result.path("_meta").has(Wire.SERVER_INFO);
    }

    @Override
    public final void onFailure(Exception failure) {
      failed("I/O", String.valueOf(failure.getMessage()));
    }
  }
}
