package dev.switchboard.mcp.server.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.PromptArgument;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.schema.internal.SchemaValidator;
import dev.switchboard.mcp.server.CompletionHandler;
import dev.switchboard.mcp.server.ToolArguments;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.internal.InFlightCall;
import dev.switchboard.mcp.session.internal.SessionState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves one message for one session. Built-in methods answer inline; user handlers run on the
 * handler executor. Every answer goes to the channel of the POST that carried the request. This is
 * the one place that turns throwables into JSON-RPC errors.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final Map<String, Object> EMPTY_RESULT = Map.of();

  /** The result of {@code tools/list}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListToolsResult(List<Tool> tools, @Nullable String nextCursor) {}

  /** The result of {@code resources/list}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListResourcesResult(List<Resource> resources, @Nullable String nextCursor) {}

  /** The result of {@code resources/templates/list}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListResourceTemplatesResult(List<ResourceTemplate> resourceTemplates, @Nullable String nextCursor) {}

  /** The result of {@code prompts/list}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListPromptsResult(List<Prompt> prompts, @Nullable String nextCursor) {}

  /** The result of {@code completion/complete}. */
  record CompleteResult(Completion completion) {}

  /** How a handler's exception is answered: a tool error the model reads, or a JSON-RPC error. */
  @FunctionalInterface
  private interface Failure {
    JsonRpcResponse answer(RequestId id, Exception e);
  }

  /** User code that produces a result, run for one request. */
  @FunctionalInterface
  private interface Work {
    Object run(CallContext context) throws Exception;
  }

  private final ServerCore server;
  private final Registry registry;
  private final Executor executor;
  private final int pageSize;
  private final ClientRequests clientRequests;
  private final @Nullable Consumer<McpSession> rootsListener;

  Dispatcher(ServerCore server, Registry registry, Executor executor, int pageSize, ClientRequests clientRequests,
      @Nullable Consumer<McpSession> rootsListener) {
    this.server = server;
    this.registry = registry;
    this.executor = executor;
    this.pageSize = pageSize;
    this.clientRequests = clientRequests;
    this.rootsListener = rootsListener;
  }

  void request(JsonRpcRequest request, SessionState session, OutboundChannel channel) {
    RequestId id = request.id();
    JsonNode params = request.params();
    try {
      switch (request.method()) {
        case "tools/call" -> callTool(request, session, channel);
        case "ping" -> channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
        case "tools/list" -> channel.send(JsonRpcResponse.success(id, listTools(params)));
        case "resources/read" -> readResource(request, session, channel);
        case "resources/list" -> channel.send(JsonRpcResponse.success(id, listResources(params)));
        case "resources/templates/list" -> channel.send(JsonRpcResponse.success(id, listTemplates(params)));
        case "prompts/get" -> getPrompt(request, session, channel);
        case "prompts/list" -> channel.send(JsonRpcResponse.success(id, listPrompts(params)));
        case "completion/complete" -> complete(request, session, channel);
        case "resources/subscribe" -> {
          session.subscribe(requireString(params, "uri", "resources/subscribe"));
          channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
        }
        case "resources/unsubscribe" -> {
          session.unsubscribe(requireString(params, "uri", "resources/unsubscribe"));
          channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
        }
        case "initialize" -> channel.send(JsonRpcResponse.success(id, server.initializeResult(session.protocolVersion())));
        case "logging/setLevel" -> {
          session.setLogLevel(logLevel(params));
          channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
        }
        default -> channel.send(JsonRpcResponse.failure(id,
            JsonRpcError.of(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + request.method())));
      }
    } catch (McpException e) {
      channel.send(JsonRpcResponse.failure(id, JsonRpcError.of(e)));
    } catch (RuntimeException e) {
      LOG.error("failed to serve {} (id {}) for session {}", request.method(), id, session.id(), e);
      channel.send(JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error")));
    }
  }

  void notification(JsonRpcNotification notification, SessionState session) {
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
      case "notifications/roots/list_changed" -> {
        Consumer<McpSession> listener = rootsListener;
        if (listener != null) {
          try {
            executor.execute(() -> {
              try {
                listener.accept(session);
              } catch (RuntimeException e) {
                LOG.warn("roots listener failed for session {}", session.id(), e);
              }
            });
          } catch (RejectedExecutionException e) {
            LOG.warn("handler executor is saturated; roots change of session {} not reported", session.id());
          }
        }
      }
      default -> LOG.debug("session {}: ignored notification {}", session.id(), notification.method());
    }
  }

  void response(JsonRpcResponse response, SessionState session) {
    if (!session.pendingRequests().complete(response)) {
      LOG.debug("session {}: response to unknown request id {} ignored", session.id(), response.id());
    }
  }

  // ---- lists, answered inline from immutable snapshots

  private @Nullable String cursor(@Nullable JsonNode params) {
    if (params == null || !params.hasNonNull("cursor")) {
      return null;
    }
    JsonNode cursor = params.get("cursor");
    if (!cursor.isString()) {
      throw McpException.invalidParams("Invalid cursor");
    }
    return cursor.stringValue();
  }

  private ListToolsResult listTools(@Nullable JsonNode params) {
    Catalog.Page<Registry.ToolEntry> page = registry.tools.get().page(cursor(params), pageSize);
    return new ListToolsResult(page.entries().stream().map(Registry.ToolEntry::tool).toList(), page.nextCursor());
  }

  private ListResourcesResult listResources(@Nullable JsonNode params) {
    Catalog.Page<Registry.ResourceEntry> page = registry.resources.get().page(cursor(params), pageSize);
    return new ListResourcesResult(page.entries().stream().map(Registry.ResourceEntry::resource).toList(),
        page.nextCursor());
  }

  private ListResourceTemplatesResult listTemplates(@Nullable JsonNode params) {
    Catalog.Page<Registry.TemplateEntry> page = registry.templates.get().page(cursor(params), pageSize);
    return new ListResourceTemplatesResult(page.entries().stream().map(Registry.TemplateEntry::template).toList(),
        page.nextCursor());
  }

  private ListPromptsResult listPrompts(@Nullable JsonNode params) {
    Catalog.Page<Registry.PromptEntry> page = registry.prompts.get().page(cursor(params), pageSize);
    return new ListPromptsResult(page.entries().stream().map(Registry.PromptEntry::prompt).toList(), page.nextCursor());
  }

  private static LoggingLevel logLevel(@Nullable JsonNode params) {
    String level = requireString(params, "level", "logging/setLevel");
    return LoggingLevel.fromWire(level).orElseThrow(() -> McpException.invalidParams("Unknown log level: " + level));
  }

  private static String requireString(@Nullable JsonNode params, String name, String method) {
    JsonNode node = params == null ? null : params.get(name);
    if (node == null || !node.isString()) {
      throw McpException.invalidParams(method + " needs a string \"" + name + "\"");
    }
    return node.stringValue();
  }

  private static Map<String, String> stringMap(@Nullable JsonNode node, String what) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw McpException.invalidParams(what + " must be an object");
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.forEachEntry((key, value) -> map.put(key, value.isString() ? value.stringValue() : value.toString()));
    return map;
  }

  // ---- user handlers, run off the container thread

  private void callTool(JsonRpcRequest request, SessionState session, OutboundChannel channel) {
    JsonNode params = request.params();
    String name = requireString(params, "name", "tools/call");
    Registry.ToolEntry tool = registry.tools.get().get(name);
    if (tool == null) {
      throw McpException.invalidParams("Unknown tool: " + name);
    }
    JsonNode arguments = params.get("arguments");
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      throw McpException.invalidParams("tools/call \"arguments\" must be an object");
    }
    ObjectNode args = arguments instanceof ObjectNode object ? object
        : JsonNodeFactory.instance.objectNode();
    // Input errors are tool errors (SEP-1303): the model reads them and can correct its call.
    List<String> problems = tool.validator().validate(args);
    if (!problems.isEmpty()) {
      channel.send(JsonRpcResponse.success(request.id(),
          CallToolResult.error("Invalid arguments for tool '" + name + "': " + String.join("; ", problems))));
      return;
    }
    ToolArguments toolArguments = ToolArguments.of((ObjectNode) tool.validator().withDefaults(args), server.mapper());
    run(request, session, channel, "tool", name,
        context -> checkedOutput(tool, tool.handler().call(toolArguments, context)), Dispatcher::toolError);
  }

  /**
   * A result that breaks the tool's own output schema would be refused by the client's SDK, so it is
   * a tool error instead, and the server's log says what was wrong: the mistake is the server's.
   */
  private static CallToolResult checkedOutput(Registry.ToolEntry tool, @Nullable CallToolResult result) {
    String name = tool.tool().name();
    if (result == null) {
      LOG.warn("tool {} returned no result (null); the client gets a tool error", name);
      return CallToolResult.error("The tool returned no result");
    }
    SchemaValidator output = tool.output();
    if (output == null || result.isError()) {
      return result;
    }
    JsonNode structured = result.structuredContent();
    List<String> problems = structured == null ? List.of("structuredContent is missing") : output.validate(structured);
    if (problems.isEmpty()) {
      return result;
    }
    LOG.warn("tool {} returned a result that does not match its output schema, so the client gets a tool error: {}",
        name, String.join("; ", problems));
    return CallToolResult.error("Tool '" + name + "' produced a result that does not match its output schema;"
        + " the server's log has the details");
  }

  private void readResource(JsonRpcRequest request, SessionState session, OutboundChannel channel) {
    String uri = requireString(request.params(), "uri", "resources/read");
    Registry.ResourceEntry resource = registry.resources.get().get(uri);
    if (resource != null) {
      run(request, session, channel, "resource", uri, context -> resource.handler().read(uri, context),
          Dispatcher::handlerError);
      return;
    }
    for (Registry.TemplateEntry template : registry.templates.get().all()) {
      Optional<Map<String, String>> variables = template.uriTemplate().match(uri);
      if (variables.isPresent()) {
        run(request, session, channel, "resource", uri,
            context -> template.handler().read(uri, variables.get(), context), Dispatcher::handlerError);
        return;
      }
    }
    throw new McpException(ErrorCodes.RESOURCE_NOT_FOUND, "Resource not found: " + uri,
        JsonNodeFactory.instance.objectNode().put("uri", uri));
  }

  private void getPrompt(JsonRpcRequest request, SessionState session, OutboundChannel channel) {
    String name = requireString(request.params(), "name", "prompts/get");
    Registry.PromptEntry prompt = registry.prompts.get().get(name);
    if (prompt == null) {
      throw McpException.invalidParams("Unknown prompt: " + name);
    }
    Map<String, String> arguments = stringMap(request.params().get("arguments"), "prompts/get \"arguments\"");
    for (PromptArgument argument : prompt.prompt().arguments()) {
      if (argument.required() && !arguments.containsKey(argument.name())) {
        throw McpException.invalidParams("Missing required argument '" + argument.name() + "' of prompt '" + name + "'");
      }
    }
    run(request, session, channel, "prompt", name, context -> prompt.handler().get(arguments, context),
        Dispatcher::handlerError);
  }

  private void complete(JsonRpcRequest request, SessionState session, OutboundChannel channel) {
    JsonNode params = request.params();
    JsonNode ref = params == null ? null : params.get("ref");
    if (ref == null || !ref.isObject()) {
      throw McpException.invalidParams("completion/complete needs a \"ref\"");
    }
    String key = switch (ref.path("type").asString("")) {
      case "ref/prompt" -> {
        String name = requireString(ref, "name", "ref/prompt");
        if (registry.prompts.get().get(name) == null) {
          throw McpException.invalidParams("Unknown prompt: " + name);
        }
        yield Registry.promptKey(name);
      }
      case "ref/resource" -> {
        String uri = requireString(ref, "uri", "ref/resource");
        if (registry.templates.get().get(uri) == null && registry.resources.get().get(uri) == null) {
          throw McpException.invalidParams("Unknown resource template: " + uri);
        }
        yield Registry.resourceKey(uri);
      }
      default -> throw McpException.invalidParams("ref.type must be \"ref/prompt\" or \"ref/resource\"");
    };
    JsonNode argument = params.get("argument");
    String name = requireString(argument, "name", "completion/complete argument");
    String value = argument.path("value").asString("");
    Map<String, String> context = stringMap(params.path("context").get("arguments"), "context.arguments");
    CompletionHandler handler = registry.completion(key);
    if (handler == null) {
      channel.send(JsonRpcResponse.success(request.id(), new CompleteResult(Completion.empty())));
      return;
    }
    run(request, session, channel, "completion of", name,
        ctx -> new CompleteResult(handler.complete(name, value, context, ctx)), Dispatcher::handlerError);
  }

  /**
   * Runs user code for a request on the handler executor, as a cancellable call of the session. Its
   * result, or the error {@code failure} makes of what it threw, goes to the request's channel.
   * {@code kind} and {@code name} say what ran, for the logs only, which join them.
   */
  private void run(JsonRpcRequest request, SessionState session, OutboundChannel channel, String kind, String name,
      Work work, Failure failure) {
    InFlightCall call = session.beginCall(request.id());
    if (call == null) {
      throw new McpException(ErrorCodes.INVALID_REQUEST, "Session has ended");
    }
    CallContext context = new CallContext(request, session, channel, call, clientRequests, server);
    try {
      executor.execute(() -> runCall(kind, name, work, failure, context));
    } catch (RejectedExecutionException e) {
      session.endCall(call);
      session.callAnswered();
      LOG.warn("handler executor is saturated; refused {} {} for session {}", kind, name, session.id());
      throw new McpException(ErrorCodes.INTERNAL_ERROR, "Server is overloaded, retry later");
    }
  }

  private static void runCall(String kind, String name, Work work, Failure failure, CallContext context) {
    InFlightCall call = context.call();
    RequestId id = context.requestId();
    JsonRpcResponse response = null;
    try {
      if (call.start()) {
        response = JsonRpcResponse.success(id, work.run(context));
      }
    } catch (McpException e) {
      response = JsonRpcResponse.failure(id, JsonRpcError.of(e));
    } catch (Exception e) {
      if (!call.isCancelled()) {
        LOG.debug("{} {} failed", kind, name, e);
        response = failure.answer(id, e);
      }
    } catch (Throwable e) {
      LOG.error("{} {} failed", kind, name, e);
      response = JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error"));
    } finally {
      call.finish();
      // The call ends before its answer is written, so idle time counts from the moment it was produced.
      context.callSession().endCall(call);
      // A cancelled request gets no response; its stream stops waiting for one. Any other call is
      // answered, even when the error handling itself failed.
      if (call.isCancelled()) {
        context.channel().abandon(id);
      } else {
        context.channel().send(response != null ? response
            : JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error")));
      }
      context.callSession().callAnswered();
    }
  }

  /** A tool's failure is a result the model can read. */
  private static JsonRpcResponse toolError(RequestId id, Exception e) {
    return JsonRpcResponse.success(id, CallToolResult.error(describe(e)));
  }

  /** Other handlers' failures are errors: bad input is the caller's, anything else is ours. */
  private static JsonRpcResponse handlerError(RequestId id, Exception e) {
    if (e instanceof IllegalArgumentException) {
      return JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INVALID_PARAMS, describe(e)));
    }
    LOG.warn("handler failed", e);
    return JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error"));
  }

  private static String describe(Exception e) {
    if (e instanceof InterruptedException) {
      return "The call was interrupted";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
