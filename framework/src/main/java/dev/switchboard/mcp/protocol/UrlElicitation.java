package dev.switchboard.mcp.protocol;

import java.util.Objects;

/**
 * An out-of-band interaction the user must complete in a browser (URL-mode elicitation, MCP
 * 2025-11-25), for example an authorization or a payment.
 *
 * @param elicitationId an id unique within the session, used to report completion
 * @param url the page to open
 * @param message why, for the user
 */
public record UrlElicitation(String elicitationId, String url, String message) {
  /** Checks the invariants. */
  public UrlElicitation {
    Objects.requireNonNull(elicitationId, "elicitationId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(message, "message");
  }
}
