package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.ReadResourceResult;
import java.util.Map;

/**
 * The code behind a resource template: reads any resource whose URI matches it. Runs off the
 * container thread; failures are reported as for {@link ResourceHandler}.
 */
@FunctionalInterface
public interface ResourceTemplateHandler {
  /**
   * Reads a resource of the template.
   *
   * @param uri the URI asked for
   * @param variables the template's variables as matched from the URI
   * @param context the request's context
   * @return the contents
   * @throws Exception when reading fails; throw {@code McpException} with -32002 when no such resource exists
   */
  ReadResourceResult read(String uri, Map<String, String> variables, RequestContext context) throws Exception;
}
