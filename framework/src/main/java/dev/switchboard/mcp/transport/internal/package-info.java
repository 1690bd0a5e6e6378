/**
 * The HTTP edge: request guards, the exchange of each POST (JSON or SSE), GET streams, SSE framing and non-blocking output. Not exported: not part of the API.
 */
@NullMarked
package dev.switchboard.mcp.transport.internal;

import org.jspecify.annotations.NullMarked;
