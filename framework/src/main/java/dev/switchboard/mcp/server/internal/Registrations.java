package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.annotations.internal.AnnotatedHandlers;
import dev.switchboard.mcp.annotations.internal.MethodCompletion;
import dev.switchboard.mcp.annotations.internal.MethodPrompt;
import dev.switchboard.mcp.annotations.internal.MethodResource;
import dev.switchboard.mcp.annotations.internal.MethodTool;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.schema.internal.PropertyHints;
import dev.switchboard.mcp.server.CompletionHandler;
import dev.switchboard.mcp.server.PromptHandler;
import dev.switchboard.mcp.server.RequestContext;
import dev.switchboard.mcp.server.ResourceHandler;
import dev.switchboard.mcp.server.ResourceTemplateHandler;
import dev.switchboard.mcp.server.ToolHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an {@link dev.switchboard.mcp.server.McpServerBuilder} has been given to offer, and where each name was declared: kept
 * apart from the builder's settings so a duplicate declaration is refused, naming both sources, in
 * one place, and the {@link Registry} is assembled from it once at build time. Not thread-safe, like
 * the builder.
 */
public final class Registrations {
  private final List<Registry.ToolEntry> tools = new ArrayList<>();
  private final List<Registry.ResourceEntry> resources = new ArrayList<>();
  private final List<Registry.TemplateEntry> templates = new ArrayList<>();
  private final List<Registry.PromptEntry> prompts = new ArrayList<>();
  private final Map<String, CompletionHandler> completions = new HashMap<>();
  private final Map<String, Map<String, MethodCompletion>> annotatedCompletions = new HashMap<>();
  private final Map<String, String> sources = new HashMap<>();
  private final Map<String, Set<String>> scopes = new HashMap<>();
  private boolean hideUnauthorized = true;

  /** Records where each name was declared, and refuses a second declaration of it. */
  private void claim(String kind, String key, String source) {
    String previous = sources.putIfAbsent(kind + ":" + key, source);
    if (previous != null) {
      throw new IllegalArgumentException("a " + kind + " named '" + key + "' is declared twice: by " + previous
          + " and by " + source);
    }
  }

  public void tool(Tool tool, ToolHandler handler, String source) {
    tool(tool, handler, source, null);
  }

  /** Adds a tool whose calls may run at most {@code timeout}, or the server's default when null. */
  public void tool(Tool tool, ToolHandler handler, String source, @Nullable Duration timeout) {
    Registry.ToolEntry entry = Registry.ToolEntry.of(tool, handler, timeout);
    claim("tool", tool.name(), source);
    tools.add(entry);
  }

  public void resource(Resource resource, ResourceHandler handler, String source) {
    Registry.ResourceEntry entry = Registry.ResourceEntry.of(resource, handler);
    claim("resource", resource.uri(), source);
    resources.add(entry);
  }

