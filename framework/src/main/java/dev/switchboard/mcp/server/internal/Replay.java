package dev.switchboard.mcp.server.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What one run of a multi-round call (2026-07-28) knows: the client's answers from earlier rounds
 * (out of the signed state) and from this retry, and the values {@code once} computed. Asks made
 * without a key get {@code #1}, {@code #2}, ... in the order the handler makes them, which is what
 * matches them to their answers when the handler runs again.
 */
final class Replay {
  private final String principal;
  private final String method;
  private final String name;
  private final @Nullable JsonNode arguments;
  private RequestStates.@Nullable Binding binding; // made when first needed: most calls never ask
  private final Map<String, JsonNode> answers;
  private final Map<String, JsonNode> carried;
  private final ReentrantLock lock = new ReentrantLock();
  // What this run used, which is what the next round must know.
  private final Map<String, JsonNode> used = new LinkedHashMap<>();
  private final Map<String, JsonNode> carriedNow = new LinkedHashMap<>();
  private int asked;

  /**
   * @param arguments a copy of the arguments the client sent (the handler may change its own), or null
   * @param principal the key of the principal the request acts for; empty without authorization
   * @param binding what the request's state was checked against, or null to make it when needed
   */
  Replay(String method, String name, @Nullable JsonNode arguments, String principal,
      RequestStates.@Nullable Binding binding, Map<String, JsonNode> answers, Map<String, JsonNode> carried) {
    this.principal = principal;
    this.method = method;
    this.name = name;
    this.arguments = arguments;
    this.binding = binding;
    this.answers = Map.copyOf(answers);
    this.carried = Map.copyOf(carried);
  }

  /** What the next round's state is bound to: the method, the name and a digest of the arguments. */
  RequestStates.Binding binding() {
    lock.lock();
    try {
      RequestStates.Binding made = binding;
      if (made == null) {
        made = new RequestStates.Binding(method, name, RequestStates.digest(arguments), principal);
        binding = made;
      }
      return made;
    } finally {
      lock.unlock();
    }
  }

  String nextKey() {
    lock.lock();
    try {
      return "#" + ++asked;
    } finally {
      lock.unlock();
    }
  }

  /** The client's answer to a key, or null when it has not answered it yet. */
  @Nullable JsonNode answer(String key) {
    JsonNode answer = answers.get(key);
    if (answer != null) {
      lock.lock();
      try {
        used.put(key, answer);
      } finally {
        lock.unlock();
      }
    }
    return answer;
  }

  /** A value computed in an earlier round, or null. */
  @Nullable JsonNode carried(String key) {
    JsonNode value = carried.get(key);
    if (value != null) {
      carry(key, value);
    }
    return value;
  }

  void carry(String key, JsonNode value) {
    lock.lock();
    try {
      carriedNow.put(key, value);
    } finally {
      lock.unlock();
    }
  }

  /** What the next round starts from, when this one ends asking for {@code pending}. */
  RequestStates.Round next(List<String> pending) {
    lock.lock();
    try {
      return new RequestStates.Round(new LinkedHashMap<>(used), new LinkedHashMap<>(carriedNow), pending);
    } finally {
      lock.unlock();
    }
  }
}
