package dev.switchboard.mcp.annotations.internal;

import dev.switchboard.mcp.protocol.GetPromptResult;
import dev.switchboard.mcp.protocol.Prompt;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A prompt backed by an {@code @McpPrompt} method.
 */
public final class MethodPrompt {
  private final Prompt definition;
  private final String source;
  private final Signature signature;
  private final MethodInvoker invoker;
  private final Function<@Nullable Object, GetPromptResult> results;

  MethodPrompt(Prompt definition, String source, Signature signature, MethodInvoker invoker,
      Function<@Nullable Object, GetPromptResult> results) {
    this.definition = definition;
    this.source = source;
    this.signature = signature;
    this.invoker = invoker;
    this.results = results;
  }

  /**
   * Returns the prompt as listed.
   *
   * @return the definition
   */
  public Prompt definition() {
    return definition;
  }

  /**
   * Returns where the prompt is declared, as {@code ClassName#method}.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Renders the prompt.
   *
   * @param arguments the arguments sent by the client (required ones are checked by the server)
   * @param context the request's context
   * @return the messages
   * @throws Exception what the method throws
   */
  public GetPromptResult get(Map<String, String> arguments, Object context) throws Exception {
    return results.apply(invoker.invoke(signature.bind(arguments, context)));
  }
}
