package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.server.internal.ServerListener;
import dev.switchboard.mcp.session.internal.SessionStore;

/**
 * Relays this instance's changes (list changes, resource updates) to the fleet's other instances, and
 * theirs to this instance's listeners, which tell the streams: each stream hears of a change once,
 * from the instance it is connected to. A message names the run that published it, so an instance
 * ignores its own (it told its streams already).
 */
final class FleetChanges implements ServerListener {
  private static final char LIST_CHANGED = 'L';
  private static final char RESOURCE_UPDATED = 'R';
  private static final char SESSION_MOVED = 'M';

  private final FleetLink link;
  private final ServerCore server;
  private final SessionStore sessions;

  FleetChanges(FleetLink link, ServerCore server, SessionStore sessions) {
    this.link = link;
    this.server = server;
    this.sessions = sessions;
  }

  @Override
  public boolean relaysToFleet() {
    return true;
  }

  /** Tells the other instances that this one took a session over: any copy of it they hold ends there. */
  static void announceMove(FleetLink link, String sessionId) {
    link.publish(link.incarnation() + "\n" + SESSION_MOVED + "\n" + sessionId);
  }

  @Override
  public void listChanged(String notificationMethod) {
    link.publish(link.incarnation() + "\n" + LIST_CHANGED + "\n" + notificationMethod);
  }

  @Override
  public void resourceUpdated(String uri) {
    link.publish(link.incarnation() + "\n" + RESOURCE_UPDATED + "\n" + uri);
  }

  /** A message from the change channel: told to this instance's listeners unless it came from this run. */
  void heard(String message) {
    int first = message.indexOf('\n');
    if (first < 0 || message.length() < first + 3 || message.charAt(first + 2) != '\n'
        || message.substring(0, first).equals(link.incarnation())) {
      return;
    }
    String subject = message.substring(first + 3);
    switch (message.charAt(first + 1)) {
      case LIST_CHANGED -> server.tellFromFleet(listener -> listener.listChanged(subject));
      case RESOURCE_UPDATED -> server.tellFromFleet(listener -> listener.resourceUpdated(subject));
      case SESSION_MOVED -> sessions.movedAway(subject);
      default -> { } // from a newer release: not ours to understand
    }
  }
}
