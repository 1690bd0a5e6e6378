package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The capabilities a client declared, as sent. A capability is declared when its key is present.
 */
public final class ClientCapabilities {
  private static final ClientCapabilities NONE = new ClientCapabilities(JsonNodeFactory.instance.objectNode());

  private static final int MAX_ENTRIES = 16;
  private static final int MAX_NAME = 64;

  private final ObjectNode json;

  private ClientCapabilities(ObjectNode json) {
    this.json = json;
  }

  /**
   * Reads capabilities from the {@code capabilities} object of a request; anything that is not an
   * object counts as no capabilities.
   *
   * @param json the JSON value, possibly null or missing
   * @return the capabilities
   */
  public static ClientCapabilities fromJson(@Nullable JsonNode json) {
    if (!(json instanceof ObjectNode object) || object.isEmpty()) {
      return NONE;
    }
    // Only what a server reads is kept: capability names and their features' names and flags, a few
    // dozen at most. A session holds this for its whole life, and a client chooses how large it is.
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    object.forEachEntry((name, value) -> {
      if (kept.size() < MAX_ENTRIES && name.length() <= MAX_NAME && value.isObject()) {
        ObjectNode features = kept.putObject(name);
        value.forEachEntry((feature, setting) -> {
          if (features.size() < MAX_ENTRIES && feature.length() <= MAX_NAME) {
            if (setting.isBoolean()) {
              features.put(feature, setting.booleanValue());
            } else if (setting.isObject()) {
              features.putObject(feature);
            }
          }
        });
      }
    });
    return kept.isEmpty() ? NONE : new ClientCapabilities(kept);
  }

  /**
   * Returns no capabilities.
   *
   * @return the empty set
   */
  public static ClientCapabilities none() {
    return NONE;
  }

  /**
   * Returns whether a top-level capability is declared, for example {@code "sampling"}.
   *
   * @param name the capability
   * @return true when present
   */
  public boolean has(String name) {
    return json.has(Objects.requireNonNull(name, "name"));
  }

  /**
   * Returns whether a nested capability is declared, for example {@code ("elicitation", "url")}.
   *
   * @param name the capability
   * @param feature the key inside it
   * @return true when present
   */
  public boolean has(String name, String feature) {
    return json.path(name).has(feature);
  }

  /**
   * Returns whether the client can answer a form-mode elicitation: it declared {@code elicitation}
   * with a {@code form} key, or bare ({@code "elicitation": {}}), which means form mode (clients
   * from before URL mode declare it so).
   *
   * @return true when form-mode elicitation is supported
   */
  public boolean supportsFormElicitation() {
    JsonNode elicitation = json.get("elicitation");
    return elicitation != null && (elicitation.isEmpty() || elicitation.has("form"));
  }

  /**
   * Returns a copy of the capabilities as sent.
   *
   * @return the JSON object
   */
  @JsonValue
  public ObjectNode toJson() {
    return json.deepCopy();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClientCapabilities that && json.equals(that.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
