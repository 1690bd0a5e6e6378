package dev.switchboard.mcp.session.internal;

import dev.switchboard.mcp.protocol.McpException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The resources one session subscribed to ({@code resources/subscribe}), at most {@value #MAX} of them. */
public final class ResourceSubscriptions {
  /** The most resources one session may subscribe to. */
  public static final int MAX = 100;
  /** The longest URI one may subscribe to. */
  public static final int MAX_URI = 2_048;

  private final Set<String> uris = ConcurrentHashMap.newKeySet();
  private final SessionState session;
  private final SessionMirror mirror;

  ResourceSubscriptions(SessionState session, SessionMirror mirror) {
    this.session = session;
    this.mirror = mirror;
  }

  /** The subscriptions of a session taken over from another instance (not copied back). */
  static ResourceSubscriptions restored(SessionState session, SessionMirror mirror, Set<String> uris) {
    ResourceSubscriptions restored = new ResourceSubscriptions(session, mirror);
    uris.stream().limit(MAX).forEach(restored.uris::add);
    return restored;
  }

  /**
   * Subscribes to a resource.
   *
   * @param uri the resource
   * @throws McpException -32602 when the session holds {@value #MAX} subscriptions already
   */
  public void add(String uri) {
    Objects.requireNonNull(uri, "uri");
    if (uri.length() > MAX_URI) {
      throw McpException.invalidParams("a resource URI to subscribe to may be " + MAX_URI + " characters long at most");
    }
    if (uris.size() >= MAX && !uris.contains(uri)) {
      throw McpException.invalidParams("a session may subscribe to " + MAX + " resources at most");
    }
    if (uris.add(uri)) {
      mirror.subscriptionChanged(session, uri, true);
    }
  }

  /** Ends a subscription ({@code resources/unsubscribe}). */
  public void remove(String uri) {
    if (uris.remove(Objects.requireNonNull(uri, "uri"))) {
      mirror.subscriptionChanged(session, uri, false);
    }
  }

  boolean contains(String uri) {
    return uris.contains(uri);
  }

  void clear() {
    uris.clear();
  }
}
