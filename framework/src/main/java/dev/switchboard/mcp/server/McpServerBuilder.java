package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.CacheHint;
import dev.switchboard.mcp.protocol.Icon;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.protocol.internal.Limits;
import dev.switchboard.mcp.server.internal.CallTracing;
import dev.switchboard.mcp.server.internal.Registrations;
import dev.switchboard.mcp.server.internal.Registry;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.server.internal.ServerSettings;
import dev.switchboard.mcp.session.McpSession;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Builds a {@link McpServer}; each setter checks its argument at once. */
public final class McpServerBuilder {
  private final String name;
  private final String version;
  private @Nullable String title;
  private @Nullable String description;
  private @Nullable String websiteUrl;
  private @Nullable String instructions;
  private final List<Icon> icons = new ArrayList<>();
  private final Registrations registrations = new Registrations();
  private int pageSize = 50;
  private Duration clientRequestTimeout = Duration.ofMinutes(5);
  private @Nullable JsonMapper mapper;
  private @Nullable TimeSource time;
  private @Nullable Consumer<McpSession> rootsListener;
  private @Nullable Executor executor;
  private CacheHint listCacheHint = CacheHint.NONE;
  private @Nullable SecretKey requestStateKey;
  private Duration requestStateLifetime = Duration.ofMinutes(15);
  private @Nullable Duration toolTimeout;
  private @Nullable OpenTelemetry openTelemetry;

