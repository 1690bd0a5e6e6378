package dev.switchboard.mcp.annotations.internal;

import dev.switchboard.mcp.annotations.McpComplete;
import dev.switchboard.mcp.annotations.McpPrompt;
import dev.switchboard.mcp.annotations.McpResource;
import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.protocol.CacheHint;
import dev.switchboard.mcp.protocol.Icon;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.PromptArgument;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.protocol.ToolAnnotations;
import dev.switchboard.mcp.protocol.internal.UriTemplate;
import dev.switchboard.mcp.schema.internal.JsonSchemaGenerator;
import dev.switchboard.mcp.schema.internal.PropertyHints;
import dev.switchboard.mcp.schema.internal.UnsupportedTypeException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handlers declared by one object's annotated methods, prepared once. Everything that can be
 * wrong with a declaration (a bad name, an unsupported type, a missing parameter name) fails here,
 * with the class and method named.
 */
public final class AnnotatedHandlers {
  private final List<MethodTool> tools = new ArrayList<>();
  private final List<MethodResource> resources = new ArrayList<>();
  private final List<MethodPrompt> prompts = new ArrayList<>();
  private final List<MethodCompletion> completions = new ArrayList<>();
  private final Map<String, List<String>> scopes = new LinkedHashMap<>();
  private final JsonMapper mapper;
  private final JsonSchemaGenerator schemas;
  private final Class<?> contextType;

  private AnnotatedHandlers(JsonMapper mapper, Class<?> contextType) {
    this.mapper = mapper;
    this.schemas = new JsonSchemaGenerator(mapper, McpParamHints.INSTANCE);
    this.contextType = contextType;
  }

  /**
   * Scans an object's methods (and those it inherits) for {@code @McpTool}, {@code @McpResource},
   * {@code @McpPrompt} and {@code @McpComplete}. Pass a {@code Class} to scan its static methods.
   *
   * @param target the object whose methods serve the handlers, or a class for static methods
   * @param mapper binds arguments and writes results; schemas describe its view of the types
   * @param contextType the type of the per-request context injected into parameters of that type
   *     (this package does not know it, so that it stays below the server that defines it)
   * @return the prepared handlers, in a deterministic order
   * @throws IllegalArgumentException naming the class and method of the first bad declaration
   */
  public static AnnotatedHandlers scan(Object target, JsonMapper mapper, Class<?> contextType) {
    Objects.requireNonNull(target, "target");
    AnnotatedHandlers handlers = new AnnotatedHandlers(Objects.requireNonNull(mapper, "mapper"),
        Objects.requireNonNull(contextType, "contextType"));
    Class<?> type = target instanceof Class<?> c ? c : target.getClass();
    Object instance = target instanceof Class<?> ? null : target;
    for (Method method : methods(type)) {
      handlers.add(method, instance);
    }
    if (handlers.tools.isEmpty() && handlers.resources.isEmpty() && handlers.prompts.isEmpty()
        && handlers.completions.isEmpty()) {
      throw new IllegalArgumentException(type.getName() + " has no method annotated @McpTool, @McpResource,"
          + " @McpPrompt or @McpComplete" + (instance == null ? " among its static methods" : "")
          + ", so registering it adds nothing; annotate its methods, or register the object that has them");
    }
    return handlers;
  }

