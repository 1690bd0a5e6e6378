package dev.switchboard.mcp.annotations.internal;

import dev.switchboard.mcp.protocol.Completion;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Completion of one prompt argument or template variable, backed by an {@code @McpComplete} method.
 */
public final class MethodCompletion {
  /** Builds the method's arguments from the value, the other arguments, and the context. */
  @FunctionalInterface
  interface Arguments {
    Object[] of(String value, Map<String, String> context, Object request);
  }

  private final @Nullable String prompt;
  private final @Nullable String resourceTemplate;
  private final String argument;
  private final String source;
  private final Arguments arguments;
  private final MethodInvoker invoker;
  private final Function<@Nullable Object, Completion> results;

  MethodCompletion(@Nullable String prompt, @Nullable String resourceTemplate, String argument, String source,
      Arguments arguments, MethodInvoker invoker, Function<@Nullable Object, Completion> results) {
    this.prompt = prompt;
    this.resourceTemplate = resourceTemplate;
    this.argument = argument;
    this.source = source;
    this.arguments = arguments;
    this.invoker = invoker;
    this.results = results;
  }

  /**
   * Returns the prompt completed.
   *
   * @return the prompt name, or null when this completes a template variable
   */
  public @Nullable String prompt() {
    return prompt;
  }

  /**
   * Returns the resource template completed.
   *
   * @return the URI template, or null when this completes a prompt argument
   */
  public @Nullable String resourceTemplate() {
    return resourceTemplate;
  }

  /**
   * Returns the argument or variable completed.
   *
   * @return the name
   */
  public String argument() {
    return argument;
  }

  /**
   * Returns where the completion is declared, as {@code ClassName#method}.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Suggests values.
   *
   * @param value what the user typed so far
   * @param context the other arguments already chosen
   * @param request the request's context
   * @return the suggestions
   * @throws Exception what the method throws
   */
  public Completion complete(String value, Map<String, String> context, Object request) throws Exception {
    return results.apply(invoker.invoke(arguments.of(value, context, request)));
  }
}