  McpServerBuilder(String name, String version) {
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
  public McpServerBuilder title(String title) {
    this.title = requireText(title, "title");
    return this;
  }

  /**
   * Sets a description of the server.
   *
   * @param description the description
   * @return this builder
   */
  public McpServerBuilder description(String description) {
    this.description = requireText(description, "description");
    return this;
  }

  /**
   * Sets the server's web site.
   *
   * @param url the URL
   * @return this builder
   */
  public McpServerBuilder websiteUrl(String url) {
    this.websiteUrl = requireText(url, "websiteUrl");
    return this;
  }

  /**
   * Sets instructions the client may give the model about using this server.
   *
   * @param instructions the instructions
   * @return this builder
   */
  public McpServerBuilder instructions(String instructions) {
    this.instructions = requireText(instructions, "instructions");
    return this;
  }

  /**
   * Adds an icon of the server.
   *
   * @param icon the icon
   * @return this builder
   */
  public McpServerBuilder icon(Icon icon) {
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
  public McpServerBuilder tool(Tool tool, ToolHandler handler) {
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
  public McpServerBuilder resource(Resource resource, ResourceHandler handler) {
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
  public McpServerBuilder resourceTemplate(ResourceTemplate template, ResourceTemplateHandler handler) {
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
  public McpServerBuilder prompt(Prompt prompt, PromptHandler handler) {
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
  public McpServerBuilder promptCompletion(String promptName, CompletionHandler handler) {
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
  public McpServerBuilder resourceCompletion(String uriTemplate, CompletionHandler handler) {
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
  public McpServerBuilder register(Object... handlers) {
    for (Object handler : handlers) {
      registrations.annotated(Objects.requireNonNull(handler, "handler"), mapper());
    }
    return this;
  }

  /**
   * Sets how many items a list method returns per page.
   *
   * @param size between 1 and 10,000; default 50
   * @return this builder
   */
  public McpServerBuilder pageSize(int size) {
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
  public McpServerBuilder onRootsChanged(Consumer<McpSession> listener) {
    this.rootsListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Sets how long a handler waits for the client to answer an elicitation, sampling or roots request.
   *
   * @param timeout a positive duration; default 5 minutes (elicitation waits for a person)
   * @return this builder
   */
  public McpServerBuilder clientRequestTimeout(Duration timeout) {
    this.clientRequestTimeout = Limits.positive(timeout, "clientRequestTimeout");
    return this;
  }

  /**
   * Sets where handlers run. By default: a new virtual thread per call on Java 21+, else a pool of
   * 200 threads.
   *
   * @param executor the executor; the server never shuts it down
   * @return this builder
   */
  public McpServerBuilder handlerExecutor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * Traces every handler call with OpenTelemetry: a SERVER span named like {@code tools/call echo}, the
   * child of the client's trace context ({@code _meta.traceparent}, {@code tracestate} and
   * {@code baggage}, else the HTTP headers of those names), current while the handler runs so that its
   * own spans nest under it, with attributes {@code mcp.method.name}, {@code mcp.protocol.version} and
   * the tool's or prompt's name (or the resource's URI), and status ERROR with {@code error.type} when
   * the call failed, returned a tool error, was cancelled or timed out. Without it, calls are not traced.
   *
   * @param openTelemetry the application's OpenTelemetry (its tracer provider and propagators)
   * @return this builder
   */
  public McpServerBuilder openTelemetry(OpenTelemetry openTelemetry) {
    this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    return this;
  }

  /**
   * Builds the server.
   *
   * @return the server
   * @throws IllegalArgumentException when a completion refers to an unknown prompt or template
   */
  public McpServer build() {
    Implementation serverInfo = new Implementation(name, version, title, description, websiteUrl, icons);
    SecretKey key = requestStateKey != null ? requestStateKey : ServerSettings.randomStateKey();
    return new McpServer(new ServerCore(new ServerSettings(serverInfo, instructions, pageSize, clientRequestTimeout,
        rootsListener, executor, mapper(), time != null ? time : TimeSource.system(), listCacheHint, key,
        requestStateLifetime, toolTimeout, openTelemetry == null ? CallTracing.NONE : CallTracing.openTelemetry(openTelemetry)),
        registrations));
  }

  /**
   * Requires OAuth scopes of a tool's callers (when the endpoint checks authorization): a call without
   * them gets 403 {@code insufficient_scope}, and lists leave the tool out (see
   * {@link #hideFeaturesWithoutScopes}). The programmatic form of {@code @McpTool(scopes = ...)}.
   *
   * @param tool the tool's name
   * @param scopes the scopes
   * @return this builder
   */
  public McpServerBuilder toolScopes(String tool, String... scopes) {
    registrations.requireScopes("tool:" + Objects.requireNonNull(tool, "tool"), List.of(scopes));
    return this;
  }

  /**
   * As {@link #toolScopes}, for a prompt.
   *
   * @param prompt the prompt's name
   * @param scopes the scopes
   * @return this builder
   */
  public McpServerBuilder promptScopes(String prompt, String... scopes) {
    registrations.requireScopes("prompt:" + Objects.requireNonNull(prompt, "prompt"), List.of(scopes));
    return this;
  }

  /**
   * As {@link #toolScopes}, for a resource, or for every resource a URI template matches.
   *
   * @param uri the resource's URI, or a URI template
   * @param scopes the scopes
   * @return this builder
   */
  public McpServerBuilder resourceScopes(String uri, String... scopes) {
    registrations.requireScopes("resource:" + Objects.requireNonNull(uri, "uri"), List.of(scopes));
    return this;
  }

  /**
   * Sets whether lists leave out what a caller's token lacks the scopes for; using it gets 403 either way.
   *
   * @param hide true (the default) to hide it
   * @return this builder
   */
  public McpServerBuilder hideFeaturesWithoutScopes(boolean hide) {
    registrations.hideUnauthorized(hide);
    return this;
  }

  /**
   * Sets how long a tool call may run: past it, the call is cancelled (its thread interrupted, its
   * {@code onCancel} actions run) and the client gets a tool error that says so. A tool's own
   * {@code @McpTool(timeoutMillis = ...)} overrides it. Time spent waiting for the client (an
   * elicitation) counts.
   *
   * @param timeout a positive duration; default none
   * @return this builder
   */
  public McpServerBuilder toolTimeout(Duration timeout) {
    this.toolTimeout = Limits.positive(timeout, "toolTimeout");
    return this;
  }

  /**
   * Sets how long clients may reuse the results of {@code tools/list}, {@code prompts/list},
   * {@code resources/list} and {@code resources/templates/list}, and who may share them (2026-07-28
   * {@code ttlMs} and {@code cacheScope}; earlier revisions do not carry them). The lists a server
   * gives must not depend on the connection, so a public hint is safe unless they depend on who
   * asks (authorization). A list change does not wait for the hint to run out: clients listening
   * with {@code subscriptions/listen} are told at once.
   *
   * @param hint the hint; default {@link CacheHint#NONE} (no reuse, private)
   * @return this builder
   */
  public McpServerBuilder listCacheHint(CacheHint hint) {
    this.listCacheHint = Objects.requireNonNull(hint, "hint");
    return this;
  }

  /**
   * Sets the key that signs the {@code requestState} of multi-round calls (2026-07-28), which the
   * client holds between rounds. Instances behind one load balancer must share the key, or a round
   * that reaches another instance is refused; keep it secret, and as long as a password.
   *
   * @param secret at least 32 bytes
   * @return this builder
   * @throws IllegalArgumentException when the secret is shorter than 32 bytes
   */
  public McpServerBuilder requestStateKey(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 32) {
      throw new IllegalArgumentException("requestStateKey needs at least 32 bytes, got " + secret.length);
    }
    this.requestStateKey = new SecretKeySpec(secret.clone(), "HmacSHA256");
    return this;
  }

  /**
   * Sets how long the {@code requestState} of a multi-round call stays valid: the time the client
   * (and its user) may take to answer one round.
   *
   * @param lifetime a positive duration; default 15 minutes
   * @return this builder
   */
  public McpServerBuilder requestStateLifetime(Duration lifetime) {
    this.requestStateLifetime = Limits.positive(lifetime, "requestStateLifetime");
    return this;
  }

  /**
   * Sets the Jackson mapper that reads tool arguments into your parameter types and writes your return
   * values as JSON, and whose view of your types the generated schemas describe: register your own
   * modules or naming rules on it. The protocol's own messages are read and written apart, so nothing
   * set here can change the wire format of MCP itself. Set it before {@link #register}, which
   * prepares annotated methods with it.
   *
   * @param mapper the mapper; default: Jackson's defaults
   * @return this builder
   * @throws IllegalStateException when annotated handlers were registered before it was set
   */
  public McpServerBuilder jsonMapper(JsonMapper mapper) {
    Objects.requireNonNull(mapper, "mapper");
    if (registrations.hasAnnotated()) {
      throw new IllegalStateException("set jsonMapper(...) before register(...): annotated handlers are prepared with it");
    }
    this.mapper = mapper;
    return this;
  }

  /**
   * Sets where the server reads the time and runs its timers, for tests that move time forward
   * instead of waiting. The servlets serving this server use it too.
   *
   * @param time the time source; default {@link TimeSource#system()}
   * @return this builder
   */
  public McpServerBuilder timeSource(TimeSource time) {
    this.time = Objects.requireNonNull(time, "time");
    return this;
  }

  private JsonMapper mapper() {
    if (mapper == null) {
      mapper = JsonMapper.builder().build();
    }
    return mapper;
  }
}
