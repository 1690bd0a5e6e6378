package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.ProtocolVersion;

/**
 * What an {@code initialize} request settles for a new session.
 *
 * @param protocolVersion the negotiated revision: the client's if supported, else the newest
 * @param clientInfo the client's name and version
 * @param capabilities the client's capabilities
 */
public record InitializeRequest(ProtocolVersion protocolVersion, Implementation clientInfo, ClientCapabilities capabilities) {}
