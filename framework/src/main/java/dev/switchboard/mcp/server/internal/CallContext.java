package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Root;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.protocol.SamplingResult;
import dev.switchboard.mcp.protocol.UrlElicitation;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.Texts;
import dev.switchboard.mcp.server.HttpRequestInfo;
import dev.switchboard.mcp.server.InputRequests;
import dev.switchboard.mcp.server.InputResponses;
import dev.switchboard.mcp.server.RequestContext;
import dev.switchboard.mcp.server.ToolErrorException;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.SessionClosedException;
import dev.switchboard.mcp.session.internal.Caller;
import dev.switchboard.mcp.session.internal.InFlightCall;
import dev.switchboard.mcp.session.internal.SessionState;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The context of one call: it writes only to the channel of the POST that carried the request. In
 * 2026-07-28 a call that may ask the client for input has a {@link Replay}: its asks are answered
 * from the client's retry, or end the run with {@link InputRequired}.
 */
final class CallContext implements RequestContext {
  private static final long NO_PROGRESS = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
  private static final List<String> TRACE_KEYS = List.of("traceparent", "tracestate", "baggage");

  private final JsonRpcRequest request;
  private final Caller caller;
  private final OutboundChannel channel;
  private final InFlightCall call;
  private final @Nullable JsonNode progressToken;
  private final AtomicLong lastProgress = new AtomicLong(NO_PROGRESS);
  private final ClientRequests clientRequests;
  private final ServerCore server;
  private final @Nullable Replay replay;
  private volatile boolean timedOut;
  private volatile @Nullable Future<?> deadline;

  CallContext(JsonRpcRequest request, Caller caller, OutboundChannel channel, InFlightCall call,
      ClientRequests clientRequests, ServerCore server, @Nullable Replay replay) {
    this.server = server;
    this.request = request;
    this.clientRequests = clientRequests;
    this.caller = caller;
    this.channel = channel;
    this.call = call;
    this.replay = replay;
    JsonNode params = request.params();
    JsonNode token = params == null ? null : params.path("_meta").get("progressToken");
    // A token is a string or an integer; anything else (1e400 would come back as "Infinity") is no token.
    this.progressToken = token != null && ((token.isString() && token.stringValue().length() <= 256)
        || (token.isIntegralNumber() && token.canConvertToLong())) ? token : null;
  }

  /** Who sent the call; unlike {@link #session()}, never empty. */
  Caller caller() {
    return caller;
  }

  InFlightCall call() {
    return call;
  }

  OutboundChannel channel() {
    return channel;
  }

  @Nullable Replay replay() {
    return replay;
  }

  void deadline(Future<?> timer) {
    this.deadline = timer;
  }

  void cancelDeadline() {
    Future<?> timer = deadline;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** Records that the call ran past its deadline, before it is cancelled for it. */
  void timedOut() {
    timedOut = true;
  }

  boolean isTimedOut() {
    return timedOut;
  }

  String method() {
    return request.method();
  }

  @Override
  public RequestId requestId() {
    return request.id();
  }

  @Override
  public Optional<McpSession> session() {
    return caller.session().map(McpSession.class::cast);
  }

  @Override
  public ProtocolVersion protocolVersion() {
    return caller.protocolVersion();
  }

  @Override
  public Implementation clientInfo() {
    return caller.clientInfo();
  }

  @Override
  public ClientCapabilities clientCapabilities() {
    return caller.clientCapabilities();
  }

  @Override
  public HttpRequestInfo httpRequest() {
    return channel.httpRequest();
  }

  @Override
  public Map<String, String> traceContext() {
    JsonNode params = request.params();
    JsonNode meta = params == null ? null : params.get("_meta");
    if (meta == null || !meta.isObject()) {
      return Map.of();
    }
    Map<String, String> trace = new LinkedHashMap<>();
    for (String key : TRACE_KEYS) {
      JsonNode value = meta.get(key);
      if (value != null && value.isString()) {
        trace.put(key, value.stringValue());
      }
    }
    return Collections.unmodifiableMap(trace);
  }

  @Override
  public Optional<String> progressToken() {
    return progressToken == null ? Optional.empty() : Optional.of(progressToken.asString());
  }

  @Override
  public void progress(double progress, @Nullable Double total, @Nullable String message) {
    long bits = Double.doubleToRawLongBits(progress);
    long previous;
    do {
      previous = lastProgress.get();
      if (!(progress > Double.longBitsToDouble(previous))) {
        throw new IllegalArgumentException("progress must increase: " + progress
            + " follows " + Double.longBitsToDouble(previous));
      }
    } while (!lastProgress.compareAndSet(previous, bits));
    if (progressToken == null) {
      return;
    }
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.set("progressToken", progressToken);
    params.put("progress", progress);
    if (total != null) {
      params.put("total", total.doubleValue());
    }
    if (message != null) {
      params.put("message", message);
    }
    channel.send(new JsonRpcNotification("notifications/progress", params));
  }

  @Override
  public void log(LoggingLevel level, @Nullable String logger, Object data) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(data, "data");
    if (!caller.wantsLogs(level)) {
      return;
    }
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("level", level.wireName());
    if (logger != null) {
      params.put("logger", logger);
    }
    params.set("data", server.mapper().valueToTree(data));
    channel.send(new JsonRpcNotification("notifications/message", params));
  }

