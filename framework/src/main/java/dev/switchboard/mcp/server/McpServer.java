package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Icon;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpcMessage;
import dev.switchboard.mcp.protocol.JsonRpcNotification;
import dev.switchboard.mcp.protocol.JsonRpcRequest;
import dev.switchboard.mcp.protocol.JsonRpcResponse;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.OutboundChannel;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An MCP server definition: its identity, its tools, and the protocol logic that serves them. Built
 * once by {@link #builder(String, String)}, immutable, and shared by every session; all per-client
 * state lives in {@link McpSession}.
 *
 * <pre>{@code
 * McpServer server = McpServer.builder("weather", "1.0.0")
 *     .tool(Tool.builder("echo").inputSchema("...").build(),
 *           (args, ctx) -> CallToolResult.text(args.string("text")))
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
  private final ToolTable tools;
  private final Map<ProtocolVersion, InitializeResult> initializeResults;
  private final Dispatcher dispatcher;
  private final JsonRpcCodec codec = JsonRpcCodec.standard();

  private McpServer(Builder builder) {
    this.serverInfo = new Implementation(builder.name, builder.version, builder.title, builder.description,
        builder.websiteUrl, builder.icons);
    this.instructions = builder.instructions;
    this.tools = new ToolTable(builder.tools.values());
    Map<String, Object> capabilities = new LinkedHashMap<>();
    capabilities.put("logging", Map.of());
    if (!tools.isEmpty()) {
      capabilities.put("tools", Map.of("listChanged", false));
    }
    Map<String, Object> frozen = Map.copyOf(capabilities);
    Map<ProtocolVersion, InitializeResult> results = new EnumMap<>(ProtocolVersion.class);
    for (ProtocolVersion version : ProtocolVersion.values()) {
      results.put(version, new InitializeResult(version.wireName(), frozen, serverInfo, instructions));
    }
    this.initializeResults = results;
    Executor executor = builder.executor != null ? builder.executor : HandlerExecutors.createDefault();
    this.dispatcher = new Dispatcher(this, tools, executor, builder.pageSize);
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
   * Returns the tools, sorted by name.
   *
   * @return an immutable list
   */
  public List<Tool> tools() {
    return tools.all();
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
   * {@code channel}, the stream of the POST that carried it; tool handlers run on the handler
   * executor, so this method returns before they finish. Notifications and client responses are
   * consumed at once and never write to the channel.
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

  JsonRpcCodec codec() {
    return codec;
  }

  InitializeResult initializeResult(ProtocolVersion version) {
    return initializeResults.get(version);
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
    private final Map<String, ToolTable.Entry> tools = new LinkedHashMap<>();
    private int pageSize = 50;
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
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(handler, "handler");
      if (tools.putIfAbsent(tool.name(), new ToolTable.Entry(tool, handler)) != null) {
        throw new IllegalArgumentException("a tool named '" + tool.name() + "' was already added");
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
     * Sets where tool handlers run. By default: a new virtual thread per call on Java 21+, else a
     * pool of 200 threads.
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
     * @return the immutable server
     */
    public McpServer build() {
      return new McpServer(this);
    }
  }
}
