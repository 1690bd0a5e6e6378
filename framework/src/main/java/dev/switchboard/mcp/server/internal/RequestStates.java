package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.server.TimeSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals and opens the {@code requestState} of multi-round calls (2026-07-28). The client holds the
 * state between rounds, so it is signed: HMAC-SHA-256 over its content, which binds it to the method,
 * the tool, prompt or resource, a digest of the arguments and an expiry. A state that was altered,
 * has expired, or belongs to another request is refused before any handler runs. The state is
 * signed, not encrypted: the client can read it, so nothing secret goes in.
 *
 * <p>Wire form: {@code base64url(json) "." base64url(mac)}.
 */
final class RequestStates {
  /** What a state is bound to: the request, and the principal it acts for (empty without authorization). */
  record Binding(String method, String name, String argumentsDigest, String principal) {}

  /**
   * What one round leaves for the next.
   *
   * @param answers the client's answers the handler has used so far, by key
   * @param carried the values computed with {@code once}, by key
   * @param pending the keys asked in the round just ended
   */
  record Round(Map<String, JsonNode> answers, Map<String, JsonNode> carried, List<String> pending) {}

  static final int MAX_CHARS = 64 * 1024;
  private static final String MAC = "HmacSHA256";
  private static final int VERSION = 1;

  private final SecretKey key;
  private final Duration lifetime;
  private final TimeSource time;
  private final JsonMapper mapper;

  RequestStates(SecretKey key, Duration lifetime, TimeSource time, JsonMapper mapper) {
    this.key = key;
    this.lifetime = lifetime;
    this.time = time;
    this.mapper = mapper;
  }

  String seal(Binding binding, Round round) {
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    state.put("v", VERSION);
    state.put("m", binding.method());
    state.put("n", binding.name());
    state.put("d", binding.argumentsDigest());
    state.put("u", binding.principal());
    state.put("x", time.now().plus(lifetime).toEpochMilli());
    state.set("a", objectOf(round.answers()));
    state.set("c", objectOf(round.carried()));
    ArrayNode pending = state.putArray("p");
    round.pending().forEach(pending::add);
    byte[] json = mapper.writeValueAsBytes(state);
    String sealed = encode(json) + "." + encode(mac(json));
    if (sealed.length() > MAX_CHARS) {
      throw new IllegalStateException("the requestState would be " + sealed.length() + " characters (the limit is "
          + MAX_CHARS + "): carry less with once(...), or fewer answers");
    }
    return sealed;
  }

  /**
   * Opens a state the client sent back.
   *
   * @throws McpException -32602 when it was not made by this server (or by one sharing its key), was
   *     altered, has expired, or belongs to another request
   */
  Round open(String sealed, Binding binding) {
    int dot = sealed.lastIndexOf('.');
    if (sealed.length() > MAX_CHARS || dot < 0) {
      throw invalid("it is not a requestState this server issued");
    }
    byte[] json;
    byte[] mac;
    try {
      json = Base64.getUrlDecoder().decode(sealed.substring(0, dot));
      mac = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid("it is not a requestState this server issued");
    }
    if (!MessageDigest.isEqual(mac, mac(json))) {
      throw invalid("its signature does not match (it was altered, or issued with another key)");
    }
    JsonNode state;
    try {
      state = mapper.readTree(json);
    } catch (JacksonException e) {
      throw invalid("it cannot be read");
    }
    if (state.path("v").asInt(0) != VERSION) {
      throw invalid("it was issued by another version of the server");
    }
    if (!binding.method().equals(state.path("m").asString("")) || !binding.name().equals(state.path("n").asString(""))
        || !binding.argumentsDigest().equals(state.path("d").asString(""))) {
      throw invalid("it belongs to a different request (the method, name or arguments differ)");
    }
    if (!binding.principal().equals(state.path("u").asString(""))) {
      throw invalid("it was issued to another caller");
    }
    if (time.now().toEpochMilli() > state.path("x").asLong(0)) {
      throw invalid("it has expired; call again without it");
    }
    List<String> pending = new ArrayList<>();
    state.path("p").forEach(key -> pending.add(key.asString("")));
    return new Round(mapOf(state.path("a")), mapOf(state.path("c")), pending);
  }

  /** A digest of a request's arguments that does not depend on the order of their properties. */
  static String digest(@Nullable JsonNode arguments) {
    StringBuilder canonical = new StringBuilder();
    canonicalize(arguments == null || arguments.isNull() ? JsonNodeFactory.instance.objectNode() : arguments, canonical);
    try {
      return encode(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void canonicalize(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.propertyNames());
      if (names.size() > 1) {
        Collections.sort(names);
      }
      out.append('{');
      for (String name : names) {
        quote(name, out);
        out.append(':');
        canonicalize(node.get(name), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode element : node) {
        canonicalize(element, out);
        out.append(',');
      }
      out.append(']');
    } else if (node.isString()) {
      quote(node.stringValue(), out);
    } else if (node.isNumber()) {
      // 2 and 2.0 are the same argument.
      out.append(node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      out.append(node.toString()); // true, false, null
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }

  private byte[] mac(byte[] content) {
    try {
      Mac mac = Mac.getInstance(MAC); // not thread-safe, and cheap next to a round trip to the client
      mac.init(key);
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  private static ObjectNode objectOf(Map<String, JsonNode> values) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    values.forEach(object::set);
    return object;
  }

  private static Map<String, JsonNode> mapOf(JsonNode object) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (object.isObject()) {
      object.forEachEntry(values::put);
    }
    return values;
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static McpException invalid(String why) {
    return McpException.invalidParams("Invalid requestState: " + why);
  }
}
