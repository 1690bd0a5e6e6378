package dev.switchboard.mcp.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON helpers of the kit: parsing, values to trees, comparison as JSON values, a canonical text. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.shared();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + Exchange.cut(text, 200) + " (" + e.getOriginalMessage() + ")",
          e);
    }
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** A value as JSON: a {@link JsonNode} as it is, a String that is JSON text is not parsed (see callers). */
  static JsonNode tree(Object value) {
    if (value instanceof JsonNode node) {
      return node.deepCopy();
    }
    return MAPPER.valueToTree(value);
  }

  /** An object of arguments from a map; values go through Jackson (records, lists, numbers...). */
  static ObjectNode objectOf(Map<String, ?> values) {
    ObjectNode object = object();
    values.forEach((name, value) -> object.set(name, value == null ? NODES.nullNode() : tree(value)));
    return object;
  }

  static String compact(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /**
   * Whether two values are the same JSON value: numbers compared as numbers ({@code 1} equals
   * {@code 1.0}), object members in any order, array elements in order.
   */
  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> member : a.properties()) {
        if (!b.has(member.getKey()) || !same(member.getValue(), b.get(member.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * A canonical, line-per-member text of a value: object members sorted by name, two spaces per
   * level, so that two texts differ only where the values do and a line diff reads well.
   */
  static String canonical(JsonNode node) {
    StringBuilder out = new StringBuilder();
    canonical(node, 0, out);
    return out.append('\n').toString();
  }

  private static void canonical(JsonNode node, int depth, StringBuilder out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      List<String> names = new ArrayList<>(node.propertyNames());
      names.sort(null);
      out.append("{\n");
      for (int i = 0; i < names.size(); i++) {
        indent(depth + 1, out);
        out.append(MAPPER.writeValueAsString(names.get(i))).append(": ");
        canonical(node.get(names.get(i)), depth + 1, out);
        out.append(i + 1 < names.size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(depth + 1, out);
        canonical(node.get(i), depth + 1, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append(']');
    } else {
      out.append(MAPPER.writeValueAsString(node));
    }
  }

  private static void indent(int depth, StringBuilder out) {
    out.append("  ".repeat(depth));
  }
}
