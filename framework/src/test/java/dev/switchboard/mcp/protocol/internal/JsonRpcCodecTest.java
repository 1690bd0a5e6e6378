package dev.switchboard.mcp.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.RequestId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRpcCodecTest {
  private final JsonRpcCodec codec = JsonRpcCodec.create();

  private DecodedBody decode(String json) {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private int errorCode(String json) {
    return assertThrows(MalformedMessageException.class, () -> decode(json)).response().error().code();
  }

  @Test
  void readsARequestWithAStringOrNumericId() {
    JsonRpcRequest byString = (JsonRpcRequest) decode("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}").messages().get(0);
    assertEquals(RequestId.of("a"), byString.id());
    JsonRpcRequest byNumber = (JsonRpcRequest) decode("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"ping\"}").messages().get(0);
    assertEquals(RequestId.of(0), byNumber.id());
    assertTrue(byNumber.id().isNumeric());
    assertFalse(RequestId.of("1").equals(RequestId.of(1)), "a string id never equals a numeric one");
  }

  @Test
  void echoesIdsExactlyAsTheyCame() {
    JsonRpcRequest request = (JsonRpcRequest) decode(
        "{\"jsonrpc\":\"2.0\",\"id\":9007199254740993,\"method\":\"ping\"}").messages().get(0);
    String written = new String(codec.encode(JsonRpcResponse.success(request.id(), Map.of())), StandardCharsets.UTF_8);
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":9007199254740993,\"result\":{}}", written, "a long, not a double");
  }

  @Test
  void readsNotificationsAndResponses() {
    assertInstanceOf(JsonRpcNotification.class,
        decode("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").messages().get(0));
    JsonRpcResponse ok = (JsonRpcResponse) decode("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"x\":1}}").messages().get(0);
    assertFalse(ok.isError());
    JsonRpcResponse failed = (JsonRpcResponse) decode(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-1,\"message\":\"no\"}}").messages().get(0);
    assertEquals(-1, failed.error().code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"a\":1} trailing", "", "   ", "nul", "{\"a\":1,\"a\":2}"})
  void invalidJsonIsAParseError(String json) {
    assertEquals(ErrorCodes.PARSE_ERROR, errorCode(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999,\"method\":\"ping\"}",
      "{\"id\":1,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":\"str\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"message\":\"m\"}}",
      "[]",
      "\"text\"",
      "17"})
  void wellFormedJsonThatIsNotJsonRpcIsAnInvalidRequest(String json) {
    assertEquals(ErrorCodes.INVALID_REQUEST, errorCode(json));
  }

  @Test
  void anInvalidRequestKeepsItsIdWhenReadable() {
    MalformedMessageException e = assertThrows(MalformedMessageException.class,
        () -> decode("{\"jsonrpc\":\"1.0\",\"id\":\"k\",\"method\":\"ping\"}"));
    assertEquals(RequestId.of("k"), e.response().id());
  }

  @Test
  void aBatchKeepsValidMessagesAndAnswersInvalidOnes() {
    DecodedBody body = decode("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"oops\":1},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"n\"}]");
    assertTrue(body.batch());
    assertEquals(2, body.messages().size());
    assertEquals(1, body.rejected().size());
    assertEquals(ErrorCodes.INVALID_REQUEST, body.rejected().get(0).error().code());
  }

  @Test
  void anErrorWithoutAReadableIdIsWrittenWithoutId() {
    String written = new String(codec.encode(JsonRpcResponse.failure(null, JsonRpcError.of(-32700, "Parse error"))),
        StandardCharsets.UTF_8);
    assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}", written);
  }

  @Test
  void writesResultsWithoutNullFields() {
    String written = new String(codec.encode(JsonRpcResponse.success(RequestId.of(1), CallToolResult.text("t"))),
        StandardCharsets.UTF_8);
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"t\"}],"
        + "\"isError\":false}}", written);
    assertFalse(written.contains("null"));
  }

  @Test
  void responsesHoldExactlyOneOfResultAndError() {
    assertThrows(IllegalArgumentException.class, () -> new JsonRpcResponse(RequestId.of(1), null, null));
    assertThrows(IllegalArgumentException.class,
        () -> new JsonRpcResponse(RequestId.of(1), "r", JsonRpcError.of(1, "e")));
    assertThrows(IllegalArgumentException.class, () -> new JsonRpcResponse(null, "r", null));
    assertNull(JsonRpcResponse.failure(null, JsonRpcError.of(1, "e")).id());
  }
}
