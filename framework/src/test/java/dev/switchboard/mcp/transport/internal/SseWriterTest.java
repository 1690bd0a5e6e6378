package dev.switchboard.mcp.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
  void everyLineOfThePayloadGetsItsOwnDataLine() {
    assertEquals("data: a\ndata: b\ndata: c\ndata: d\n\n", text(SseWriter.event(null, null, "a\nb\r\nc\rd")));
    assertEquals("data:\n\n", text(SseWriter.event(null, null, "")));
    assertEquals("data: ünï ✓\n\n", text(SseWriter.event(null, null, "ünï ✓")));
  }

  @Test
  void lineBreaksAreRemovedFromIdAndEventSoTheyCannotInjectFields() {
    assertEquals("id: 1data: evil\nevent: messagedata: x\ndata: ok\n\n",
        text(SseWriter.event("1\ndata: evil", "message\r\ndata: x", "ok")));
    assertEquals("id: 7data: x\ndata: {}\n\n", text(SseWriter.jsonEvent("7\r\ndata: x", "{}".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void heartbeatsAreComments() {
    assertEquals(":\n\n", text(SseWriter.heartbeat()));
    assertEquals("retry: 500\n\n", text(SseWriter.retry(500)));
  }
}