  /** Declared methods of the class and its superclasses, sorted so scanning is deterministic. */
  private static List<Method> methods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Method[] declared = c.getDeclaredMethods();
      Arrays.sort(declared, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
      for (Method method : declared) {
        if (!method.isBridge() && !method.isSynthetic()
            && seen.add(method.getName() + Arrays.toString(method.getParameterTypes()))) {
          methods.add(method);
        }
      }
    }
    return methods;
  }

  private void add(Method method, @Nullable Object instance) {
    McpTool tool = method.getAnnotation(McpTool.class);
    McpResource resource = method.getAnnotation(McpResource.class);
    McpPrompt prompt = method.getAnnotation(McpPrompt.class);
    McpComplete complete = method.getAnnotation(McpComplete.class);
    int count = (tool != null ? 1 : 0) + (resource != null ? 1 : 0) + (prompt != null ? 1 : 0) + (complete != null ? 1 : 0);
    if (count == 0) {
      return;
    }
    String source = method.getDeclaringClass().getName() + "#" + method.getName();
    if (count > 1) {
      throw new IllegalArgumentException(source + ": a method can be only one of @McpTool, @McpResource, @McpPrompt,"
          + " @McpComplete");
    }
    if (instance == null && !Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(source + ": register an instance to use non-static methods");
    }
    if (Modifier.isPrivate(method.getModifiers())) {
      throw new IllegalArgumentException(source + ": a private method cannot be a handler (private means not for"
          + " callers outside the class); make it public");
    }
    try {
      if (tool != null) {
        MethodTool added = tool(method, instance, tool, source);
        tools.add(added);
        scope("tool:" + added.definition().name(), tool.scopes(), source);
      } else if (resource != null) {
        resources.add(resource(method, instance, resource, source));
        scope("resource:" + resource.uri(), resource.scopes(), source);
      } else if (prompt != null) {
        MethodPrompt added = prompt(method, instance, prompt, source);
        prompts.add(added);
        scope("prompt:" + added.definition().name(), prompt.scopes(), source);
      } else {
        completions.add(completion(method, instance, Objects.requireNonNull(complete), source));
      }
    } catch (UnsupportedTypeException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private MethodTool tool(Method method, @Nullable Object instance, McpTool annotation, String source) {
    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
    Tool.Builder definition;
    try {
      definition = Tool.builder(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    Signature signature = Signature.of(method, source, mapper, schemas, true, contextType);
    definition.inputSchema(signature.inputSchema(schemas, source));
    text(annotation.title(), definition::title);
    text(annotation.description(), definition::description);
    ToolAnnotations hints = hints(annotation);
    if (hints != null) {
      definition.annotations(hints);
    }
    for (String icon : annotation.icons()) {
      definition.icon(Icon.of(icon));
    }
    ToolResults.Output output;
    try {
      output = ToolResults.output(method.getGenericReturnType(), schemas);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    if (output != null) {
      definition.outputSchema(output.schema());
    }
    return new MethodTool(definition.build(), source, signature, MethodInvoker.of(method, instance, source),
        ToolResults.converter(method.getGenericReturnType(), output, source, mapper), timeout(annotation, source));
  }

  /** Only hints that differ from the specification's defaults are sent. */
  private static @Nullable ToolAnnotations hints(McpTool annotation) {
    Boolean readOnly = annotation.readOnly() ? Boolean.TRUE : null;
    Boolean destructive = annotation.destructive() ? null : Boolean.FALSE;
    Boolean idempotent = annotation.idempotent() ? Boolean.TRUE : null;
    Boolean openWorld = annotation.openWorld() ? null : Boolean.FALSE;
    if (readOnly == null && destructive == null && idempotent == null && openWorld == null) {
      return null;
    }
    return new ToolAnnotations(null, readOnly, destructive, idempotent, openWorld);
  }

  private MethodResource resource(Method method, @Nullable Object instance, McpResource annotation, String source) {
    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
    String mimeType = annotation.mimeType().isEmpty() ? null : annotation.mimeType();
    String title = blankToNull(annotation.title());
    String description = blankToNull(annotation.description());
    Signature signature = Signature.of(method, source, mapper, schemas, false, contextType);
    var plain = Results.resource(method.getGenericReturnType(), mimeType, source, mapper, schemas);
    CacheHint hint = cacheHint(annotation, source);
    BiFunction<String, @Nullable Object, ReadResourceResult> results = hint == null ? plain : (uri, value) -> {
      ReadResourceResult read = plain.apply(uri, value);
      return read.cacheHint() == null ? read.withCacheHint(hint) : read;
    };
    MethodInvoker invoker = MethodInvoker.of(method, instance, source);
    if (!UriTemplate.isTemplate(annotation.uri())) {
      if (!signature.properties().isEmpty()) {
        throw new IllegalArgumentException(source + ": resource " + annotation.uri()
            + " has no URI variables, so its method may only take a " + contextType.getSimpleName());
      }
      Resource resource = new Resource(annotation.uri(), name, title, description, mimeType, null, List.of());
      return new MethodResource(resource, null, source, signature, invoker, results);
    }
    UriTemplate template = parseTemplate(annotation.uri(), source);
    requireTextArguments(signature, source, "URI template variables are strings");
    for (JsonSchemaGenerator.Property property : signature.properties()) {
      if (!template.variables().contains(property.name())) {
        throw new IllegalArgumentException(source + ": parameter '" + property.name() + "' is not a variable of "
            + annotation.uri());
      }
    }
    ResourceTemplate definition = new ResourceTemplate(annotation.uri(), name, title, description, mimeType, List.of());
    return new MethodResource(null, definition, source, signature, invoker, results);
  }

  private static @Nullable Duration timeout(McpTool annotation, String source) {
    if (annotation.timeoutMillis() < 0) {
      throw new IllegalArgumentException(source + ": timeoutMillis must not be negative, was " + annotation.timeoutMillis());
    }
    return annotation.timeoutMillis() == 0 ? null : Duration.ofMillis(annotation.timeoutMillis());
  }

  /** The resource's cache hint (2026-07-28), or null for the default; a result's own hint wins. */
  private static @Nullable CacheHint cacheHint(McpResource annotation, String source) {
    if (annotation.cacheTtlMillis() < 0) {
      throw new IllegalArgumentException(source + ": cacheTtlMillis must not be negative, was "
          + annotation.cacheTtlMillis());
    }
    if (annotation.cacheTtlMillis() == 0 && annotation.cacheScope() == CacheHint.Scope.PRIVATE) {
      return null;
    }
    return new CacheHint(Duration.ofMillis(annotation.cacheTtlMillis()), annotation.cacheScope());
  }

  private static UriTemplate parseTemplate(String uri, String source) {
    try {
      return UriTemplate.parse(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private MethodPrompt prompt(Method method, @Nullable Object instance, McpPrompt annotation, String source) {
    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
    Signature signature = Signature.of(method, source, mapper, schemas, false, contextType);
    requireTextArguments(signature, source, "prompt arguments arrive as strings");
    List<PromptArgument> arguments = new ArrayList<>();
    for (JsonSchemaGenerator.Property property : signature.properties()) {
      arguments.add(new PromptArgument(property.name(), null, property.description(), property.required()));
    }
    Prompt definition = new Prompt(name, blankToNull(annotation.title()), blankToNull(annotation.description()),
        arguments, List.of());
    return new MethodPrompt(definition, source, signature, MethodInvoker.of(method, instance, source),
        Results.prompt(method.getGenericReturnType(), source));
  }

  private MethodCompletion completion(Method method, @Nullable Object instance, McpComplete annotation, String source) {
    boolean forPrompt = !annotation.prompt().isEmpty();
    if (forPrompt == !annotation.resource().isEmpty()) {
      throw new IllegalArgumentException(source + ": @McpComplete names exactly one of prompt and resource");
    }
    MethodCompletion.Arguments arguments = completionArguments(method, source, contextType);
    return new MethodCompletion(forPrompt ? annotation.prompt() : null, forPrompt ? null : annotation.resource(),
        annotation.argument(), source, arguments, MethodInvoker.of(method, instance, source),
        Results.completion(method.getGenericReturnType(), source));
  }

  /** How a completion method's parameters are filled: the value, and optionally the others and the request. */
  private static MethodCompletion.Arguments completionArguments(Method method, String source,
      Class<?> contextType) {
    Parameter[] parameters = method.getParameters();
    int valueIndex = -1;
    int contextIndex = -1;
    int requestIndex = -1;
    for (int i = 0; i < parameters.length; i++) {
      Class<?> type = parameters[i].getType();
      if (type == String.class && valueIndex < 0) {
        valueIndex = i;
      } else if (type == Map.class && contextIndex < 0) {
        contextIndex = i;
      } else if (type == contextType && requestIndex < 0) {
        requestIndex = i;
      } else {
        throw new IllegalArgumentException(source + ": a completion method takes (String value"
            + "[, Map<String, String> otherArguments][, " + contextType.getSimpleName() + "]), not " + parameters[i]);
      }
    }
    if (valueIndex < 0) {
      throw new IllegalArgumentException(source + ": a completion method takes the partial value as a String");
    }
    int count = parameters.length;
    int value = valueIndex;
    int context = contextIndex;
    int request = requestIndex;
    return (text, others, requestContext) -> {
      Object[] values = new Object[count];
      values[value] = text;
      if (context >= 0) {
        values[context] = others;
      }
      if (request >= 0) {
        values[request] = requestContext;
      }
      return values;
    };
  }

  /**
   * Prompt arguments and URI variables are text: a parameter must be something a string converts to
   * (a string, number, boolean, enum or date), or every call would fail to bind.
   */
  private void requireTextArguments(Signature signature, String source, String why) {
    for (JsonSchemaGenerator.Property property : signature.properties()) {
      Type type = property.type();
      Type value = JsonSchemaGenerator.isOptionalType(type) && type instanceof ParameterizedType p
          ? p.getActualTypeArguments()[0] : type;
      Class<?> raw = ToolResults.raw(value);
      if (!raw.isEnum() && schemas.jsonTypes(value).isEmpty()) {
        throw new IllegalArgumentException(source + ": parameter '" + property.name() + "' is a "
            + value.getTypeName() + ", but " + why + "; take a String (or a number, boolean, enum or date)"
            + " and convert it in the method");
      }
    }
  }

  private static void text(String value, Consumer<String> setter) {
    if (!value.isBlank()) {
      setter.accept(value);
    }
  }

  private static @Nullable String blankToNull(String value) {
    return value.isBlank() ? null : value;
  }

  /**
   * Returns how {@code @McpParam} annotations describe properties (descriptions, titles, defaults),
   * for schemas generated outside a scan, such as elicitation forms.
   *
   * @return the hints
   */
  public static PropertyHints propertyHints() {
    return McpParamHints.INSTANCE;
  }

  private void scope(String key, String[] names, String source) {
    for (String name : names) {
      if (name.isBlank() || name.contains(" ") || name.contains("\"")) {
        throw new IllegalArgumentException(source + ": a scope is a non-empty name without spaces or quotes, was '"
            + name + "'");
      }
    }
    if (names.length > 0) {
      scopes.put(key, List.of(names));
    }
  }

  /**
   * Returns the scopes each annotated feature requires, keyed {@code tool:NAME}, {@code prompt:NAME} or
   * {@code resource:URI-OR-TEMPLATE}.
   *
   * @return the scopes; features that require none are absent
   */
  public Map<String, List<String>> scopes() {
    return Map.copyOf(scopes);
  }

  /**
   * Returns the tools.
   *
   * @return the tools, in method-name order
   */
  public List<MethodTool> tools() {
    return List.copyOf(tools);
  }

  /**
   * Returns the resources and resource templates.
   *
   * @return the resources, in method-name order
   */
  public List<MethodResource> resources() {
    return List.copyOf(resources);
  }

  /**
   * Returns the prompts.
   *
   * @return the prompts, in method-name order
   */
  public List<MethodPrompt> prompts() {
    return List.copyOf(prompts);
  }

  /**
   * Returns the completions.
   *
   * @return the completions, in method-name order
   */
  public List<MethodCompletion> completions() {
    return List.copyOf(completions);
  }
}
