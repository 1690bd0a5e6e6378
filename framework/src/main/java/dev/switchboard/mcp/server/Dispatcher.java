package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.JsonRpcError;
import dev.switchboard.mcp.protocol.JsonRpcNotification;
import dev.switchboard.mcp.protocol.JsonRpcRequest;
import dev.switchboard.mcp.protocol.JsonRpcResponse;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.session.InFlightCall;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.OutboundChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves one message for one session. Built-in methods answer inline; tools run on the handler
 * executor. Every answer goes to the channel of the POST that carried the request. This is the one
 * place that turns throwables into JSON-RPC errors.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final Map<String, Object> EMPTY_RESULT = Map.of();

  /** The result of {@code tools/list}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListToolsResult(List<Tool> tools, @Nullable String nextCursor) {}

  private final McpServer server;
  private final ToolTable tools;
  private final Executor executor;
  private final int pageSize;

  Dispatcher(McpServer server, ToolTable tools, Executor executor, int pageSize) {
    this.server = server;
    this.tools = tools;
    this.executor = executor;
    this.pageSize = pageSize;
  }

  void request(JsonRpcRequest request, McpSession session, OutboundChannel channel) {
    RequestId id = request.id();
    try {
      switch (request.method()) {
        case "tools/call" -> callTool(request, session, channel);
        case "ping" -> channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
        case "tools/list" -> channel.send(JsonRpcResponse.success(id, listTools(request.params())));
        case "initialize" -> channel.send(JsonRpcResponse.success(id, server.initializeResult(session.protocolVersion())));
        case "logging/setLevel" -> {
          session.setLogLevel(logLevel(request.params()));
          channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
        }
        default -> channel.send(JsonRpcResponse.failure(id,
            JsonRpcError.of(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + request.method())));
      }
    } catch (McpException e) {
      channel.send(JsonRpcResponse.failure(id, e.toError()));
    } catch (RuntimeException e) {
      LOG.error("failed to serve {} (id {}) for session {}", request.method(), id, session.id(), e);
      channel.send(JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error")));
    }
  }

  void notification(JsonRpcNotification notification, McpSession session) {
    switch (notification.method()) {
      case "notifications/initialized" -> session.markInitialized();
      case "notifications/cancelled" -> {
        JsonNode params = notification.params();
        RequestId target = params == null ? null : RequestId.fromJson(params.get("requestId"));
        if (target != null) {
          int count = session.cancelCalls(target);
          LOG.debug("session {}: cancelled {} call(s) with id {}", session.id(), count, target);
        }
      }
      default -> LOG.debug("session {}: ignored notification {}", session.id(), notification.method());
    }
  }

  void response(JsonRpcResponse response, McpSession session) {
    if (!session.pendingRequests().complete(response)) {
      LOG.debug("session {}: response to unknown request id {} ignored", session.id(), response.id());
    }
  }

  private ListToolsResult listTools(@Nullable JsonNode params) {
    String cursor = null;
    if (params != null && params.hasNonNull("cursor")) {
      JsonNode node = params.get("cursor");
      if (!node.isString()) {
        throw McpException.invalidParams("Invalid cursor");
      }
      cursor = node.stringValue();
    }
    ToolTable.Page page = tools.page(cursor, pageSize);
    return new ListToolsResult(page.tools(), page.nextCursor());
  }

  private static LoggingLevel logLevel(@Nullable JsonNode params) {
    JsonNode level = params == null ? null : params.get("level");
    if (level == null || !level.isString()) {
      throw McpException.invalidParams("logging/setLevel needs a string \"level\"");
    }
    return LoggingLevel.fromWire(level.stringValue())
        .orElseThrow(() -> McpException.invalidParams("Unknown log level: " + level.stringValue()));
  }

  private void callTool(JsonRpcRequest request, McpSession session, OutboundChannel channel) {
    JsonNode params = request.params();
    JsonNode nameNode = params == null ? null : params.get("name");
    if (nameNode == null || !nameNode.isString()) {
      throw McpException.invalidParams("tools/call needs a string \"name\"");
    }
    ToolTable.Entry tool = tools.get(nameNode.stringValue());
    if (tool == null) {
      throw McpException.invalidParams("Unknown tool: " + nameNode.stringValue());
    }
    JsonNode arguments = params.get("arguments");
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      throw McpException.invalidParams("tools/call \"arguments\" must be an object");
    }
    ObjectNode args = arguments instanceof ObjectNode object ? object : server.codec().mapper().createObjectNode();
    InFlightCall call = session.beginCall(request.id());
    if (call == null) {
      throw new McpException(ErrorCodes.INVALID_REQUEST, "Session has ended");
    }
    CallContext context = new CallContext(request, session, channel, call);
    try {
      executor.execute(() -> runTool(tool, new ToolArguments(args), context, call, session, channel));
    } catch (RejectedExecutionException e) {
      session.endCall(call);
      LOG.warn("handler executor is saturated; refused {} for session {}", tool.tool().name(), session.id());
      throw new McpException(ErrorCodes.INTERNAL_ERROR, "Server is overloaded, retry later");
    }
  }

  private static void runTool(ToolTable.Entry tool, ToolArguments args, CallContext context, InFlightCall call,
      McpSession session, OutboundChannel channel) {
    RequestId id = context.requestId();
    JsonRpcResponse response = null;
    try {
      response = invoke(tool, args, context, call);
    } catch (Throwable failure) {
      // Last resort, for a failure in the error handling itself: the caller still gets an answer.
      response = JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error"));
    } finally {
      call.finish();
      // The call ends before its answer is written, so idle time counts from the moment it was produced.
      session.endCall(call);
      // A cancelled request gets no response; its stream stops waiting for one.
      if (call.isCancelled() || response == null) {
        channel.abandon(id);
      } else {
        channel.send(response);
      }
    }
  }

  /** Runs the handler; returns its answer, or null when the call was cancelled before or while it ran. */
  private static @Nullable JsonRpcResponse invoke(ToolTable.Entry tool, ToolArguments args, CallContext context,
      InFlightCall call) {
    RequestId id = context.requestId();
    try {
      return call.start() ? JsonRpcResponse.success(id, tool.handler().call(args, context)) : null;
    } catch (McpException e) {
      return JsonRpcResponse.failure(id, e.toError());
    } catch (Exception e) {
      if (call.isCancelled()) {
        return null;
      }
      LOG.debug("tool {} failed", tool.tool().name(), e);
      return JsonRpcResponse.success(id, CallToolResult.error(describe(e)));
    } catch (Error e) {
      LOG.error("tool {} failed", tool.tool().name(), e);
      return JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error"));
    }
  }

  private static String describe(Exception e) {
    if (e instanceof InterruptedException) {
      return "The tool was interrupted";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
