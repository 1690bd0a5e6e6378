package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Behaviour hints for a tool. Clients must treat them as untrusted hints, never as guarantees.
 *
 * @param title a display name, or null
 * @param readOnlyHint the tool does not modify its environment, or null when unspecified
 * @param destructiveHint the tool may perform destructive updates, or null
 * @param idempotentHint repeated calls with the same arguments have no further effect, or null
 * @param openWorldHint the tool talks to an open world of external entities, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolAnnotations(
    @Nullable String title,
    @Nullable Boolean readOnlyHint,
    @Nullable Boolean destructiveHint,
    @Nullable Boolean idempotentHint,
    @Nullable Boolean openWorldHint) {}
