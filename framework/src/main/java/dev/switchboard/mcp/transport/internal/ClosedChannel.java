package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.server.internal.OutboundChannel;

/** The channel of a POST that carried no requests: nothing may be sent on it (it is answered 202). */
enum ClosedChannel implements OutboundChannel {
  INSTANCE;

  @Override
  public boolean send(JsonRpcMessage message) {
    return false;
  }

  @Override
  public boolean isOpen() {
    return false;
  }

  @Override
  public void close() {}
}
