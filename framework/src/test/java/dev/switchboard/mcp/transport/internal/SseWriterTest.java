package dev.switchboard.mcp.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class SseWriterTest {
  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void framesAnEventWithIdAndData() {
    assertEquals("id: 1-1\ndata: {\"a\":1}\n\n", text(SseWriter.jsonEvent("1-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8))));
    assertEquals("data: x\n\n", text(SseWriter.jsonEvent(null, "x".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void aPayloadFromTheCodecIsOneDataLineWhateverItsStringsHold() {
    JsonRpcNotification message = new JsonRpcNotification("notifications/message",
        JsonNodeFactory.instance.objectNode().put("data", "a\nb\r\nc\rd ünï ✓"));
    String frame = text(SseWriter.jsonEvent("1-2", JsonRpcCodec.create().encode(message)));
    assertEquals(3, frame.split("\n", -1).length - 1, "id line, data line, blank line: " + frame);
    assertEquals("id: 1-2\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":"
        + "{\"data\":\"a\\nb\\r\\nc\\rd ünï ✓\"}}\n\n", frame);
  }

  @Test
  void lineBreaksAreRemovedFromIdsSoTheyCannotInjectFields() {
    assertEquals("id: 7data: x\ndata: {}\n\n", text(SseWriter.jsonEvent("7\r\ndata: x", "{}".getBytes(StandardCharsets.UTF_8))));
    assertEquals("id: 7data: x\nretry: 500\ndata:\n\n", text(SseWriter.primingEvent("7\ndata: x", 500)));
  }

  @Test
  void heartbeatsAreComments() {
    assertEquals(":\n\n", text(SseWriter.heartbeat()));
    assertEquals("retry: 500\n\n", text(SseWriter.retry(500)));
  }
}
