package dev.switchboard.mcp.annotations.internal;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool backed by an {@code @McpTool} method, prepared once: its definition (with generated schemas)
 * and a call path that binds arguments with Jackson and invokes a method handle.
 */
public final class MethodTool {
  private final Tool definition;
  private final String source;
  private final Signature signature;
  private final MethodInvoker invoker;
  private final Function<@Nullable Object, CallToolResult> results;
  private final @Nullable Duration timeout;

  MethodTool(Tool definition, String source, Signature signature, MethodInvoker invoker,
      Function<@Nullable Object, CallToolResult> results, @Nullable Duration timeout) {
    this.timeout = timeout;
    this.definition = definition;
    this.source = source;
    this.signature = signature;
    this.invoker = invoker;
    this.results = results;
  }

  /**
   * Returns the tool as listed.
   *
   * @return the definition
   */
  public Tool definition() {
    return definition;
  }

  /**
   * Returns where the tool is declared, as {@code ClassName#method}.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Returns how long a call may run, as the annotation says.
   *
   * @return the timeout, or null for the server's default
   */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /**
   * Calls the method.
   *
   * @param arguments the call's arguments (already checked against the input schema)
   * @param context the request's context
   * @return the result
   * @throws Exception what the method throws, or {@link IllegalArgumentException} when an argument
   *     cannot be bound
   */
  public CallToolResult call(ObjectNode arguments, Object context) throws Exception {
    return results.apply(invoker.invoke(signature.bind(arguments, context)));
  }
}
