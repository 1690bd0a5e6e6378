package dev.switchboard.mcp.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.mcp.annotations.AnnotatedHandlers;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Icon;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpcMessage;
import dev.switchboard.mcp.protocol.JsonRpcNotification;
import dev.switchboard.mcp.protocol.JsonRpcRequest;
import dev.switchboard.mcp.protocol.JsonRpcResponse;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.schema.JsonSchemaGenerator;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.OutboundChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An MCP server: its identity, what it offers (tools, resources, prompts, completions), and the
 * protocol logic that serves them. Built once by {@link #builder(String, String)} and shared by every
 * session; all per-client state lives in {@link McpSession}.
 *
 * <p>Its configuration is immutable. What it offers may change at run time through
 * {@link #addTool}, {@link #removeTool} and their siblings: each change swaps an immutable snapshot
 * and tells every session that can hear it, with {@code notifications/.../list_changed}.
 *
 * <pre>{@code
 * McpServer server = McpServer.builder("weather", "1.0.0")
 *     .register(new WeatherTools())          // @McpTool, @McpResource, @McpPrompt methods
 *     .build();
 * }</pre>
 */
public final class McpServer {
  /** The result of {@code initialize}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record InitializeResult(String protocolVersion, Map<String, Object> capabilities,
      Implementation serverInfo, @Nullable String instructions) {}

  private final Implementation serverInfo;
  private final @Nullable String instructions;
  private final Registry registry;
  private final Dispatcher dispatcher;

  private McpServer(Builder builder) {
    this.serverInfo = new Implementation(builder.name, builder.version, builder.title, builder.description,
        builder.websiteUrl, builder.icons);
    this.instructions = builder.instructions;
    this.registry = builder.registrations.registry();
    Executor executor = builder.executor != null ? builder.executor : HandlerExecutors.createDefault();
    ClientRequests clientRequests = new ClientRequests(JsonRpcCodec.standard().mapper(),
        new JsonSchemaGenerator(JsonRpcCodec.standard().mapper(), AnnotatedHandlers.propertyHints()),
        builder.clientRequestTimeout);
    this.dispatcher = new Dispatcher(this, registry, executor, builder.pageSize, clientRequests,
        builder.rootsListener);
  }

  /**
   * Starts a server definition.
   *
   * @param name the server's programmatic name, sent as {@code serverInfo.name}
   * @param version the server's version
   * @return a builder
   */
  public static Builder builder(String name, String version) {
    return new Builder(name, version);
  }

  /**
   * Returns the server's name and version as sent in {@code initialize}.
   *
   * @return the server info
   */
  public Implementation serverInfo() {
    return serverInfo;
  }

  /**
   * Returns the tools offered now, sorted by name.
   *
   * @return an immutable list
   */
  public List<Tool> tools() {
    return registry.tools.get().all().stream().map(Registry.ToolEntry::tool).toList();
  }

  /**
   * Returns the resources offered now, sorted by URI.
   *
   * @return an immutable list
   */
  public List<Resource> resources() {
    return registry.resources.get().all().stream().map(Registry.ResourceEntry::resource).toList();
  }

  /**
   * Returns the resource templates offered now, sorted by template.
   *
   * @return an immutable list
   */
  public List<ResourceTemplate> resourceTemplates() {
    return registry.templates.get().all().stream().map(Registry.TemplateEntry::template).toList();
  }

  /**
   * Returns the prompts offered now, sorted by name.
   *
   * @return an immutable list
   */
  public List<Prompt> prompts() {
    return registry.prompts.get().all().stream().map(Registry.PromptEntry::prompt).toList();
  }

  /**
   * Adds a tool at run time and tells sessions the tool list changed.
   *
   * @param tool the definition
   * @param handler its code
   * @throws IllegalArgumentException when a tool with that name exists
   */
  public void addTool(Tool tool, ToolHandler handler) {
    Registry.ToolEntry entry = Registry.ToolEntry.of(tool, handler);
    registry.change(registry.tools, catalog -> catalog.with(entry, "tool"), Registry.TOOLS_CHANGED);
  }

  /**
   * Removes a tool at run time and tells sessions the tool list changed. Calls already running finish.
   *
   * @param name the tool's name
   */
  public void removeTool(String name) {
    Objects.requireNonNull(name, "name");
    registry.change(registry.tools, catalog -> catalog.without(name), Registry.TOOLS_CHANGED);
  }

  /**
   * Adds a resource at run time and tells sessions the resource list changed.
   *
   * @param resource the definition
   * @param handler its code
   * @throws IllegalArgumentException when a resource with that URI exists
   */
  public void addResource(Resource resource, ResourceHandler handler) {
    Registry.ResourceEntry entry = Registry.ResourceEntry.of(resource, handler);
    registry.change(registry.resources, catalog -> catalog.with(entry, "resource"), Registry.RESOURCES_CHANGED);
  }

  /**
   * Removes a resource at run time and tells sessions the resource list changed.
   *
   * @param uri the resource's URI
   */
  public void removeResource(String uri) {
    Objects.requireNonNull(uri, "uri");
    registry.change(registry.resources, catalog -> catalog.without(uri), Registry.RESOURCES_CHANGED);
  }

  /**
   * Adds a resource template at run time and tells sessions the resource list changed.
   *
   * @param template the definition
   * @param handler its code
   * @throws IllegalArgumentException when the template exists or cannot be parsed
   */
  public void addResourceTemplate(ResourceTemplate template, ResourceTemplateHandler handler) {
    Registry.TemplateEntry entry = Registry.TemplateEntry.of(template, handler);
    registry.change(registry.templates, catalog -> catalog.with(entry, "resource template"),
        Registry.RESOURCES_CHANGED);
  }

  /**
   * Removes a resource template at run time and tells sessions the resource list changed.
   *
   * @param uriTemplate the template
   */
  public void removeResourceTemplate(String uriTemplate) {
    Objects.requireNonNull(uriTemplate, "uriTemplate");
    registry.change(registry.templates, catalog -> catalog.without(uriTemplate), Registry.RESOURCES_CHANGED);
  }

  /**
   * Adds a prompt at run time and tells sessions the prompt list changed.
   *
   * @param prompt the definition
   * @param handler its code
   * @throws IllegalArgumentException when a prompt with that name exists
   */
  public void addPrompt(Prompt prompt, PromptHandler handler) {
    Registry.PromptEntry entry = Registry.PromptEntry.of(prompt, handler);
    registry.change(registry.prompts, catalog -> catalog.with(entry, "prompt"), Registry.PROMPTS_CHANGED);
  }

  /**
   * Removes a prompt at run time and tells sessions the prompt list changed.
   *
   * @param name the prompt's name
   */
  public void removePrompt(String name) {
    Objects.requireNonNull(name, "name");
    registry.change(registry.prompts, catalog -> catalog.without(name), Registry.PROMPTS_CHANGED);
  }

  /**
   * Tells every session subscribed to a resource that it changed
   * ({@code notifications/resources/updated}, on each session's GET stream).
   *
   * @param uri the resource's URI
   */
  public void notifyResourceUpdated(String uri) {
    Objects.requireNonNull(uri, "uri");
    registry.tell(listener -> listener.resourceUpdated(uri));
  }

  /**
   * Registers a listener for changes sessions must hear about. Transports use it to notify their
   * sessions.
   *
   * @param listener the listener
   */
  public void addServerListener(ServerListener listener) {
    registry.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Unregisters a listener.
   *
   * @param listener the listener passed to {@link #addServerListener}
   */
  public void removeServerListener(ServerListener listener) {
    registry.removeListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Reads an {@code initialize} request and negotiates its revision: the client's when supported,
   * otherwise the newest this server speaks.
   *
   * @param request the {@code initialize} request
   * @return what the new session starts with
   * @throws McpException with -32602 when the parameters are unusable
   */
  public InitializeRequest negotiate(JsonRpcRequest request) {
    Objects.requireNonNull(request, "request");
    JsonNode params = request.params();
    JsonNode version = params == null ? null : params.get("protocolVersion");
    if (version == null || !version.isString()) {
      throw McpException.invalidParams("initialize needs a string \"protocolVersion\"");
    }
    ProtocolVersion negotiated = ProtocolVersion.fromWire(version.stringValue())
        .filter(ProtocolVersion.SESSION_REVISIONS::contains)
        .orElse(ProtocolVersion.LATEST);
    JsonNode info = params.path("clientInfo");
    Implementation clientInfo = Implementation.of(
        info.path("name").asString("unknown"), info.path("version").asString("unknown"));
    return new InitializeRequest(negotiated, clientInfo, ClientCapabilities.fromJson(params.get("capabilities")));
  }

  /**
   * Serves one message of a session. A request's response (and anything sent while it runs) goes to
   * {@code channel}, the stream of the POST that carried it; handlers run on the handler executor, so
   * this method may return before they finish. Notifications and client responses are consumed at
   * once and never write to the channel.
   *
   * @param message the message
   * @param session the session it belongs to
   * @param channel the stream of the POST that carried it
   */
  public void handle(JsonRpcMessage message, McpSession session, OutboundChannel channel) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(channel, "channel");
    if (message instanceof JsonRpcRequest request) {
      dispatcher.request(request, session, channel);
    } else if (message instanceof JsonRpcNotification notification) {
      dispatcher.notification(notification, session);
    } else if (message instanceof JsonRpcResponse response) {
      dispatcher.response(response, session);
    }
  }

  InitializeResult initializeResult(ProtocolVersion version) {
    return new InitializeResult(version.wireName(), registry.capabilities(), serverInfo, instructions);
  }

  /** Builds a {@link McpServer}; each setter checks its argument at once. */
  public static final class Builder {
    private final String name;
    private final String version;
    private @Nullable String title;
    private @Nullable String description;
    private @Nullable String websiteUrl;
    private @Nullable String instructions;
    private final List<Icon> icons = new ArrayList<>();
    private final Registrations registrations = new Registrations();
    private int pageSize = 50;
    private java.time.Duration clientRequestTimeout = java.time.Duration.ofMinutes(5);
    private java.util.function.@Nullable Consumer<McpSession> rootsListener;
    private @Nullable Executor executor;

    private Builder(String name, String version) {
      this.name = requireText(name, "name");
      this.version = requireText(version, "version");
    }

    private static String requireText(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }

    /**
     * Sets the display name.
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = requireText(title, "title");
      return this;
    }

    /**
     * Sets a description of the server.
     *
     * @param description the description
     * @return this builder
     */
    public Builder description(String description) {
      this.description = requireText(description, "description");
      return this;
    }

    /**
     * Sets the server's web site.
     *
     * @param url the URL
     * @return this builder
     */
    public Builder websiteUrl(String url) {
      this.websiteUrl = requireText(url, "websiteUrl");
      return this;
    }

    /**
     * Sets instructions the client may give the model about using this server.
     *
     * @param instructions the instructions
     * @return this builder
     */
    public Builder instructions(String instructions) {
      this.instructions = requireText(instructions, "instructions");
      return this;
    }

    /**
     * Adds an icon of the server.
     *
     * @param icon the icon
     * @return this builder
     */
    public Builder icon(Icon icon) {
      icons.add(Objects.requireNonNull(icon, "icon"));
      return this;
    }

    /**
     * Adds a tool.
     *
     * @param tool the definition listed by {@code tools/list}
     * @param handler the code that runs on {@code tools/call}
     * @return this builder
     * @throws IllegalArgumentException when a tool with that name was already added
     */
    public Builder tool(Tool tool, ToolHandler handler) {
      registrations.tool(tool, handler, "tool(...)");
      return this;
    }

    /**
     * Adds a resource.
     *
     * @param resource the definition listed by {@code resources/list}
     * @param handler the code that runs on {@code resources/read}
     * @return this builder
     * @throws IllegalArgumentException when a resource with that URI was already added
     */
    public Builder resource(Resource resource, ResourceHandler handler) {
      registrations.resource(resource, handler, "resource(...)");
      return this;
    }

    /**
     * Adds a resource template.
     *
     * @param template the definition listed by {@code resources/templates/list}
     * @param handler the code that reads any matching resource
     * @return this builder
     * @throws IllegalArgumentException when the template was already added or cannot be parsed
     */
    public Builder resourceTemplate(ResourceTemplate template, ResourceTemplateHandler handler) {
      registrations.resourceTemplate(template, handler, "resourceTemplate(...)");
      return this;
    }

    /**
     * Adds a prompt.
     *
     * @param prompt the definition listed by {@code prompts/list}
     * @param handler the code that runs on {@code prompts/get}
     * @return this builder
     * @throws IllegalArgumentException when a prompt with that name was already added
     */
    public Builder prompt(Prompt prompt, PromptHandler handler) {
      registrations.prompt(prompt, handler, "prompt(...)");
      return this;
    }

    /**
     * Adds completion for the arguments of a prompt.
     *
     * @param promptName the prompt
     * @param handler the code that suggests values
     * @return this builder
     */
    public Builder promptCompletion(String promptName, CompletionHandler handler) {
      Objects.requireNonNull(promptName, "promptName");
      registrations.completion(Registry.promptKey(promptName), handler, "promptCompletion(...)");
      return this;
    }

    /**
     * Adds completion for the variables of a resource template.
     *
     * @param uriTemplate the template
     * @param handler the code that suggests values
     * @return this builder
     */
    public Builder resourceCompletion(String uriTemplate, CompletionHandler handler) {
      Objects.requireNonNull(uriTemplate, "uriTemplate");
      registrations.completion(Registry.resourceKey(uriTemplate), handler, "resourceCompletion(...)");
      return this;
    }

    /**
     * Adds the tools, resources, prompts and completions declared by annotated methods
     * ({@code @McpTool}, {@code @McpResource}, {@code @McpPrompt}, {@code @McpComplete}). Each object
     * is scanned once, here; a {@code Class} contributes its static methods.
     *
     * @param handlers objects with annotated methods
     * @return this builder
     * @throws IllegalArgumentException naming the class and method of a bad or duplicate declaration
     */
    public Builder register(Object... handlers) {
      for (Object handler : handlers) {
        registrations.annotated(AnnotatedHandlers.scan(Objects.requireNonNull(handler, "handler")));
      }
      return this;
    }

    /**
     * Sets how many items a list method returns per page.
     *
     * @param size between 1 and 10,000; default 50
     * @return this builder
     */
    public Builder pageSize(int size) {
      if (size < 1 || size > 10_000) {
        throw new IllegalArgumentException("pageSize must be between 1 and 10000, was " + size);
      }
      this.pageSize = size;
      return this;
    }

    /**
     * Runs code when a client says its roots changed ({@code notifications/roots/list_changed}), for
     * example to call {@code listRoots()} again. It runs on the handler executor.
     *
     * @param listener told which session's roots changed
     * @return this builder
     */
    public Builder onRootsChanged(java.util.function.Consumer<McpSession> listener) {
      this.rootsListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how long a handler waits for the client to answer an elicitation, sampling or roots request.
     *
     * @param timeout a positive duration; default 5 minutes (elicitation waits for a person)
     * @return this builder
     */
    public Builder clientRequestTimeout(java.time.Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("clientRequestTimeout must be positive, was " + timeout);
      }
      this.clientRequestTimeout = timeout;
      return this;
    }

    /**
     * Sets where handlers run. By default: a new virtual thread per call on Java 21+, else a pool of
     * 200 threads.
     *
     * @param executor the executor; the server never shuts it down
     * @return this builder
     */
    public Builder handlerExecutor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the server.
     *
     * @return the server
     * @throws IllegalArgumentException when a completion refers to an unknown prompt or template
     */
    public McpServer build() {
      return new McpServer(this);
    }
  }
}
