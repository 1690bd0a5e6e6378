package dev.switchboard.mcp.protocol;

import java.util.List;
import java.util.Optional;

/**
 * The MCP revisions this framework knows, oldest first.
 */
public enum ProtocolVersion {
  /** 2025-03-26: Streamable HTTP, JSON-RPC batches. */
  V2025_03_26("2025-03-26"),
  /** 2025-06-18: no batches, {@code MCP-Protocol-Version} header, structured tool output, elicitation. */
  V2025_06_18("2025-06-18"),
  /** 2025-11-25: icons, URL elicitation, SSE polling, tasks. */
  V2025_11_25("2025-11-25"),
  /**
   * 2026-07-28: stateless. Every request carries the revision, the client's capabilities and info in
   * {@code _meta}; no {@code initialize}, no session; input from the client through multi-round
   * results; change notifications through {@code subscriptions/listen}.
   */
  V2026_07_28("2026-07-28");

  /** The revisions negotiated through {@code initialize}, newest first. */
  public static final List<ProtocolVersion> SESSION_REVISIONS =
      List.of(V2025_11_25, V2025_06_18, V2025_03_26);

  /** The revisions served without a session, each request on its own, newest first. */
  public static final List<ProtocolVersion> STATELESS_REVISIONS = List.of(V2026_07_28);

  /** The newest revision served with sessions: what {@code initialize} settles on when the client's is unknown. */
  public static final ProtocolVersion LATEST_WITH_SESSIONS = V2025_11_25;

  /** What a server assumes when a request names no revision (transport rule P2). */
  public static final ProtocolVersion DEFAULT_WITHOUT_HEADER = V2025_03_26;

  private final String wireName;

  ProtocolVersion(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the revision as written on the wire, for example {@code 2025-06-18}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Finds a revision by its wire name.
   *
   * @param wireName the name, for example {@code 2025-06-18}
   * @return the revision, or empty when unknown
   */
  public static Optional<ProtocolVersion> fromWire(String wireName) {
    for (ProtocolVersion version : values()) {
      if (version.wireName.equals(wireName)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns whether JSON-RPC batches may be sent in this revision (only 2025-03-26).
   *
   * @return true when batches are allowed
   */
  public boolean allowsBatches() {
    return this == V2025_03_26;
  }

  /**
   * Returns whether requests of this revision are served without a session (2026-07-28 and later).
   *
   * @return true for a stateless revision
   */
  public boolean isStateless() {
    return STATELESS_REVISIONS.contains(this);
  }

  /**
   * Returns whether this revision is at least {@code other}.
   *
   * @param other the revision to compare with
   * @return true when this revision is the same or newer
   */
  public boolean atLeast(ProtocolVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
