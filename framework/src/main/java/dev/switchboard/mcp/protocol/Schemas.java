package dev.switchboard.mcp.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers for JSON Schema objects carried on the wire. */
final class Schemas {
  private Schemas() {}

  /** The schema of a tool without arguments. */
  static ObjectNode noArguments() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    return schema;
  }

  static ObjectNode parseObject(String json, String what) {
    JsonNode node;
    try {
      node = JsonMapper.shared().readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return object;
  }
}
