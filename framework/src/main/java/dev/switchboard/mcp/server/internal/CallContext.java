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
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.server.HttpRequestInfo;
import dev.switchboard.mcp.server.RequestContext;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.internal.InFlightCall;
import dev.switchboard.mcp.session.internal.PendingRequests;
import dev.switchboard.mcp.session.internal.SessionState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The context of one call: it writes only to the channel of the POST that carried the request. */
final class CallContext implements RequestContext {
  private static final long NO_PROGRESS = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);

  private final JsonRpcRequest request;
  private final SessionState session;
  private final OutboundChannel channel;
  private final InFlightCall call;
  private final @Nullable JsonNode progressToken;
  private final AtomicLong lastProgress = new AtomicLong(NO_PROGRESS);
  private final ClientRequests clientRequests;
  private final ServerCore server;

  CallContext(JsonRpcRequest request, SessionState session, OutboundChannel channel, InFlightCall call,
      ClientRequests clientRequests, ServerCore server) {
    this.server = server;
    this.request = request;
    this.clientRequests = clientRequests;
    this.session = session;
    this.channel = channel;
    this.call = call;
    JsonNode params = request.params();
    JsonNode token = params == null ? null : params.path("_meta").get("progressToken");
    this.progressToken = token != null && (token.isString() || token.isNumber()) ? token : null;
  }

  /** The session the call belongs to; unlike {@link #session()}, never empty. */
  SessionState callSession() {
    return session;
  }

  InFlightCall call() {
    return call;
  }

  OutboundChannel channel() {
    return channel;
  }

  @Override
  public RequestId requestId() {
    return request.id();
  }

  @Override
  public Optional<McpSession> session() {
    return Optional.of(session);
  }

  @Override
  public ProtocolVersion protocolVersion() {
    return session.protocolVersion();
  }

  @Override
  public Implementation clientInfo() {
    return session.clientInfo();
  }

  @Override
  public ClientCapabilities clientCapabilities() {
    return session.clientCapabilities();
  }

  @Override
  public HttpRequestInfo httpRequest() {
    return channel.httpRequest();
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
    if (session.logLevel().map(min -> level.compareTo(min) < 0).orElse(false)) {
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
  public <T> ElicitationResult<T> elicit(String message, Class<T> form) throws TimeoutException, InterruptedException {
    return clientRequests.elicit(this, message, form);
  }

  @Override
  public ElicitationResult<ObjectNode> elicit(String message, ObjectNode requestedSchema)
      throws TimeoutException, InterruptedException {
    return clientRequests.elicitForm(this, message, Objects.requireNonNull(requestedSchema, "requestedSchema"));
  }

  @Override
  public ElicitationResult<Void> elicitUrl(UrlElicitation elicitation) throws TimeoutException, InterruptedException {
    return clientRequests.elicitUrl(this, elicitation);
  }

  @Override
  public SamplingResult createMessage(SamplingRequest samplingRequest) throws TimeoutException, InterruptedException {
    return clientRequests.createMessage(this, samplingRequest);
  }

  @Override
  public List<Root> listRoots() throws TimeoutException, InterruptedException {
    return clientRequests.listRoots(this);
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
    // Register before writing: a client that answers at once must find the future waiting.
    PendingRequests.Registration registration = session.pendingRequests().register();
    CompletableFuture<JsonRpcResponse> answer = registration.response();
    // The timeout runs on the server's clock, so tests can move time forward instead of waiting.
    Future<?> timer = server.time().schedule(() -> answer.completeExceptionally(new TimeoutException()), timeout);
    try {
      if (!channel.send(new JsonRpcRequest(registration.id(), method, params))) {
        answer.cancel(false);
        throw new IllegalStateException("the request's stream is closed; cannot send " + method);
      }
      return result(answer, method, timeout);
    } finally {
      timer.cancel(false);
    }
  }

  private static JsonNode result(CompletableFuture<JsonRpcResponse> answer, String method, Duration timeout)
      throws TimeoutException, InterruptedException {
    JsonRpcResponse response;
    try {
      response = answer.get();
    } catch (InterruptedException e) {
      answer.cancel(false);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException timeoutException) {
        TimeoutException thrown = new TimeoutException(method + " got no response within " + timeout);
        thrown.initCause(timeoutException);
        throw thrown;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
    JsonRpcError error = response.error();
    if (error != null) {
      throw new McpException(error.code(), error.message(), error.data());
    }
    return (JsonNode) Objects.requireNonNull(response.result());
  }
}
