/**
 * The Streamable HTTP edge: {@link dev.switchboard.mcp.transport.McpServlet} (POST, GET, DELETE on one
 * endpoint), its guards, SSE framing, and the one place that writes HTTP errors.
 */
@NullMarked
package dev.switchboard.mcp.transport;

import org.jspecify.annotations.NullMarked;
