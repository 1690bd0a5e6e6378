/**
 * The working part of a server: the dispatcher of each method, the registry of what is offered, the context handlers get, and requests to the client. Not exported: not part of the API.
 */
@NullMarked
package dev.switchboard.mcp.server.internal;

import org.jspecify.annotations.NullMarked;
