package dev.switchboard.mcp.server;

/**
 * Told when a server's tools, resources or prompts change at run time, so that sessions can be sent
 * the matching {@code notifications/.../list_changed}. Transports register one per endpoint.
 */
@FunctionalInterface
public interface ListChangedListener {
  /**
   * Called after a change.
   *
   * @param notificationMethod for example {@code notifications/tools/list_changed}
   */
  void listChanged(String notificationMethod);
}
