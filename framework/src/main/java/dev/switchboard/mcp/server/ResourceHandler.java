package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.ReadResourceResult;

/**
 * The code behind a resource. It runs off the container thread and may block. An
 * {@link IllegalArgumentException} becomes an invalid-params error with its message; other failures
 * become an internal error (the details stay in the log).
 */
@FunctionalInterface
public interface ResourceHandler {
  /**
   * Reads the resource.
   *
   * @param uri the URI asked for
   * @param context the request's context
   * @return the contents
   * @throws Exception when reading fails
   */
  ReadResourceResult read(String uri, RequestContext context) throws Exception;
}
