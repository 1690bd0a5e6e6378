package dev.switchboard.mcp.server.internal;

/**
 * Told of changes the sessions of a server must hear about: its tools, resources or prompts changed
 * at run time, or a resource was updated. Transports register one per endpoint and notify the
 * sessions that can receive the message.
 */
public interface ServerListener {
  /**
   * Called after what the server offers changed.
   *
   * @param notificationMethod for example {@code notifications/tools/list_changed}
   */
  default void listChanged(String notificationMethod) {}

  /**
   * Called when the application reports that a resource changed; subscribed sessions are told.
   *
   * @param uri the resource
   */
  default void resourceUpdated(String uri) {}

  /**
   * Whether this listener passes changes on to other instances of a fleet; changes heard from the
   * fleet are not told to such listeners, or they would go round again.
   *
   * @return false but for a fleet's relay
   */
  default boolean relaysToFleet() {
    return false;
  }
}
