package dev.switchboard.mcp.protocol.internal;

/**
 * One JSON-RPC 2.0 message: a request, a notification, or a response.
 */
public sealed interface JsonRpcMessage permits JsonRpcRequest, JsonRpcNotification, JsonRpcResponse {}
