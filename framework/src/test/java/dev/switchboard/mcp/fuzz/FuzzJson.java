package dev.switchboard.mcp.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds JSON values from a fuzzer's bytes, shaped like the arguments a client sends: keys and strings
 * are often taken from a list of words (a schema's property names and constants), and every number is
 * a literal read by the protocol's own mapper, so it has the node type the wire would give it
 * (long, big integer, or double — {@code 1e400} included).
 */
final class FuzzJson {
  private static final JsonMapper WIRE = JsonRpcCodec.create().mapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String NUMBER_CHARS = "0123456789-+.eE";

  private FuzzJson() {}

  static JsonNode value(FuzzedDataProvider data, List<String> words, int depth) {
    int kind = data.consumeInt(0, depth >= 5 ? 4 : 6);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(data.consumeBoolean());
      case 2 -> number(data);
      case 3, 4 -> NODES.stringNode(string(data, words));
      case 5 -> {
        ObjectNode object = NODES.objectNode();
        int fields = data.consumeInt(0, 5);
        for (int i = 0; i < fields; i++) {
          object.set(string(data, words), value(data, words, depth + 1));
        }
        yield object;
      }
      default -> {
        ArrayNode array = NODES.arrayNode();
        int items = data.consumeInt(0, 5);
        for (int i = 0; i < items; i++) {
          array.add(value(data, words, depth + 1));
        }
        yield array;
      }
    };
  }

  static String string(FuzzedDataProvider data, List<String> words) {
    if (!words.isEmpty() && data.consumeBoolean()) {
      return data.pickValue(words);
    }
    return data.consumeString(24);
  }

  /** A number as the wire reads it: a literal parsed by the codec's mapper, else a plain long. */
  static JsonNode number(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return NODES.numberNode(data.consumeLong());
    }
    int length = data.consumeInt(1, 24);
    StringBuilder literal = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      literal.append(NUMBER_CHARS.charAt(data.consumeInt(0, NUMBER_CHARS.length() - 1)));
    }
    try {
      JsonNode node = WIRE.readTree(literal.toString());
      if (node != null && node.isNumber()) {
        return node;
      }
    } catch (JacksonException e) {
      // not a JSON number: fall through
    }
    return NODES.numberNode(data.consumeInt());
  }
}
