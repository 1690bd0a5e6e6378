package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.session.internal.Caller;
import dev.switchboard.mcp.session.internal.InFlightCall;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open {@code subscriptions/listen} streams (2026-07-28): each gets the change notifications its
 * filter names, and only those, each tagged with the listen request's id. A stream lives until the
 * client closes it (which cancels its call) or the server ends it with a result (shutdown).
 */
final class Subscriptions implements ServerListener {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

  /** What one stream listens for. */
  private record Filter(boolean tools, boolean prompts, boolean resources, Set<String> resourceUris) {
    boolean wants(String method) {
      return switch (method) {
        case Registry.TOOLS_CHANGED -> tools;
        case Registry.PROMPTS_CHANGED -> prompts;
        case Registry.RESOURCES_CHANGED -> resources;
        default -> false;
      };
    }
  }

  /** One open stream. */
  private final class Listener {
    final RequestId id;
    final Filter filter;
    final OutboundChannel channel;
    final InFlightCall call;
    final Caller caller;
    final AtomicBoolean ended = new AtomicBoolean();

    Listener(RequestId id, Filter filter, OutboundChannel channel, InFlightCall call, Caller caller) {
      this.id = id;
      this.filter = filter;
      this.channel = channel;
      this.call = call;
      this.caller = caller;
    }

    void send(String method, ObjectNode params) {
      params.putObject("_meta").set(ModernResults.SUBSCRIPTION_ID, ModernResults.idNode(id));
      if (!channel.send(new JsonRpcNotification(method, params))) {
        end(null); // the stream is gone
      }
    }

    /** Ends the stream, with a final result when the server ends it, without one when the client left. */
    void end(@Nullable JsonRpcResponse finalResult) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      open.remove(this);
      signalEnded();
      call.finish();
      caller.endCall(call);
      if (finalResult != null) {
        channel.send(finalResult);
      } else {
        channel.abandon(id);
      }
      caller.callAnswered();
    }
  }

  private final Set<Listener> open = ConcurrentHashMap.newKeySet();
  private final ReentrantLock endedLock = new ReentrantLock();
  private final Condition ended = endedLock.newCondition();
  private final Registry registry;
  private final ModernResults results;

  Subscriptions(Registry registry, ModernResults results) {
    this.registry = registry;
    this.results = results;
  }

  /** Opens a stream: acknowledges at once with what will be honoured, then keeps it registered. */
  void listen(JsonRpcRequest request, Caller caller, OutboundChannel channel) {
    JsonNode requested = Params.of(request).get("notifications");
    if (requested == null || !requested.isObject()) {
      throw McpException.invalidParams("subscriptions/listen needs a \"notifications\" object");
    }
    Map<String, Object> offered = registry.capabilities();
    boolean resourcesOffered = offered.containsKey("resources");
    Set<String> uris = new LinkedHashSet<>();
    JsonNode subscriptions = requested.get("resourceSubscriptions");
    if (subscriptions != null && !subscriptions.isNull()) {
      if (!subscriptions.isArray()) {
        throw McpException.invalidParams("notifications.resourceSubscriptions must be an array of URIs");
      }
      subscriptions.forEach(uri -> {
        if (!uri.isString()) {
          throw McpException.invalidParams("notifications.resourceSubscriptions must be an array of URIs");
        }
        uris.add(uri.stringValue());
      });
    }
    Filter filter = new Filter(
        requested.path("toolsListChanged").asBoolean(false) && offered.containsKey("tools"),
        requested.path("promptsListChanged").asBoolean(false) && offered.containsKey("prompts"),
        requested.path("resourcesListChanged").asBoolean(false) && resourcesOffered,
        resourcesOffered ? Set.copyOf(uris) : Set.of());
    InFlightCall call = caller.beginCall(request.id());
    if (call == null) {
      throw new McpException(ErrorCodes.INTERNAL_ERROR, "The server is shutting down");
    }
    Listener listener = new Listener(request.id(), filter, channel, call, caller);
    ObjectNode honoured = JsonNodeFactory.instance.objectNode();
    if (filter.tools()) {
      honoured.put("toolsListChanged", true);
    }
    if (filter.prompts()) {
      honoured.put("promptsListChanged", true);
    }
    if (filter.resources()) {
      honoured.put("resourcesListChanged", true);
    }
    if (!filter.resourceUris().isEmpty()) {
      ArrayNode list = honoured.putArray("resourceSubscriptions");
      filter.resourceUris().forEach(list::add);
    }
    ObjectNode ack = JsonNodeFactory.instance.objectNode();
    ack.set("notifications", honoured);
    // Registered before the acknowledgement, so no change after the client learns it listens is missed.
    open.add(listener);
    call.onCancel(() -> listener.end(null));
    listener.send("notifications/subscriptions/acknowledged", ack);
  }

  @Override
  public void listChanged(String method) {
    for (Listener listener : open) {
      if (listener.filter.wants(method)) {
        listener.send(method, JsonNodeFactory.instance.objectNode());
      }
    }
  }

  @Override
  public void resourceUpdated(String uri) {
    for (Listener listener : open) {
      if (listener.filter.resourceUris().contains(uri)) {
        listener.send("notifications/resources/updated", JsonNodeFactory.instance.objectNode().put("uri", uri));
      }
    }
  }

  /** Ends every stream with its final result (the server is shutting down). */
  void endAll() {
    for (Listener listener : open) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      result.putObject("_meta").set(ModernResults.SUBSCRIPTION_ID, ModernResults.idNode(listener.id));
      listener.end(JsonRpcResponse.success(listener.id, results.complete(result, null)));
    }
    LOG.debug("ended the listen streams");
  }

  /** How many streams are open. */
  int size() {
    return open.size();
  }

  /** Waits until at most {@code count} streams are open; false when the time ran out first. */
  boolean awaitAtMost(int count, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    endedLock.lock();
    try {
      while (open.size() > count) {
        if (left <= 0) {
          return false;
        }
        left = ended.awaitNanos(left);
      }
      return true;
    } finally {
      endedLock.unlock();
    }
  }

  private void signalEnded() {
    endedLock.lock();
    try {
      ended.signalAll();
    } finally {
      endedLock.unlock();
    }
  }
}
