package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.LoggingLevel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a client sends one request and reads its answer, in either era: the answer read as it
 * arrives (progress and log messages heard, the server's questions answered from the test's script
 * on the way), a dropped stream resumed, the rounds of a multi-round call, and cancellation.
 */
final class Requests {
  private static final int MAX_ROUNDS = 16;
  private static final int MAX_RESUMPTIONS = 8;

  private final McpTestClient client;
  private final Wire wire;
  private final Envelope envelope;
  private final AtomicLong ids;

  Requests(McpTestClient client, Wire wire, Envelope envelope, AtomicLong ids) {
    this.client = client;
    this.wire = wire;
    this.envelope = envelope;
    this.ids = ids;
  }

  /** Sends a request and returns its result, or null when it was cancelled and got none. */
  JsonNode run(Call call, String method, ObjectNode params) {
    if (!client.isStateless()) {
      return exchange(call, method, params, client.sessionHeaders(), reply -> { });
    }
    ObjectNode base = params.deepCopy();
    JsonNode givenResponses = base.remove("inputResponses");
    JsonNode givenState = base.remove("requestState");
    JsonNode responses = givenResponses;
    String state = givenState != null && givenState.isString() ? givenState.asString() : null;
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      ObjectNode roundParams = base.deepCopy();
      roundParams.set("_meta", envelope.meta(base.path("_meta"), call.progressToken));
      if (responses != null) {
        roundParams.set("inputResponses", responses);
      }
      if (state != null) {
        roundParams.put("requestState", state);
      }
      JsonNode result = exchange(call, method, roundParams, envelope.statelessHeaders(method, roundParams), reply -> { });
      if (result == null || !"input_required".equals(result.path("resultType").asString(""))) {
        return result;
      }
      ObjectNode answers = Json.object();
      responses = answers;
      JsonNode requests = result.path("inputRequests");
      for (Map.Entry<String, JsonNode> entry : requests.properties()) {
        ServerQuestion question = new ServerQuestion(entry.getValue().path("method").asString(""),
            entry.getValue().path("params"), entry.getKey());
        call.question(question);
        Answer answer = call.conversation.answer(question);
        if (answer == null) {
          throw McpAssertions.failure(unscripted(call, question).getMessage(), call.exchanges());
        }
        if (answer.isNever()) {
          return result;
        }
        answers.set(entry.getKey(), answer.result());
      }
      JsonNode nextState = result.get("requestState");
      state = nextState == null || nextState.isNull() ? null : nextState.asString();
    }
    throw McpAssertions.failure(method + " asked for input more than " + MAX_ROUNDS + " rounds", call.exchanges());
  }

  /**
   * One JSON-RPC request over one POST (and the GETs that resume its stream): reads the answer,
   * hearing progress and logs, and answering the server's questions on the way.
   */
  JsonNode exchange(Call call, String method, ObjectNode params, Map<String, String> headers,
      Consumer<Wire.Reply> onHeaders) {
    long id = ids.incrementAndGet();
    JsonNode idNode = Json.NODES.numberNode(id);
    if (call.progressToken != null && !client.isStateless()) {
      JsonNode existing = params.path("_meta");
      ObjectNode meta = existing.isObject() ? (ObjectNode) existing.deepCopy() : Json.object();
      meta.put("progressToken", call.progressToken);
      params.set("_meta", meta);
    }
    ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
    message.set("params", params);
    call.requestId = idNode;
    Wire.Reply reply;
    try {
      reply = wire.post(Json.compact(message), headers, call.deadlineNanos);
    } catch (Wire.WireException e) {
      call.exchange(e.exchange());
      if (call.cancelled) {
        return null;
      }
      throw McpAssertions.failure(method + ": " + e.exchange().note(), call.exchanges());
    }
    call.current = reply;
    if (call.cancelled && client.isStateless()) {
      reply.abort();
    }
    onHeaders.accept(reply);
    String lastEventId = "";
    for (int resumption = 0; ; resumption++) {
      JsonNode answer;
      if (!reply.isEventStream()) {
        String body = reply.readBody();
        Exchange done = reply.finish("");
        call.exchange(done);
        if (call.cancelled && body.isBlank()) {
          return null;
        }
        answer = parseAnswer(call, method, done, body);
        return answerOf(call, method, done, answer);
      }
      if (reply.status() != 200) {
        Exchange done = reply.finish("");
        call.exchange(done);
        throw new McpResponseException(method, reply.status(), McpResponseException.NO_CODE,
            "unexpected status for an event stream", null, call.exchanges());
      }
      JsonNode response = null;
      AssertionError problem = null;
      for (Exchange.Event event = reply.nextEvent(); event != null; event = reply.nextEvent()) {
        if (!event.id().isEmpty()) {
          lastEventId = event.id();
        }
        if (!event.hasData()) {
          continue;
        }
        JsonNode received;
        try {
          received = Json.parse(event.data());
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (received.has("method") && received.has("id")) {
          problem = answerOnSession(call, received);
          if (problem != null) {
            break;
          }
        } else if (received.has("method")) {
          heard(call, received);
        } else if (received.has("id") && Json.same(received.get("id"), idNode)) {
          response = received;
          break;
        }
      }
      Exchange done = reply.finish(response == null && call.cancelled ? "ended without an answer: cancelled" : "");
      reply.close();
      call.exchange(done);
      if (problem != null) {
        throw McpAssertions.failure(problem.getMessage(), call.exchanges());
      }
      if (response != null) {
        return answerOf(call, method, done, response);
      }
      if (call.cancelled) {
        return null;
      }
      if (reply.timedOut()) {
        throw McpAssertions.failure(method + " got no answer within " + call.timeoutText, call.exchanges());
      }
      if (client.isStateless() || lastEventId.isEmpty() || resumption >= MAX_RESUMPTIONS) {
        throw McpAssertions.failure(method + ": the stream ended without an answer", call.exchanges());
      }
      pause(reply.retry());
      Map<String, String> resume = new LinkedHashMap<>(client.sessionHeaders());
      resume.put("Last-Event-ID", lastEventId);
      try {
        reply = wire.get(resume, call.deadlineNanos);
      } catch (Wire.WireException e) {
        call.exchange(e.exchange());
        throw McpAssertions.failure(method + ": resuming the stream failed: " + e.exchange().note(),
            call.exchanges());
      }
      call.current = reply;
    }
  }

  private static void pause(String retry) {
    long millis = 100;
    try {
      millis = Math.max(0, Math.min(2_000, Long.parseLong(retry.strip())));
    } catch (NumberFormatException e) {
      // the default
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private JsonNode parseAnswer(Call call, String method, Exchange done, String body) {
    JsonNode answer;
    try {
      answer = Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw new McpResponseException(method, done.status(), McpResponseException.NO_CODE,
          body.isBlank() ? "an empty response" : "a response that is not JSON", null, call.exchanges());
    }
    return answer;
  }

  private JsonNode answerOf(Call call, String method, Exchange done, JsonNode answer) {
    JsonNode error = answer.get("error");
    if (error != null && error.isObject()) {
      throw new McpResponseException(method, done.status(), error.path("code").asInt(McpResponseException.NO_CODE),
          error.path("message").asString(""), error.get("data"), call.exchanges());
    }
    if (done.status() < 200 || done.status() >= 300) {
      throw new McpResponseException(method, done.status(), McpResponseException.NO_CODE,
          "HTTP " + done.status(), null, call.exchanges());
    }
    JsonNode result = answer.get("result");
    if (result == null || !result.isObject()) {
      throw McpAssertions.failure(method + ": the answer has no result object", call.exchanges());
    }
    return result;
  }

  /** A notification that arrived on a request's stream. */
  private static void heard(Call call, JsonNode message) {
    String method = message.path("method").asString("");
    JsonNode params = message.path("params");
    switch (method) {
      case "notifications/progress" -> call.progress(new Progress(params.path("progress").asDouble(),
          params.has("total") ? params.get("total").asDouble() : null,
          params.has("message") ? params.get("message").asString() : null));
      case "notifications/message" -> call.log(new LogMessage(
          LoggingLevel.fromWire(params.path("level").asString("")).orElse(LoggingLevel.INFO),
          params.has("logger") ? params.get("logger").asString() : null, params.path("data")));
      default -> call.notification(message);
    }
  }

  /**
   * A request of the server on a session's stream: answered by the script, with a POST.
   *
   * @return null, or what went wrong (the caller ends the stream's exchange first, then fails)
   */
  private AssertionError answerOnSession(Call call, JsonNode request) {
    JsonNode serverId = request.get("id");
    ServerQuestion question = new ServerQuestion(request.path("method").asString(""), request.path("params"),
        serverId.isString() ? serverId.asString() : Json.compact(serverId));
    if ("ping".equals(question.method())) {
      return postAnswer(call, serverId, Json.object());
    }
    call.question(question);
    Answer answer = call.conversation.answer(question);
    if (answer == null) {
      call.cancelled = true;
      try {
        cancel(call);
      } catch (RuntimeException | AssertionError e) {
        // the failure returned says what matters
      }
      return unscripted(call, question);
    }
    return answer.isNever() ? null : postAnswer(call, serverId, answer.result());
  }

  private AssertionError postAnswer(Call call, JsonNode serverId, JsonNode result) {
    ObjectNode response = Json.object().put("jsonrpc", "2.0");
    response.set("id", serverId);
    response.set("result", result);
    Exchange sent;
    try (Wire.Reply reply = wire.post(Json.compact(response), client.sessionHeaders(), call.deadlineNanos)) {
      reply.readBody();
      sent = reply.finish("");
    } catch (Wire.WireException e) {
      sent = e.exchange();
    }
    call.exchange(sent);
    if (sent.status() != 202) {
      return new AssertionError("the server did not accept the answer to its request " + serverId + " (HTTP "
          + sent.status() + ", expected 202)");
    }
    return null;
  }

  private static AssertionError unscripted(Call call, ServerQuestion question) {
    return new AssertionError("the server asked " + question.method()
        + (question.message().isEmpty() ? "" : " (\"" + question.message() + "\")")
        + " during " + call.method + ", and the test's ClientScript has no answer for it: give the client or the"
        + " call one, such as ClientScript.acceptElicitation(...), .onSampling(...), .onRoots(...) or"
        + " ClientScript.neverAnswer()");
  }

  /** Cancels a call as its era does: {@code notifications/cancelled} on a session, a hang-up in 2026-07-28. */
  void cancel(Call call) {
    if (client.isStateless()) {
      Wire.Reply reply = call.current;
      if (reply != null) {
        reply.abort();
      }
      return;
    }
    JsonNode id = call.requestId;
    if (id != null) {
      ObjectNode params = Json.object();
      params.set("requestId", id);
      params.put("reason", "cancelled by the test");
      Exchange sent = client.notifyRaw("notifications/cancelled", params);
      call.exchange(sent);
    }
  }
}