  @Override
  public boolean isCancelled() {
    return call.isCancelled();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> ElicitationResult<T> elicit(String message, Class<T> form) throws TimeoutException, InterruptedException {
    return (ElicitationResult<T>) ask(clientRequests.elicit(caller, message, form));
  }

  @Override
  @SuppressWarnings("unchecked")
  public ElicitationResult<ObjectNode> elicit(String message, ObjectNode requestedSchema)
      throws TimeoutException, InterruptedException {
    return (ElicitationResult<ObjectNode>) ask(
        clientRequests.elicitForm(caller, message, Objects.requireNonNull(requestedSchema, "requestedSchema")));
  }

  @Override
  @SuppressWarnings("unchecked")
  public ElicitationResult<Void> elicitUrl(UrlElicitation elicitation) throws TimeoutException, InterruptedException {
    return (ElicitationResult<Void>) ask(clientRequests.elicitUrl(caller, elicitation));
  }

  @Override
  public SamplingResult createMessage(SamplingRequest samplingRequest) throws TimeoutException, InterruptedException {
    return (SamplingResult) ask(clientRequests.createMessage(caller, samplingRequest));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Root> listRoots() throws TimeoutException, InterruptedException {
    return (List<Root>) ask(clientRequests.listRoots(caller));
  }

  @Override
  public InputResponses ask(InputRequests questions) throws TimeoutException, InterruptedException {
    Objects.requireNonNull(questions, "questions");
    Map<String, ClientRequests.Ask> asks = new LinkedHashMap<>();
    for (InputRequests.Question question : questions.questions()) {
      asks.put(question.key(), clientRequests.question(caller, question)); // every capability checked first
    }
    Map<String, Object> answers = new LinkedHashMap<>();
    if (!caller.protocolVersion().isStateless()) {
      for (Map.Entry<String, ClientRequests.Ask> ask : asks.entrySet()) {
        answers.put(ask.getKey(), viaStream(ask.getValue()));
      }
      return InputResponses.of(answers);
    }
    Replay rounds = replayOrRefuse();
    Map<String, ObjectNode> missing = new LinkedHashMap<>();
    asks.forEach((key, ask) -> {
      JsonNode answer = rounds.answer(key);
      if (answer == null) {
        missing.put(key, inputRequest(ask));
      } else {
        answers.put(key, read(key, ask, answer));
      }
    });
    if (!missing.isEmpty()) {
      throw new InputRequired(missing);
    }
    return InputResponses.of(answers);
  }

  @Override
  public <T> T once(String key, Class<T> type, Callable<? extends T> work) throws Exception {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Replay rounds = replay;
    if (rounds == null) {
      return work.call();
    }
    JsonNode kept = rounds.carried(key);
    if (kept != null) {
      return server.mapper().treeToValue(kept, type);
    }
    T value = work.call();
    rounds.carry(key, server.mapper().valueToTree(value));
    return value;
  }

  @Override
  public void onCancel(Runnable action) {
    call.onCancel(action);
  }

  @Override
  public boolean disconnect() {
    return channel.disconnect();
  }

  @Override
  public JsonNode sendRequest(String method, @Nullable JsonNode params, Duration timeout)
      throws TimeoutException, InterruptedException {
    Objects.requireNonNull(method, "method");
    if (caller.protocolVersion().isStateless()) {
      if (!INPUT_METHODS.contains(method)) {
        throw new IllegalStateException("in " + caller.protocolVersion() + " the client can only be asked "
            + INPUT_METHODS + ", through a multi-round result; not " + Texts.echo(method));
      }
      if (params != null && !params.isObject()) {
        throw new IllegalArgumentException("params must be an object");
      }
      return (JsonNode) ask(new ClientRequests.Ask(method, (ObjectNode) params, result -> result));
    }
    return send(method, params, timeout);
  }

  private static final List<String> INPUT_METHODS = List.of("elicitation/create", "sampling/createMessage", "roots/list");

  /** One question, asked the way the revision asks: on the stream, or in a multi-round result. */
  private Object ask(ClientRequests.Ask ask) throws TimeoutException, InterruptedException {
    if (!caller.protocolVersion().isStateless()) {
      return viaStream(ask);
    }
    Replay rounds = replayOrRefuse();
    String key = rounds.nextKey();
    JsonNode answer = rounds.answer(key);
    if (answer == null) {
      throw new InputRequired(Map.of(key, inputRequest(ask)));
    }
    return read(key, ask, answer);
  }

  private Replay replayOrRefuse() {
    Replay rounds = replay;
    if (rounds == null) {
      throw new IllegalStateException("the client can be asked for input only while serving tools/call, prompts/get "
          + "or resources/read, not " + request.method());
    }
    return rounds;
  }

  private static ObjectNode inputRequest(ClientRequests.Ask ask) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("method", ask.method());
    ObjectNode params = ask.params();
    if (params != null) {
      request.set("params", params);
    }
    return request;
  }

  /** The client's answer from a retry; one of the wrong shape is the client's mistake, so -32602. */
  private static Object read(String key, ClientRequests.Ask ask, JsonNode answer) {
    try {
      return ask.reader().apply(answer);
    } catch (ToolErrorException | IllegalStateException | IllegalArgumentException e) {
      throw McpException.invalidParams("inputResponses[\"" + key + "\"] is not a valid answer to "
          + ask.method() + ": " + e.getMessage());
    }
  }

  private Object viaStream(ClientRequests.Ask ask) throws TimeoutException, InterruptedException {
    return ask.reader().apply(send(ask.method(), ask.params(), clientRequests.timeout()));
  }

  private JsonNode send(String method, @Nullable JsonNode params, Duration timeout)
      throws TimeoutException, InterruptedException {
    SessionState session = caller.session().orElseThrow(
        () -> new SessionClosedException("the request has no session to send " + Texts.echo(method) + " on"));
    return StreamRequests.send(session, channel, server.time(), method, params, timeout);
  }
}
