/**
 * The protocol state of each session, the Caffeine-backed store that expires idle sessions, calls in flight and requests awaiting the client. Not exported: not part of the API.
 */
@NullMarked
package dev.switchboard.mcp.session.internal;

import org.jspecify.annotations.NullMarked;
