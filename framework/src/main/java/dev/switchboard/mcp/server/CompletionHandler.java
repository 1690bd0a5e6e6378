package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.Completion;
import java.util.Map;

/**
 * Suggests values for the arguments of one prompt, or the variables of one resource template.
 */
@FunctionalInterface
public interface CompletionHandler {
  /**
   * Suggests values.
   *
   * @param argument the argument or variable being completed
   * @param value what the user typed so far
   * @param context the other arguments already chosen (empty when none)
   * @param request the request's context
   * @return the suggestions; {@link Completion#of(java.util.List)} trims a long list to 100
   * @throws Exception when completion fails
   */
  Completion complete(String argument, String value, Map<String, String> context, RequestContext request)
      throws Exception;
}
