package dev.switchboard.mcp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithUtf8Length;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Fuzzes {@link RequestId#fromJson} with the nodes a literal can become: the wire's reading of it as
 * JSON, a string, and the numbers it spells (big decimal, big integer, long, double). It returns an id
 * or null, never throws; a string stays that string; a numeric id is numeric; and an id written in a
 * request and read back is the same id.
 */
class FuzzRequestIdTest {
  private final JsonRpcCodec codec = JsonRpcCodec.create();
  private final JsonNodeFactory factory = JsonNodeFactory.instance;

  static Stream<Arguments> literals() {
    return Stream.of(Arguments.of("1"), Arguments.of("-0"), Arguments.of("1.5"), Arguments.of("1e400"),
        Arguments.of("9223372036854775808"), Arguments.of("\"a\""), Arguments.of("null"), Arguments.of("[1]"));
  }

  @MethodSource("literals")
  @FuzzTest(maxDuration = "4s")
  void readsIdsOrNothing(@NotNull @WithUtf8Length(max = 128) String literal) {
    for (JsonNode node : readings(literal)) {
      RequestId id = RequestId.fromJson(node);
      if (id == null) {
        continue;
      }
      if (node.isString()) {
        assertEquals(RequestId.of(node.stringValue()), id);
        assertTrue(!id.isNumeric());
      } else {
        assertTrue(node.isNumber(), () -> "an id from " + node);
        assertTrue(id.isNumeric());
        assertNotEquals(RequestId.of(id.value().toString()), id, "a numeric id equals a string one");
      }
      assertTrue(id.value() instanceof String || id.value() instanceof Long || id.value() instanceof BigDecimal,
          () -> "an id of " + id.value().getClass());
      // As a request's id on the wire: written the way the codec writes one, then read back.
      String written = "{\"jsonrpc\":\"2.0\",\"id\":" + codec.mapper().writeValueAsString(id.value())
          + ",\"method\":\"ping\"}";
      JsonRpcRequest back = assertInstanceOf(JsonRpcRequest.class,
          codec.decode(written.getBytes(StandardCharsets.UTF_8)).messages().get(0));
      assertEquals(id, back.id(), written);
      assertEquals(id.hashCode(), back.id().hashCode());
    }
  }

  private List<JsonNode> readings(String literal) {
    List<JsonNode> nodes = new ArrayList<>();
    nodes.add(factory.stringNode(literal));
    try {
      JsonNode read = codec.mapper().readTree(literal);
      if (read != null) {
        nodes.add(read);
      }
    } catch (JacksonException e) {
      // not JSON
    }
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(literal.strip());
    } catch (NumberFormatException | ArithmeticException e) {
      return nodes;
    }
    nodes.add(factory.numberNode(decimal));
    nodes.add(factory.numberNode(decimal.doubleValue()));
    if (Math.abs(decimal.scale()) <= 1000 && decimal.precision() - decimal.scale() <= 1000) {
      BigInteger integer = decimal.toBigInteger();
      nodes.add(factory.numberNode(integer));
      nodes.add(factory.numberNode(integer.longValue()));
    }
    return nodes;
  }
}
