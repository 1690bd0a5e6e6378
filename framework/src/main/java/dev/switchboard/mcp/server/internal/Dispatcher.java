package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.CacheHint;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.PromptArgument;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.protocol.internal.Texts;
import dev.switchboard.mcp.schema.internal.SchemaValidator;
import dev.switchboard.mcp.server.CompletionHandler;
import dev.switchboard.mcp.server.ToolArguments;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.internal.CallLimitException;
import dev.switchboard.mcp.session.internal.Caller;
import dev.switchboard.mcp.session.internal.SessionState;
import java.time.Duration;
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
 * Serves one message. Built-in methods answer inline; user handlers run on the handler executor.
 * Every answer goes to the channel of the POST that carried the request. This is the one place that
 * turns throwables into JSON-RPC errors, and the one that knows which methods each era has.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final Map<String, Object> EMPTY_RESULT = Map.of();

  /** The result of {@code completion/complete}. */
  record CompleteResult(Completion completion) {}

  private final ServerCore server;
  private final Registry registry;
  private final Executor executor;
  private final Listings listings;
  private final @Nullable Consumer<McpSession> rootsListener;
  private final ModernResults modern;
  private final Rounds rounds;
  private final Subscriptions subscriptions;
  private final HandlerCalls calls;

  Dispatcher(ServerCore server, Registry registry, Executor executor, ClientRequests clientRequests,
      ModernResults modern, Rounds rounds, Subscriptions subscriptions) {
    this.server = server;
    this.registry = registry;
    this.executor = executor;
    this.listings = new Listings(registry, server.access(), server.settings().pageSize());
    this.rootsListener = server.settings().rootsListener();
    this.modern = modern;
    this.rounds = rounds;
    this.subscriptions = subscriptions;
    this.calls = new HandlerCalls(server, executor, clientRequests, modern, rounds);
  }

  void request(JsonRpcRequest request, Caller caller, OutboundChannel channel) {
    RequestId id = request.id();
    try {
      Optional<SessionState> session = caller.session();
      if (session.isPresent()) {
        sessionRequest(request, session.get(), channel);
      } else {
        statelessRequest(request, caller, channel);
      }
    } catch (McpException e) {
      channel.send(JsonRpcResponse.failure(id, JsonRpcError.of(e)));
    } catch (CallLimitException e) {
      channel.send(JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INVALID_REQUEST,
          "Too many calls in flight: " + e.getMessage() + "; wait for some to finish")));
    } catch (RuntimeException e) {
      LOG.error("failed to serve {} (id {}) for {}", Texts.echo(request.method()), id, caller.describe(), e);
      channel.send(JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error")));
    }
  }

  /** The methods of the 2025 revisions, within a session. */
  private void sessionRequest(JsonRpcRequest request, SessionState session, OutboundChannel channel) {
    RequestId id = request.id();
    JsonNode params = request.params();
    switch (request.method()) {
      case "tools/call" -> callTool(request, session, channel);
      case "ping" -> channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
      case "tools/list" -> channel.send(JsonRpcResponse.success(id, listings.tools(params, channel.httpRequest().principal())));
      case "resources/read" -> readResource(request, session, channel);
      case "resources/list" -> channel.send(JsonRpcResponse.success(id, listings.resources(params, channel.httpRequest().principal())));
      case "resources/templates/list" -> channel.send(JsonRpcResponse.success(id, listings.templates(params, channel.httpRequest().principal())));
      case "prompts/get" -> getPrompt(request, session, channel);
      case "prompts/list" -> channel.send(JsonRpcResponse.success(id, listings.prompts(params, channel.httpRequest().principal())));
      case "completion/complete" -> complete(request, session, channel);
      case "resources/subscribe" -> {
        session.subscriptions().add(Params.requireString(params, "uri", "resources/subscribe"));
        channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
      }
      case "resources/unsubscribe" -> {
        session.subscriptions().remove(Params.requireString(params, "uri", "resources/unsubscribe"));
        channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
      }
      case "initialize" -> channel.send(JsonRpcResponse.success(id, server.initializeResult(session.protocolVersion())));
      case "logging/setLevel" -> {
        session.setLogLevel(Params.logLevel(params));
        channel.send(JsonRpcResponse.success(id, EMPTY_RESULT));
      }
      default -> throw methodNotFound(request.method());
    }
  }

  /**
   * The methods of 2026-07-28, each request on its own. A method whose capability the server does not
   * declare does not exist (-32601), as for {@code initialize}, {@code ping} and the other methods
   * that revision removed.
   */
  private void statelessRequest(JsonRpcRequest request, Caller caller, OutboundChannel channel) {
    RequestId id = request.id();
    JsonNode params = request.params();
    CacheHint lists = server.settings().listCacheHint();
    switch (request.method()) {
      case "server/discover" -> channel.send(JsonRpcResponse.success(id,
          modern.complete(server.discoverResult(), CacheHint.NONE)));
      case "tools/call" -> {
        offered("tools", request);
        callTool(request, caller, channel);
      }
      case "tools/list" -> {
        offered("tools", request);
        channel.send(JsonRpcResponse.success(id, modern.complete(listings.tools(params, channel.httpRequest().principal()), lists)));
      }
      case "resources/read" -> {
        offered("resources", request);
        readResource(request, caller, channel);
      }
      case "resources/list" -> {
        offered("resources", request);
        channel.send(JsonRpcResponse.success(id, modern.complete(listings.resources(params, channel.httpRequest().principal()), lists)));
      }
      case "resources/templates/list" -> {
        offered("resources", request);
        channel.send(JsonRpcResponse.success(id, modern.complete(listings.templates(params, channel.httpRequest().principal()), lists)));
      }
      case "prompts/get" -> {
        offered("prompts", request);
        getPrompt(request, caller, channel);
      }
      case "prompts/list" -> {
        offered("prompts", request);
        channel.send(JsonRpcResponse.success(id, modern.complete(listings.prompts(params, channel.httpRequest().principal()), lists)));
      }
      case "completion/complete" -> {
        offered("completions", request);
        complete(request, caller, channel);
      }
      case "subscriptions/listen" -> subscriptions.listen(request, caller, channel);
      default -> throw methodNotFound(request.method());
    }
  }

  private void offered(String capability, JsonRpcRequest request) {
    if (!registry.offers(capability)) {
      throw methodNotFound(request.method());
    }
  }

  private static McpException methodNotFound(String method) {
    return new McpException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + Texts.echo(method));
  }

  void notification(JsonRpcNotification notification, Caller caller) {
    SessionState session = caller.session().orElse(null);
    if (session == null) {
      LOG.debug("ignored notification {} of a stateless request", Texts.echo(notification.method()));
      return;
    }
    switch (notification.method()) {
      case "notifications/initialized" -> session.markInitialized();
      case "notifications/cancelled" -> {
        JsonNode params = notification.params();
        RequestId target = params == null ? null : RequestId.fromJson(params.get("requestId"));
        if (target != null) {
          int count = session.cancelCalls(target);
          LOG.debug("session {}: cancelled {} call(s) with id {}", session.loggedId(), count, target);
        }
      }
      case "notifications/roots/list_changed" -> rootsChanged(session);
      default -> LOG.debug("session {}: ignored notification {}", session.loggedId(), Texts.echo(notification.method()));
    }
  }

  private void rootsChanged(SessionState session) {
    Consumer<McpSession> listener = rootsListener;
    if (listener == null) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          listener.accept(session);
        } catch (RuntimeException e) {
          LOG.warn("roots listener failed for session {}", session.loggedId(), e);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.warn("handler executor is saturated; roots change of session {} not reported", session.loggedId());
    }
  }

  void response(JsonRpcResponse response, Caller caller) {
    SessionState session = caller.session().orElse(null);
    if (session == null || !session.pendingRequests().complete(response)) {
      LOG.debug("{}: response to unknown request id {} ignored", caller.describe(), response.id());
    }
  }

  // ---- user handlers, run off the container thread

  private void callTool(JsonRpcRequest request, Caller caller, OutboundChannel channel) {
    JsonNode params = Params.of(request);
    String name = Params.requireString(params, "name", "tools/call");
    Registry.ToolEntry tool = registry.toolCatalog().get(name);
    if (tool == null) {
      throw McpException.invalidParams("Unknown tool: " + Texts.echo(name));
    }
    JsonNode arguments = params.get("arguments");
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      throw McpException.invalidParams("tools/call \"arguments\" must be an object");
    }
    ObjectNode args = arguments instanceof ObjectNode object ? object
        : JsonNodeFactory.instance.objectNode();
    Replay replay = rounds.open(request, caller, channel, name, args);
    // Input errors are tool errors (SEP-1303): the model reads them and can correct its call.
    List<String> problems = tool.validator().validate(args);
    if (!problems.isEmpty()) {
      CallToolResult invalid = CallToolResult.error(
          "Invalid arguments for tool '" + name + "': " + String.join("; ", problems));
      channel.send(JsonRpcResponse.success(request.id(), calls.complete(caller, invalid)));
      return;
    }
    ToolArguments toolArguments = ToolArguments.of((ObjectNode) tool.validator().withDefaults(args), server.mapper());
    Duration deadline = tool.timeout() != null ? tool.timeout() : server.settings().toolTimeout();
    calls.run(request, caller, channel, replay, "tool", name,
        context -> checkedOutput(tool, tool.handler().call(toolArguments, context)), HandlerCalls::toolError, deadline);
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

  private void readResource(JsonRpcRequest request, Caller caller, OutboundChannel channel) {
    String uri = Params.requireString(request.params(), "uri", "resources/read");
    Registry.ResourceEntry resource = registry.resourceCatalog().get(uri);
    if (resource != null) {
      calls.run(request, caller, channel, rounds.open(request, caller, channel, uri, null), "resource", uri,
          context -> resource.handler().read(uri, context), HandlerCalls::handlerError);
      return;
    }
    Registry.TemplateMatch match = registry.matchTemplate(uri);
    if (match != null) {
      calls.run(request, caller, channel, rounds.open(request, caller, channel, uri, null), "resource", uri,
          context -> match.entry().handler().read(uri, match.variables(), context), HandlerCalls::handlerError);
      return;
    }
    // 2026-07-28 made an unknown resource an invalid-params error (SEP-2164); sessions keep -32002.
    int code = caller.protocolVersion().isStateless() ? ErrorCodes.INVALID_PARAMS : ErrorCodes.RESOURCE_NOT_FOUND;
    throw new McpException(code, "Resource not found: " + Texts.echo(uri),
        JsonNodeFactory.instance.objectNode().put("uri", Texts.clip(uri, 2048)));
  }

  private void getPrompt(JsonRpcRequest request, Caller caller, OutboundChannel channel) {
    String name = Params.requireString(request.params(), "name", "prompts/get");
    Registry.PromptEntry prompt = registry.promptCatalog().get(name);
    if (prompt == null) {
      throw McpException.invalidParams("Unknown prompt: " + Texts.echo(name));
    }
    JsonNode rawArguments = Params.of(request).get("arguments");
    Map<String, String> arguments = Params.stringMap(rawArguments, "prompts/get \"arguments\"");
    for (PromptArgument argument : prompt.prompt().arguments()) {
      if (argument.required() && !arguments.containsKey(argument.name())) {
        throw McpException.invalidParams("Missing required argument '" + argument.name() + "' of prompt '" + name + "'");
      }
    }
    calls.run(request, caller, channel, rounds.open(request, caller, channel, name, rawArguments), "prompt", name,
        context -> prompt.handler().get(arguments, context), HandlerCalls::handlerError);
  }

  private void complete(JsonRpcRequest request, Caller caller, OutboundChannel channel) {
    JsonNode params = Params.of(request);
    JsonNode ref = params.get("ref");
    if (ref == null || !ref.isObject()) {
      throw McpException.invalidParams("completion/complete needs a \"ref\"");
    }
    String key = switch (ref.path("type").asString("")) {
      case "ref/prompt" -> {
        String name = Params.requireString(ref, "name", "ref/prompt");
        if (registry.promptCatalog().get(name) == null) {
          throw McpException.invalidParams("Unknown prompt: " + Texts.echo(name));
        }
        yield Registry.promptKey(name);
      }
      case "ref/resource" -> {
        String uri = Params.requireString(ref, "uri", "ref/resource");
        if (registry.templateCatalog().get(uri) == null && registry.resourceCatalog().get(uri) == null) {
          throw McpException.invalidParams("Unknown resource template: " + Texts.echo(uri));
        }
        yield Registry.resourceKey(uri);
      }
      default -> throw McpException.invalidParams("ref.type must be \"ref/prompt\" or \"ref/resource\"");
    };
    JsonNode argument = params.get("argument");
    String name = Params.requireString(argument, "name", "completion/complete argument");
    String value = argument.path("value").asString("");
    Map<String, String> context = Params.stringMap(params.path("context").get("arguments"), "context.arguments");
    CompletionHandler handler = registry.completion(key);
    if (handler == null) {
      channel.send(JsonRpcResponse.success(request.id(), calls.complete(caller, new CompleteResult(Completion.empty()))));
      return;
    }
    calls.run(request, caller, channel, null, "completion of", name,
        ctx -> new CompleteResult(handler.complete(name, value, context, ctx)), HandlerCalls::handlerError);
  }

}
