package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.GetPromptResult;
import java.util.Map;

/**
 * The code behind a prompt. Required arguments are checked before it runs. Runs off the container
 * thread; failures are reported as for {@link ResourceHandler}.
 */
@FunctionalInterface
public interface PromptHandler {
  /**
   * Renders the prompt.
   *
   * @param arguments the arguments the client sent
   * @param context the request's context
   * @return the messages
   * @throws Exception when rendering fails
   */
  GetPromptResult get(Map<String, String> arguments, RequestContext context) throws Exception;
}
