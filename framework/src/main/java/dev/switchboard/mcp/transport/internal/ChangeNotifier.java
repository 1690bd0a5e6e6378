package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.server.internal.ServerListener;
import dev.switchboard.mcp.session.internal.SessionStore;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Tells an endpoint's sessions what changed on the server: list changes to every initialized session,
 * resource updates to the sessions subscribed to that resource. Sessions hear of them on their GET
 * stream (without one they cannot be told); one notification object serves them all.
 */
final class ChangeNotifier implements ServerListener {
  private final SessionStore sessions;

  ChangeNotifier(SessionStore sessions) {
    this.sessions = sessions;
  }

  @Override
  public void listChanged(String method) {
    JsonRpcNotification notification = new JsonRpcNotification(method, null);
    sessions.forEach(session -> {
      if (session.isInitialized()) {
        session.sendNotification(notification);
      }
    });
  }

  @Override
  public void resourceUpdated(String uri) {
    JsonRpcNotification notification = new JsonRpcNotification("notifications/resources/updated",
        JsonNodeFactory.instance.objectNode().put("uri", uri));
    sessions.forEach(session -> {
      if (session.isSubscribed(uri)) {
        session.sendNotification(notification);
      }
    });
  }
}
