/**
 * JSON-RPC 2.0 and MCP wire types as immutable records, the one codec that reads and writes them,
 * error codes and protocol revisions. Knows nothing of HTTP, sessions or servlets.
 */
@NullMarked
package dev.switchboard.mcp.protocol;

import org.jspecify.annotations.NullMarked;
