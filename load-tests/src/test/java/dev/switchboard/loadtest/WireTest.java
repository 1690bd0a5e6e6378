package dev.switchboard.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SSE bodies as servers send them: any line ending, comments, priming events, multi-line data. */
class WireTest {
  @Test
  void eventsWithDataAreReturnedAndTheRestSkipped() {
    String stream = ": heartbeat\r\n\r\nid: 1-0\r\ndata:\r\n\r\nid: 1-1\nevent: message\ndata: {\"a\":1}\n\n"
        + "data: line one\rdata:line two\r\r" + "data: {\"last\":true}";
    assertEquals(List.of("{\"a\":1}", "line one\nline two", "{\"last\":true}"), Wire.sseData(stream));
  }

  @Test
  void anEmptyStreamHasNoEvents() {
    assertEquals(List.of(), Wire.sseData(""));
    assertEquals(List.of(), Wire.sseData("\n\n: only a comment\n\n"));
  }
}
