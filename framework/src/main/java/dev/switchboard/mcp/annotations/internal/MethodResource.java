package dev.switchboard.mcp.annotations.internal;

import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A resource, or a resource template, backed by an {@code @McpResource} method.
 */
public final class MethodResource {
  private final @Nullable Resource resource;
  private final @Nullable ResourceTemplate template;
  private final String source;
  private final Signature signature;
  private final MethodInvoker invoker;
  private final BiFunction<String, @Nullable Object, ReadResourceResult> results;

  MethodResource(@Nullable Resource resource, @Nullable ResourceTemplate template, String source, Signature signature,
      MethodInvoker invoker, BiFunction<String, @Nullable Object, ReadResourceResult> results) {
    this.resource = resource;
    this.template = template;
    this.source = source;
    this.signature = signature;
    this.invoker = invoker;
    this.results = results;
  }

  /**
   * Returns the resource, for a method with a plain URI.
   *
   * @return the resource, or null for a template
   */
  public @Nullable Resource resource() {
    return resource;
  }

  /**
   * Returns the template, for a method whose URI has variables.
   *
   * @return the template, or null for a plain resource
   */
  public @Nullable ResourceTemplate template() {
    return template;
  }

  /**
   * Returns where the resource is declared, as {@code ClassName#method}.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Reads the resource.
   *
   * @param uri the URI asked for
   * @param variables the template's variables matched from the URI (empty for a plain resource)
   * @param context the request's context
   * @return the contents
   * @throws Exception what the method throws
   */
  public ReadResourceResult read(String uri, Map<String, String> variables, Object context) throws Exception {
    return results.apply(uri, invoker.invoke(signature.bind(variables, context)));
  }
}
