package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.Root;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.protocol.SamplingResult;
import dev.switchboard.mcp.protocol.UrlElicitation;
import java.util.List;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpcError;
import dev.switchboard.mcp.protocol.JsonRpcNotification;
import dev.switchboard.mcp.protocol.JsonRpcRequest;
import dev.switchboard.mcp.protocol.JsonRpcResponse;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.session.InFlightCall;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.OutboundChannel;
import dev.switchboard.mcp.session.PendingRequests;
import dev.switchboard.mcp.session.RequestContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The context of one call: it writes only to the channel of the POST that carried the request. */
final class CallContext implements RequestContext {
  private static final long NO_PROGRESS = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);

  private final JsonRpcRequest request;
  private final McpSession session;
  private final OutboundChannel channel;
  private final InFlightCall call;
  private final @Nullable JsonNode progressToken;
  private final AtomicLong lastProgress = new AtomicLong(NO_PROGRESS);
  private final ClientRequests clientRequests;

  CallContext(JsonRpcRequest request, McpSession session, OutboundChannel channel, InFlightCall call,
      ClientRequests clientRequests) {
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
  McpSession callSession() {
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
    ObjectNode params = JsonRpcCodec.standard().mapper().createObjectNode();
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
    ObjectNode params = JsonRpcCodec.standard().mapper().createObjectNode();
    params.put("level", level.wireName());
    if (logger != null) {
      params.put("logger", logger);
    }
    params.set("data", JsonRpcCodec.standard().mapper().valueToTree(data));
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
    PendingRequests.Registration registration = session.pendingRequests().register(timeout);
    if (!channel.send(new JsonRpcRequest(registration.id(), method, params))) {
      registration.response().cancel(false);
      throw new IllegalStateException("the request's stream is closed; cannot send " + method);
    }
    JsonRpcResponse response;
    try {
      response = registration.response().get();
    } catch (InterruptedException e) {
      registration.response().cancel(false);
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
