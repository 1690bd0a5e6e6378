/**
 * The server definition ({@link dev.switchboard.mcp.server.McpServer}, immutable, built once) and the
 * protocol logic that serves one message for one session. Knows nothing of servlets, so the whole
 * protocol runs under a test harness without HTTP.
 */
@NullMarked
package dev.switchboard.mcp.server;

import org.jspecify.annotations.NullMarked;
