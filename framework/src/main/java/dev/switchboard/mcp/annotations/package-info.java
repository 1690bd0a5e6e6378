/**
 * Annotations that turn plain Java methods into MCP tools, resources, prompts and completions, and
 * the scanner that prepares them once, at registration. This is the only package that reflects; the
 * request path calls prepared method handles.
 */
@NullMarked
package dev.switchboard.mcp.annotations;

import org.jspecify.annotations.NullMarked;
