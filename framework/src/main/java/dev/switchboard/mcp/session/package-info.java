/**
 * A client's session as handlers and listeners see it ({@link dev.switchboard.mcp.session.McpSession}),
 * and how to hear of sessions opening and ending. The protocol state behind a session is the
 * framework's own. Knows nothing of servlets.
 */
@NullMarked
package dev.switchboard.mcp.session;

import org.jspecify.annotations.NullMarked;
