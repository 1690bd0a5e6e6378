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
  private final RequestStates.Binding binding;
  private final Map<String, JsonNode> answers;
  private final Map<String, JsonNode> carried;
  private final ReentrantLock lock = new ReentrantLock();
  // What this run used, which is what the next round must know.
  private final Map<String, JsonNode> used = new LinkedHashMap<>();
  private final Map<String, JsonNode> carriedNow = new LinkedHashMap<>();
  private int asked;

  Replay(RequestStates.Binding binding, Map<String, JsonNode> answers, Map<String, JsonNode> carried) {
    this.binding = binding;
    this.answers = Map.copyOf(answers);
    this.carried = Map.copyOf(carried);
  }

  RequestStates.Binding binding() {
    return binding;
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
