package dev.switchboard.mcp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.internal.DecodedBody;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.protocol.internal.MalformedMessageException;
import java.util.Set;

/**
 * Fuzzes {@link JsonRpcCodec#decode}: any bytes either decode or are refused with
 * {@link MalformedMessageException} (-32700 or -32600), never another exception; whatever decoded,
 * and every error response, encodes without throwing and decodes again as the same kind of message
 * with the same id and method. Seeds: {@code FuzzCodecTestInputs/decodesOrRefuses} in the test resources.
 */
class FuzzCodecTest {
  private static final JsonRpcCodec CODEC = JsonRpcCodec.create();
  private static final Set<Integer> REFUSALS = Set.of(ErrorCodes.PARSE_ERROR, ErrorCodes.INVALID_REQUEST);

  @DictionaryEntries({"\"jsonrpc\"", "\"2.0\"", "\"id\"", "\"method\"", "\"params\"", "\"result\"", "\"error\"",
      "\"code\"", "\"message\"", "\"data\"", "\"_meta\"", "null", "true", "1e400", "-0", "9223372036854775808",
      "\"tools/call\"", "\"ping\""})
  @FuzzTest(maxDuration = "4s")
  void decodesOrRefuses(byte[] body) {
    DecodedBody decoded;
    try {
      decoded = CODEC.decode(body);
    } catch (MalformedMessageException e) {
      JsonRpcResponse refusal = e.response();
      assertNotNull(refusal.error());
      assertTrue(REFUSALS.contains(refusal.error().code()), "refused with " + refusal.error().code());
      reencodes(refusal);
      return;
    }
    assertTrue(!decoded.messages().isEmpty() || !decoded.rejected().isEmpty(), "a body holds a message");
    if (!decoded.batch()) {
      assertEquals(1, decoded.messages().size());
      assertTrue(decoded.rejected().isEmpty());
    }
    for (JsonRpcMessage message : decoded.messages()) {
      reencodes(message);
    }
    for (JsonRpcResponse rejected : decoded.rejected()) {
      assertNotNull(rejected.error());
      assertEquals(ErrorCodes.INVALID_REQUEST, rejected.error().code());
      reencodes(rejected);
    }
  }

  /** What the codec writes, it reads back as the same kind of message, with the same id and method. */
  private static void reencodes(JsonRpcMessage message) {
    byte[] written = CODEC.encode(message);
    DecodedBody again = CODEC.decode(written);
    assertFalse(again.batch());
    assertEquals(1, again.messages().size());
    JsonRpcMessage read = again.messages().get(0);
    assertSame(message.getClass(), read.getClass());
    if (message instanceof JsonRpcRequest request) {
      JsonRpcRequest readRequest = (JsonRpcRequest) read;
      assertEquals(request.id(), readRequest.id());
      assertEquals(request.method(), readRequest.method());
    } else if (message instanceof JsonRpcNotification notification) {
      assertEquals(notification.method(), ((JsonRpcNotification) read).method());
    } else if (message instanceof JsonRpcResponse response) {
      JsonRpcResponse readResponse = (JsonRpcResponse) read;
      assertEquals(response.id(), readResponse.id());
      assertEquals(response.isError(), readResponse.isError());
      if (response.isError()) {
        assertEquals(response.error().code(), readResponse.error().code());
        assertEquals(response.error().message(), readResponse.error().message());
      }
    }
  }
}
