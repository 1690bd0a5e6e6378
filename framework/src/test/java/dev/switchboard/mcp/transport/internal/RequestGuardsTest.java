package dev.switchboard.mcp.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestGuardsTest {
  @Test
  void acceptRangesAreMatchedWithWildcardsAndQuality() {
    assertTrue(RequestGuards.accepts("application/json, text/event-stream", "text/event-stream"));
    assertTrue(RequestGuards.accepts("text/*;q=0.5", "text/event-stream"));
    assertTrue(RequestGuards.accepts("*/*", "application/json"));
    assertTrue(RequestGuards.accepts(null, "application/json"), "no Accept header admits everything");
    assertFalse(RequestGuards.accepts("application/json", "text/event-stream"));
    assertFalse(RequestGuards.accepts("text/event-stream;q=0", "text/event-stream"));
    assertTrue(RequestGuards.accepts("APPLICATION/JSON", "application/json"));
  }

  @Test
  void contentTypeMustBeJsonWithAnyParameters() {
    assertTrue(RequestGuards.isJson("application/json"));
    assertTrue(RequestGuards.isJson("application/json; charset=UTF-8"));
    assertFalse(RequestGuards.isJson("application/jsonp"));
    assertFalse(RequestGuards.isJson("text/plain"));
    assertFalse(RequestGuards.isJson(null));
  }

  @Test
  void originsAreNormalized() {
    assertEquals("http://localhost:3000", RequestGuards.normalizeOrigin("HTTP://LocalHost:3000"));
    assertEquals("https://app.example.com", RequestGuards.normalizeOrigin("https://app.example.com"));
    assertNull(RequestGuards.normalizeOrigin("null"));
    assertNull(RequestGuards.normalizeOrigin("https://app.example.com/path"));
    assertNull(RequestGuards.normalizeOrigin("not a url"));
  }

  @Test
  void hostNamesDropThePort() {
    assertEquals("localhost", RequestGuards.hostName("LOCALHOST:8080"));
    assertEquals("[::1]", RequestGuards.hostName("[::1]:8080"));
    assertEquals("example.com", RequestGuards.hostName("example.com"));
    assertNull(RequestGuards.hostName(" "));
  }
}
