/**
 * Per-session protocol state ({@link dev.switchboard.mcp.session.McpSession}), the Caffeine-backed
 * {@link dev.switchboard.mcp.session.SessionStore}, and the {@link dev.switchboard.mcp.session.OutboundChannel}
 * through which a session reaches its streams. Knows nothing of servlets.
 */
@NullMarked
package dev.switchboard.mcp.session;

import org.jspecify.annotations.NullMarked;
