package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.protocol.internal.UriTemplate;
import dev.switchboard.mcp.schema.internal.SchemaCheck;
import dev.switchboard.mcp.schema.internal.SchemaValidator;
import dev.switchboard.mcp.server.CompletionHandler;
import dev.switchboard.mcp.server.PromptHandler;
import dev.switchboard.mcp.server.ResourceHandler;
import dev.switchboard.mcp.server.ResourceTemplateHandler;
import dev.switchboard.mcp.server.ToolHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a server offers: its tools, resources, templates, prompts and completions. Each kind is an
 * immutable {@link Catalog} swapped atomically on change, so readers never lock and never see a
 * half-made change; every change is announced to the listeners.
 */
public final class Registry {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

  // Each entry's of(...) checks its arguments and prepares the entry: the one place for both the
  // builder's declarations (Registrations) and run-time additions (McpServer.addTool, ...).

  /** A tool, its code, and its prepared validators: of its arguments, and of its structured output if it has a schema. */
  record ToolEntry(Tool tool, ToolHandler handler, SchemaValidator validator, @Nullable SchemaValidator output,
      List<HeaderParam> headerParams, @Nullable Duration timeout) {
    static ToolEntry of(Tool tool, ToolHandler handler) {
      return of(tool, handler, null);
    }

    /**
     * @param timeout how long a call may run, or null for the server's default
     */
    static ToolEntry of(Tool tool, ToolHandler handler, @Nullable Duration timeout) {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(handler, "handler");
      ObjectNode inputSchema = tool.inputSchema();
      ObjectNode outputSchema = tool.outputSchema();
      requireValidSchema(tool.name(), "inputSchema", inputSchema);
      if (outputSchema != null) {
        requireValidSchema(tool.name(), "outputSchema", outputSchema);
      }
      return new ToolEntry(tool, handler, SchemaValidator.of(inputSchema),
          outputSchema == null ? null : SchemaValidator.of(outputSchema), HeaderParam.of(tool.name(), inputSchema),
          timeout);
    }

    /** A hand-written schema with a mistake would be advertised to clients, then reject every call. */
    private static void requireValidSchema(String tool, String which, ObjectNode schema) {
      List<String> problems = SchemaCheck.problems(schema);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("tool '" + tool + "': " + which + " is not a valid JSON Schema (2020-12): "
            + String.join("; ", problems));
      }
    }
  }

  /** A resource and its code. */
  record ResourceEntry(Resource resource, ResourceHandler handler) {
    static ResourceEntry of(Resource resource, ResourceHandler handler) {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(handler, "handler");
      return new ResourceEntry(resource, handler);
    }
  }

  /** A resource template, parsed, and its code. */
  record TemplateEntry(ResourceTemplate template, UriTemplate uriTemplate, ResourceTemplateHandler handler) {
    static TemplateEntry of(ResourceTemplate template, ResourceTemplateHandler handler) {
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(handler, "handler");
      return new TemplateEntry(template, UriTemplate.parse(template.uriTemplate()), handler);
    }
  }

  /** A prompt and its code. */
  record PromptEntry(Prompt prompt, PromptHandler handler) {
    static PromptEntry of(Prompt prompt, PromptHandler handler) {
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(handler, "handler");
      return new PromptEntry(prompt, handler);
    }
  }

  static final String TOOLS_CHANGED = "notifications/tools/list_changed";
  static final String RESOURCES_CHANGED = "notifications/resources/list_changed";
  static final String PROMPTS_CHANGED = "notifications/prompts/list_changed";

  private final AtomicReference<Catalog<ToolEntry>> tools;
  private final AtomicReference<Catalog<ResourceEntry>> resources;
  private final AtomicReference<Catalog<TemplateEntry>> templates;
  private final AtomicReference<Catalog<PromptEntry>> prompts;
  private final Map<String, CompletionHandler> completions;
  private final List<ServerListener> listeners = new CopyOnWriteArrayList<>();

  Registry(List<ToolEntry> tools, List<ResourceEntry> resources, List<TemplateEntry> templates,
      List<PromptEntry> prompts, Map<String, CompletionHandler> completions) {
    this.tools = new AtomicReference<>(Catalog.of(e -> e.tool().name(), tools));
    this.resources = new AtomicReference<>(Catalog.of(e -> e.resource().uri(), resources));
    this.templates = new AtomicReference<>(Catalog.of(e -> e.template().uriTemplate(), templates));
    this.prompts = new AtomicReference<>(Catalog.of(e -> e.prompt().name(), prompts));
    this.completions = Map.copyOf(completions);
  }

  /** The tools now (a snapshot: never null, never changing). */
  Catalog<ToolEntry> toolCatalog() {
    return current(tools);
  }

  /** The resources now. */
  Catalog<ResourceEntry> resourceCatalog() {
    return current(resources);
  }

  /** The resource templates now. */
  Catalog<TemplateEntry> templateCatalog() {
    return current(templates);
  }

  /** The prompts now. */
  Catalog<PromptEntry> promptCatalog() {
    return current(prompts);
  }

  private static <E> Catalog<E> current(AtomicReference<Catalog<E>> catalog) {
    return Objects.requireNonNull(catalog.get()); // set in the constructor, only ever swapped for another
  }

  /** A template that matches a URI, and the values of its variables. */
  record TemplateMatch(TemplateEntry entry, Map<String, String> variables) {}

  /**
   * The first template, in catalog order, that matches {@code uri}; null when none does.
   *
   * @throws McpException -32602 for a URI with a malformed percent-encoding
   */
  @Nullable TemplateMatch matchTemplate(String uri) {
    for (TemplateEntry template : templateCatalog().all()) {
      Optional<Map<String, String>> variables = template.uriTemplate().match(uri);
      if (variables.isPresent()) {
        return new TemplateMatch(template, variables.get());
      }
    }
    return null;
  }

  /** The tools offered now, sorted by name. */
  public List<Tool> tools() {
    return toolCatalog().all().stream().map(ToolEntry::tool).toList();
  }

  /** The resources offered now, sorted by URI. */
  public List<Resource> resources() {
    return resourceCatalog().all().stream().map(ResourceEntry::resource).toList();
  }

  /** The resource templates offered now, sorted by template. */
  public List<ResourceTemplate> templates() {
    return templateCatalog().all().stream().map(TemplateEntry::template).toList();
  }

  /** The prompts offered now, sorted by name. */
  public List<Prompt> prompts() {
    return promptCatalog().all().stream().map(PromptEntry::prompt).toList();
  }

  /** Adds a tool at run time; throws IllegalArgumentException when one has that name. */
  public void addTool(Tool tool, ToolHandler handler) {
    ToolEntry entry = ToolEntry.of(tool, handler);
    change(tools, catalog -> catalog.with(entry, "tool"), TOOLS_CHANGED);
  }

  /** Removes a tool at run time; calls already running finish. */
  public void removeTool(String name) {
    change(tools, catalog -> catalog.without(name), TOOLS_CHANGED);
  }

  /** Adds a resource at run time. */
  public void addResource(Resource resource, ResourceHandler handler) {
    ResourceEntry entry = ResourceEntry.of(resource, handler);
    change(resources, catalog -> catalog.with(entry, "resource"), RESOURCES_CHANGED);
  }

  /** Removes a resource at run time. */
  public void removeResource(String uri) {
    change(resources, catalog -> catalog.without(uri), RESOURCES_CHANGED);
  }

  /** Adds a resource template at run time. */
  public void addTemplate(ResourceTemplate template, ResourceTemplateHandler handler) {
    TemplateEntry entry = TemplateEntry.of(template, handler);
    change(templates, catalog -> catalog.with(entry, "resource template"), RESOURCES_CHANGED);
  }

  /** Removes a resource template at run time. */
  public void removeTemplate(String uriTemplate) {
    change(templates, catalog -> catalog.without(uriTemplate), RESOURCES_CHANGED);
  }

  /** Adds a prompt at run time. */
  public void addPrompt(Prompt prompt, PromptHandler handler) {
    PromptEntry entry = PromptEntry.of(prompt, handler);
    change(prompts, catalog -> catalog.with(entry, "prompt"), PROMPTS_CHANGED);
  }

  /** Removes a prompt at run time. */
  public void removePrompt(String name) {
    change(prompts, catalog -> catalog.without(name), PROMPTS_CHANGED);
  }

  /** Tells the listeners that a resource changed. */
  public void resourceUpdated(String uri) {
    tell(listener -> listener.resourceUpdated(uri));
  }

  /** The completion key of a prompt. */
  public static String promptKey(String name) {
    return "prompt:" + name;
  }

  /** The completion key of a resource template. */
  public static String resourceKey(String uriTemplate) {
    return "resource:" + uriTemplate;
  }

  @Nullable CompletionHandler completion(String key) {
    return completions.get(key);
  }

  /** Applies a change to one catalog and announces it, if it changed anything. */
  <E> void change(AtomicReference<Catalog<E>> catalog, UnaryOperator<Catalog<E>> change, String notification) {
    Catalog<E> before;
    Catalog<E> after;
    do {
      before = current(catalog);
      after = change.apply(before);
    } while (!catalog.compareAndSet(before, after));
    if (after != before) {
      tell(listener -> listener.listChanged(notification));
    }
  }

  /** Tells every listener of an event; one failing listener does not stop the others. */
  void tell(Consumer<ServerListener> event) {
    tell(event, true);
  }

  /** Tells the listeners of an event; those that relay to a fleet only if {@code toRelays}. */
  void tell(Consumer<ServerListener> event, boolean toRelays) {
    for (ServerListener listener : listeners) {
      if (!toRelays && listener.relaysToFleet()) {
        continue;
      }
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("server listener failed", e);
      }
    }
  }

  void addListener(ServerListener listener) {
    listeners.add(listener);
  }

  void removeListener(ServerListener listener) {
    listeners.remove(listener);
  }

  /** Whether a capability is declared now: whether its methods exist (2026-07-28 answers -32601 otherwise). */
  boolean offers(String capability) {
    return switch (capability) {
      case "tools" -> !toolCatalog().isEmpty();
      case "prompts" -> !promptCatalog().isEmpty();
      case "resources" -> !resourceCatalog().isEmpty() || !templateCatalog().isEmpty();
      case "completions" -> !completions.isEmpty();
      default -> false;
    };
  }

  /** The capabilities to declare, from what is offered now. */
  Map<String, Object> capabilities() {
    Map<String, Object> capabilities = new LinkedHashMap<>();
    capabilities.put("logging", Map.of());
    if (offers("completions")) {
      capabilities.put("completions", Map.of());
    }
    if (offers("prompts")) {
      capabilities.put("prompts", Map.of("listChanged", true));
    }
    if (offers("resources")) {
      capabilities.put("resources", Map.of("subscribe", true, "listChanged", true));
    }
    if (offers("tools")) {
      capabilities.put("tools", Map.of("listChanged", true));
    }
    return capabilities;
  }
}
