package dev.switchboard.mcp.transport;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The servlet's limits and policies, fixed when it is built.
 *
 * @param maxRequestBytes the largest request body accepted
 * @param maxQueuedBytes the most bytes queued for a client that reads too slowly before its stream is dropped
 * @param heartbeatInterval how often idle SSE streams get a comment; also how long a call may run
 *     before its response switches to SSE
 * @param standaloneStream whether GET opens a stream (else 405)
 * @param allowedOrigins the Origins accepted, or null for the localhost origins of the server's port
 * @param allowedHosts the Host names accepted, or null for localhost names on loopback binds
 */
record TransportSettings(
    long maxRequestBytes,
    long maxQueuedBytes,
    Duration heartbeatInterval,
    boolean standaloneStream,
    @Nullable Set<String> allowedOrigins,
    @Nullable Set<String> allowedHosts) {}
