package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.session.Principal;
import dev.switchboard.mcp.session.internal.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Starts and ends the rounds of multi-round calls (2026-07-28): reads a retry's
 * {@code inputResponses} and {@code requestState} into a {@link Replay} before the handler runs, and
 * seals what a round leaves for the next. A state that does not verify never reaches the handler.
 */
final class Rounds {
  private final RequestStates states;

  Rounds(RequestStates states) {
    this.states = states;
  }

  /**
   * The replay of a call that may ask the client for input, or null for a caller with a session
   * (which asks on its stream instead).
   *
   * @param channel where the request came from, for its principal
   * @param name the tool or prompt name, or the resource URI
   * @param arguments the arguments the state is bound to, or null for none
   * @throws McpException -32602 for malformed input responses or a state that does not verify
   */
  @Nullable Replay open(JsonRpcRequest request, Caller caller, OutboundChannel channel, String name,
      @Nullable JsonNode arguments) {
    if (!caller.protocolVersion().isStateless()) {
      return null;
    }
    // A state is bound to the principal the request acts for, when there is one.
    String principal = channel.httpRequest().principal().map(Principal::key).orElse("");
    JsonNode params = request.params();
    JsonNode responses = params == null ? null : params.get("inputResponses");
    JsonNode sealed = params == null ? null : params.get("requestState");
    if (responses != null && !responses.isNull() && !responses.isObject()) {
      throw McpException.invalidParams("inputResponses must be an object of answers by key");
    }
    if (sealed != null && !sealed.isNull() && !sealed.isString()) {
      throw McpException.invalidParams("requestState must be the string the server sent");
    }
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    Map<String, JsonNode> carried = Map.of();
    RequestStates.Binding binding = null;
    if (sealed != null && sealed.isString()) {
      // Only a retry pays for the arguments' digest; a first call makes it if and when it asks.
      binding = new RequestStates.Binding(request.method(), name, RequestStates.digest(arguments), principal);
      RequestStates.Round round = states.open(sealed.stringValue(), binding);
      answers.putAll(round.answers());
      carried = round.carried();
      if (responses != null && responses.isObject()) {
        // Only what the last round asked is answered now; other keys are ignored, as the spec says.
        for (String key : round.pending()) {
          JsonNode answer = responses.get(key);
          if (answer != null && !answers.containsKey(key)) {
            answers.put(key, answer);
          }
        }
      }
    } else if (responses != null && responses.isObject()) {
      // A first round's answers may come without a state: the client answered what it was asked.
      responses.forEachEntry(answers::put);
    }
    return new Replay(request.method(), name, arguments == null ? null : arguments.deepCopy(), principal, binding,
        answers, carried);
  }

  /** Seals what the ended round leaves for the next one. */
  String seal(Replay replay, List<String> pending) {
    return states.seal(replay.binding(), replay.next(pending));
  }
}
