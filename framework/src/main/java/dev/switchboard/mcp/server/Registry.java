package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.protocol.UriTemplate;
import dev.switchboard.mcp.schema.SchemaValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
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
final class Registry {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

  // Each entry's of(...) checks its arguments and prepares the entry: the one place for both the
  // builder's declarations (Registrations) and run-time additions (McpServer.addTool, ...).

  /** A tool, its code, and its prepared validators: of its arguments, and of its structured output if it has a schema. */
  record ToolEntry(Tool tool, ToolHandler handler, SchemaValidator validator, @Nullable SchemaValidator output) {
    static ToolEntry of(Tool tool, ToolHandler handler) {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(handler, "handler");
      ObjectNode outputSchema = tool.outputSchema();
      return new ToolEntry(tool, handler, SchemaValidator.of(tool.inputSchema()),
          outputSchema == null ? null : SchemaValidator.of(outputSchema));
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

  final AtomicReference<Catalog<ToolEntry>> tools;
  final AtomicReference<Catalog<ResourceEntry>> resources;
  final AtomicReference<Catalog<TemplateEntry>> templates;
  final AtomicReference<Catalog<PromptEntry>> prompts;
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

  static String promptKey(String name) {
    return "prompt:" + name;
  }

  static String resourceKey(String uriTemplate) {
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
      before = catalog.get();
      after = change.apply(before);
    } while (!catalog.compareAndSet(before, after));
    if (after != before) {
      tell(listener -> listener.listChanged(notification));
    }
  }

  /** Tells every listener of an event; one failing listener does not stop the others. */
  void tell(java.util.function.Consumer<ServerListener> event) {
    for (ServerListener listener : listeners) {
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

  /** The capabilities to declare, from what is offered now. */
  Map<String, Object> capabilities() {
    Map<String, Object> capabilities = new LinkedHashMap<>();
    capabilities.put("logging", Map.of());
    if (!completions.isEmpty()) {
      capabilities.put("completions", Map.of());
    }
    if (!prompts.get().isEmpty()) {
      capabilities.put("prompts", Map.of("listChanged", true));
    }
    if (!resources.get().isEmpty() || !templates.get().isEmpty()) {
      capabilities.put("resources", Map.of("subscribe", true, "listChanged", true));
    }
    if (!tools.get().isEmpty()) {
      capabilities.put("tools", Map.of("listChanged", true));
    }
    return capabilities;
  }
}
