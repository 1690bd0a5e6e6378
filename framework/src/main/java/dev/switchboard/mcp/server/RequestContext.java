package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.ClientCapabilityException;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Root;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.protocol.SamplingResult;
import dev.switchboard.mcp.protocol.UrlElicitation;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a handler knows of the request it serves, and the ways it can talk back to the client while
 * it runs. Everything sent through a context goes on the stream of the request that carried it.
 *
 * <p>A context is valid only while its handler runs. A request may have no session (the stateless
 * 2026-07-28 revision), so the client's description is offered here directly rather than through
 * {@link #session()}.
 *
 * <p><b>Asking the client, in both eras.</b> {@link #elicit}, {@link #createMessage}, {@link #listRoots}
 * and {@link #ask} look the same to a handler in every revision. On a session they send a request
 * on this request's stream and wait. In 2026-07-28 there is no stream to ask on: the first ask ends
 * the handler's run with an {@code InputRequiredResult}; the client answers by retrying the request,
 * and the handler <em>runs again from the top</em>, each ask now returning the client's answer (asks
 * are matched in the order they are made). So code before an ask runs once per round: keep side
 * effects after the last ask, and wrap expensive work before it in {@link #once}. Do not catch
 * {@link Error} (or {@link Throwable}) around an ask: the end of a round travels as one.
 */
public interface RequestContext {
  /**
   * Returns the JSON-RPC id of the request.
   *
   * @return the id
   */
  RequestId requestId();

  /**
   * Returns the session the request belongs to.
   *
   * @return the session, or empty for a request served without one
   */
  Optional<McpSession> session();

  /**
   * Returns the protocol revision the request is served under.
   *
   * @return the revision
   */
  ProtocolVersion protocolVersion();

  /**
   * Returns the client's name and version.
   *
   * @return the client info
   */
  Implementation clientInfo();

  /**
   * Returns the capabilities the client declared.
   *
   * @return the capabilities
   */
  ClientCapabilities clientCapabilities();

  /**
   * Returns the HTTP request that carried this request: its headers and the client's address, for
   * tenants, traces or users a gateway passes in headers.
   *
   * @return a read-only copy taken when the request arrived
   */
  HttpRequestInfo httpRequest();

  /**
   * Returns who the request acts for: the principal of its verified access token, with its subject,
   * scopes and claims. Same as {@code httpRequest().principal()}.
   *
   * @return the principal; empty when the endpoint does not check authorization
   */
  default Optional<Principal> principal() {
    return httpRequest().principal();
  }

  /**
   * Returns the progress token the client sent with the request, as text.
   *
   * @return the token, or empty when the client asked for no progress
   */
  Optional<String> progressToken();

  /**
   * Reports progress, if the client asked for it with a progress token; otherwise does nothing.
   *
   * @param progress the progress so far; must increase with every call
   * @param total the total, or null when unknown
   * @param message a human-readable message, or null
   * @throws IllegalArgumentException when {@code progress} does not increase
   */
  void progress(double progress, @Nullable Double total, @Nullable String message);

  /**
   * Sends a log message to the client, if its level is at or above the level the client set with
   * {@code logging/setLevel} (sessions) or in the request's {@code _meta} (2026-07-28, where a request
   * that names no level gets no log messages).
   *
   * @param level the severity
   * @param logger the logger name, or null
   * @param data the message: a string, or anything Jackson can write
   */
  void log(LoggingLevel level, @Nullable String logger, Object data);

  /**
   * Returns whether the client cancelled the request. Long handlers should check this, or rely on
   * the interrupt a cancellation delivers to their thread.
   *
   * @return true once cancelled
   */
  boolean isCancelled();

  /**
   * Registers an action to run if the client cancels the request, for work that the thread interrupt
   * a cancellation delivers does not stop, such as a running JDBC statement ({@code statement::cancel}).
   * It runs at once if the request is already cancelled.
   *
   * @param action what to do; quick, and without throwing
   */
  void onCancel(Runnable action);

  /**
   * Closes the HTTP connection carrying this request's stream, after telling the client when to
   * reconnect, without ending the request (SSE polling, MCP 2025-11-25). What the handler sends next,
   * its result included, is kept and delivered when the client resumes the stream with
   * {@code Last-Event-ID}. Useful for a long call that should not hold a connection.
   *
   * @return false when this request's stream cannot be resumed (an older revision, or resumption is
   *     off), in which case nothing changed
   */
  boolean disconnect();

  /**
   * Sends a request to the client on this request's stream and waits for its response. The pending
   * response is registered before the request is written. In 2026-07-28 only
   * {@code elicitation/create}, {@code sampling/createMessage} and {@code roots/list} can be asked, and
   * they are asked as for {@link #ask}: through a multi-round result ({@code timeout} does not apply).
   *
   * @param method the method, for example {@code roots/list}
   * @param params the parameters, or null
   * @param timeout how long to wait
   * @return the client's result
   * @throws McpException when the client answered with an error
   * @throws TimeoutException when no answer came in time
   * @throws InterruptedException when the call was cancelled while waiting
   * @throws dev.switchboard.mcp.session.SessionClosedException when the session ended or the request has no session
   * @throws IllegalStateException when the request's stream is already closed
   */
  JsonNode sendRequest(String method, @Nullable JsonNode params, Duration timeout)
      throws TimeoutException, InterruptedException;

  /**
   * Asks the user to fill in a form ({@code elicitation/create}, MCP 2025-06-18 and later). The form's
   * schema is generated from {@code form}, a flat record or bean of strings, numbers, booleans, dates,
   * enums and lists of enums; titles, descriptions and defaults come from {@code @McpParam} and
   * Jackson's annotations. Waits for the user, up to the server's client-request timeout.
   *
   * @param message what to ask, shown to the user
   * @param form the form's type
   * @param <T> the form's type
   * @return the user's answer; when accepted, the form bound to {@code T}
   * @throws ClientCapabilityException when the client did not declare form elicitation (nothing is sent)
   * @throws TimeoutException when the user did not answer in time
   * @throws InterruptedException when the call was cancelled while waiting
   */
  <T> ElicitationResult<T> elicit(String message, Class<T> form) throws TimeoutException, InterruptedException;

  /**
   * Asks the user to fill in a form described by a hand-written schema (a flat object of primitive
   * properties, as the MCP spec restricts it).
   *
   * @param message what to ask
   * @param requestedSchema the form's schema
   * @return the user's answer, with the content as sent
   * @throws ClientCapabilityException when the client did not declare form elicitation
   * @throws TimeoutException when the user did not answer in time
   * @throws InterruptedException when the call was cancelled while waiting
   */
  ElicitationResult<ObjectNode> elicit(String message, ObjectNode requestedSchema)
      throws TimeoutException, InterruptedException;

  /**
   * Asks the user to complete an interaction in a browser (URL-mode elicitation, MCP 2025-11-25). The
   * answer says whether the user agreed to open the URL; when the interaction itself completes, tell
   * the client with {@link McpSession#notifyElicitationComplete(String)}.
   *
   * @param elicitation the URL, its message and an id unique within the session
   * @return the user's answer (never with content)
   * @throws ClientCapabilityException when the client did not declare URL elicitation
   * @throws TimeoutException when the user did not answer in time
   * @throws InterruptedException when the call was cancelled while waiting
   */
  ElicitationResult<Void> elicitUrl(UrlElicitation elicitation) throws TimeoutException, InterruptedException;

  /**
   * Asks the client's model to generate a message ({@code sampling/createMessage}).
   *
   * @param request the messages, limits and preferences
   * @return what the model generated
   * @throws ClientCapabilityException when the client did not declare sampling (or sampling with
   *     tools, for a request that offers tools)
   * @throws TimeoutException when the client did not answer in time
   * @throws InterruptedException when the call was cancelled while waiting
   */
  SamplingResult createMessage(SamplingRequest request) throws TimeoutException, InterruptedException;

  /**
   * Asks the client for its roots ({@code roots/list}).
   *
   * @return the roots
   * @throws ClientCapabilityException when the client did not declare roots
   * @throws TimeoutException when the client did not answer in time
   * @throws InterruptedException when the call was cancelled while waiting
   */
  List<Root> listRoots() throws TimeoutException, InterruptedException;

  /**
   * Asks the client several questions in one round and returns every answer. On a session they go
   * out one after another on this request's stream. In 2026-07-28 they reach the client together in
   * one {@code InputRequiredResult}, under the keys given, and the handler runs again when the
   * client answers (see the replay rule above).
   *
   * @param questions the questions
   * @return the answers, by key
   * @throws ClientCapabilityException when the client did not declare what a question needs (in
   *     2026-07-28, the client is answered with error -32021 unless the handler catches it)
   * @throws TimeoutException when the client did not answer in time (sessions only)
   * @throws InterruptedException when the call was cancelled while waiting
   */
  InputResponses ask(InputRequests questions) throws TimeoutException, InterruptedException;

  /**
   * Runs {@code work} once per call, however many rounds the call takes, and returns its result. In
   * 2026-07-28 the value is carried to the next round inside the signed {@code requestState} (so it
   * must be small, Jackson-writable, and not secret: the client holds it); on a session the handler
   * runs once anyway and this simply runs {@code work}.
   *
   * @param key names the value within this handler
   * @param type the value's type, to read it back
   * @param work computes the value
   * @param <T> the value's type
   * @return the value, computed now or in an earlier round
   * @throws Exception what {@code work} throws
   */
  <T> T once(String key, Class<T> type, Callable<? extends T> work) throws Exception;

  /**
   * Returns the W3C trace context the client sent in the request's {@code _meta}
   * ({@code traceparent}, {@code tracestate}, {@code baggage}), for handlers that continue the trace.
   *
   * @return the entries present, by name; empty when the client sent none
   */
  Map<String, String> traceContext();
}
