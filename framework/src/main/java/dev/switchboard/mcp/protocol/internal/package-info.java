/**
 * The framework's JSON-RPC 2.0 messages and the codec that reads and writes them, and URI templates. Not exported: not part of the API.
 */
@NullMarked
package dev.switchboard.mcp.protocol.internal;

import org.jspecify.annotations.NullMarked;
