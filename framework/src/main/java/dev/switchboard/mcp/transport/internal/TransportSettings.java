package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.HttpRequestInfo;
import dev.switchboard.mcp.session.Principal;
import dev.switchboard.mcp.transport.Authorization;
import dev.switchboard.mcp.transport.ClientLimits;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
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
 * @param logEvents the most events kept per session for resumption; 0 turns resumption off
 * @param logBytes the most bytes kept per session for resumption
 * @param reconnectDelay the {@code retry:} sent to clients before the server closes a connection
 * @param pollingInterval how long a call's SSE connection stays open before the server closes it
 *     and the client resumes (2025-11-25), or null to keep it open
 * @param clientLimits each client's share of the endpoint
 * @param clientKey what identifies a client, or null for its remote address
 * @param logBudget what all the sessions' event logs may hold together
 * @param queueBudget what all the streams' queues for slow readers may hold together
 * @param authorization how callers are authenticated, or null when anyone may call
 * @param sharedEvents where events are also kept for resumption on another instance of a fleet, or null
 */
public record TransportSettings(
    long maxRequestBytes,
    long maxQueuedBytes,
    Duration heartbeatInterval,
    boolean standaloneStream,
    @Nullable Set<String> allowedOrigins,
    @Nullable Set<String> allowedHosts,
    int logEvents,
    long logBytes,
    Duration reconnectDelay,
    @Nullable Duration pollingInterval,
    ClientLimits clientLimits,
    @Nullable Function<HttpRequestInfo, String> clientKey,
    ByteBudget logBudget,
    ByteBudget queueBudget,
    @Nullable Authorization authorization,
    @Nullable SharedEvents sharedEvents) {

  /** What identifies the client of a request, for its share of the limits. */
  public String clientOf(HttpServletRequest request) {
    Function<HttpRequestInfo, String> key = clientKey;
    if (key != null) {
      String client = key.apply(CapturedRequest.of(request));
      return client == null ? "" : client;
    }
    Principal principal = Callers.principalOf(request);
    if (principal != null) {
      return "principal " + principal.key();
    }
    String address = request.getRemoteAddr();
    return address == null ? "" : address;
  }


  /** These settings with events also kept in a fleet's shared store. */
  TransportSettings withSharedEvents(SharedEvents shared) {
    return new TransportSettings(maxRequestBytes, maxQueuedBytes, heartbeatInterval, standaloneStream, allowedOrigins,
        allowedHosts, logEvents, logBytes, reconnectDelay, pollingInterval, clientLimits, clientKey, logBudget,
        queueBudget, authorization, shared);
  }

  /** Whether clients may resume streams: events are logged. */
  public boolean resumable() {
    return logEvents > 0;
  }

}
