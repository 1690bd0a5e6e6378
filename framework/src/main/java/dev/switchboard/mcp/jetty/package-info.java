/**
 * Jetty 12 glue: {@link dev.switchboard.mcp.jetty.JettyMcpServer} runs a server standalone on embedded
 * Jetty, and {@link dev.switchboard.mcp.jetty.JettyMcpServer#mount} adds the endpoint to an existing
 * Jetty application.
 */
@NullMarked
package dev.switchboard.mcp.jetty;

import org.jspecify.annotations.NullMarked;
