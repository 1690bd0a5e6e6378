package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.CallToolResult;

/**
 * The code behind a tool. It runs off the container thread; it may block.
 *
 * <p>What it throws is reported to the model as a result with {@code isError: true} and the
 * exception's message, so the model can correct itself; an {@link dev.switchboard.mcp.protocol.McpException}
 * becomes a JSON-RPC error instead.
 */
@FunctionalInterface
public interface ToolHandler {
  /**
   * Runs the tool.
   *
   * @param arguments the arguments the client sent
   * @param context the request's context: progress, logging, cancellation, requests to the client
   * @return the result
   * @throws Exception when the tool fails
   */
  CallToolResult call(ToolArguments arguments, RequestContext context) throws Exception;
}
