/**
 * The scanner that turns annotated methods into prepared handlers, once, at registration; the only code that reflects. Not exported: not part of the API.
 */
@NullMarked
package dev.switchboard.mcp.annotations.internal;

import org.jspecify.annotations.NullMarked;