  public void resourceTemplate(ResourceTemplate template, ResourceTemplateHandler handler, String source) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(handler, "handler");
    // Claimed before its URI template is parsed, so a repeated declaration is reported as such first.
    claim("resource template", template.uriTemplate(), source);
    templates.add(Registry.TemplateEntry.of(template, handler));
  }

  public void prompt(Prompt prompt, PromptHandler handler, String source) {
    Registry.PromptEntry entry = Registry.PromptEntry.of(prompt, handler);
    claim("prompt", prompt.name(), source);
    prompts.add(entry);
  }

  /**
   * Requires scopes of a feature's callers.
   *
   * @param key {@code tool:NAME}, {@code prompt:NAME} or {@code resource:URI-OR-TEMPLATE}
   * @param names the scopes
   */
  public void requireScopes(String key, Collection<String> names) {
    Set<String> all = scopes.computeIfAbsent(key, k -> new LinkedHashSet<>());
    for (String name : names) {
      if (Objects.requireNonNull(name, "scope").isBlank() || name.contains(" ") || name.contains("\"")) {
        throw new IllegalArgumentException("a scope is a non-empty name without spaces or quotes, was '" + name + "'");
      }
      all.add(name);
    }
  }

  /** Sets whether lists leave out what a principal lacks the scopes for. */
  public void hideUnauthorized(boolean hide) {
    this.hideUnauthorized = hide;
  }

  /** The scopes required, and whether lists hide what a principal may not use. */
  Access access() {
    Map<String, Set<String>> copy = new HashMap<>();
    scopes.forEach((key, names) -> copy.put(key, Collections.unmodifiableSet(new LinkedHashSet<>(names))));
    return new Access(Collections.unmodifiableMap(copy), hideUnauthorized);
  }

  /** Adds completion for a prompt or template key ({@link Registry#promptKey}, {@link Registry#resourceKey}). */
  public void completion(String key, CompletionHandler handler, String source) {
    claim("completion", key, source);
    completions.put(key, Objects.requireNonNull(handler, "handler"));
  }

  private boolean annotated;

  /** Creates an empty set of registrations, for one builder. */
  public Registrations() {}

  /** How {@code @McpParam} describes properties, for schemas made outside a scan (elicitation forms). */
  static PropertyHints propertyHints() {
    return AnnotatedHandlers.propertyHints();
  }

  /** Whether annotated handlers were added (they were prepared with the mapper of that time). */
  public boolean hasAnnotated() {
    return annotated;
  }

  /**
   * Scans an object's annotated methods and adds what they declare.
   *
   * @param target an object, or a class for its static methods
   * @param mapper the application's mapper
   */
  public void annotated(Object target, JsonMapper mapper) {
    annotated = true;
    AnnotatedHandlers scanned = AnnotatedHandlers.scan(target, mapper, RequestContext.class);
    for (MethodTool tool : scanned.tools()) {
      tool(tool.definition(), (arguments, context) -> tool.call(arguments.json(), context), tool.source(),
          tool.timeout());
    }
    for (MethodResource resource : scanned.resources()) {
      addAnnotated(resource);
    }
    for (MethodPrompt prompt : scanned.prompts()) {
      prompt(prompt.definition(), prompt::get, prompt.source());
    }
    for (MethodCompletion completion : scanned.completions()) {
      addAnnotated(completion);
    }
    scanned.scopes().forEach(this::requireScopes);
  }

  private void addAnnotated(MethodResource method) {
    Resource resource = method.resource();
    if (resource != null) {
      resource(resource, (uri, context) -> method.read(uri, Map.of(), context), method.source());
    } else {
      resourceTemplate(Objects.requireNonNull(method.template()), method::read, method.source());
    }
  }

  private void addAnnotated(MethodCompletion completion) {
    String key = completion.prompt() != null ? Registry.promptKey(completion.prompt())
        : Registry.resourceKey(Objects.requireNonNull(completion.resourceTemplate()));
    MethodCompletion previous = annotatedCompletions.computeIfAbsent(key, k -> new HashMap<>())
        .putIfAbsent(completion.argument(), completion);
    if (previous != null) {
      throw new IllegalArgumentException("argument '" + completion.argument() + "' is completed twice: by "
          + previous.source() + " and by " + completion.source());
    }
  }

  /** The registry of everything added, once each completion is checked to refer to something offered. */
  public Registry registry() {
    Map<String, CompletionHandler> all = new HashMap<>(completions);
    annotatedCompletions.forEach((key, byArgument) -> {
      if (all.containsKey(key)) {
        throw new IllegalArgumentException("completion for " + key + " is declared both by annotations and by "
            + (key.startsWith("prompt:") ? "promptCompletion" : "resourceCompletion") + "(...)");
      }
      all.put(key, (argument, value, context, request) -> {
        MethodCompletion method = byArgument.get(argument);
        return method == null ? Completion.empty() : method.complete(value, context, request);
      });
    });
    for (String key : all.keySet()) {
      boolean known = key.startsWith("prompt:")
          ? prompts.stream().anyMatch(p -> key.equals(Registry.promptKey(p.prompt().name())))
          : templates.stream().anyMatch(t -> key.equals(Registry.resourceKey(t.template().uriTemplate())));
      if (!known) {
        throw new IllegalArgumentException("completion refers to an unknown "
            + (key.startsWith("prompt:") ? "prompt" : "resource template") + ": " + key.substring(key.indexOf(':') + 1));
      }
    }
    return new Registry(tools, resources, templates, prompts, all);
  }
}
