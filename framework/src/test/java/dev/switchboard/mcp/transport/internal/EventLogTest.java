package dev.switchboard.mcp.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
  private static EventLog.Event event(long stream, long sequence, int size) {
    return new EventLog.Event(stream, sequence, new byte[size]);
  }

  private static List<Long> sequences(List<EventLog.Event> events) {
    return events.stream().map(EventLog.Event::sequence).toList();
  }

  @Test
  void replaysOnlyTheNamedStreamAfterThePoint() {
    EventLog log = new EventLog(100, 1 << 20);
    log.append(event(1, 1, 10));
    log.append(event(2, 1, 10));
    log.append(event(1, 2, 10));
    log.append(event(2, 2, 10));
    log.append(event(1, 3, 10));
    assertEquals(List.of(2L, 3L), sequences(log.after(1, 1)));
    assertEquals(List.of(2L), sequences(log.after(2, 1)));
    assertTrue(log.after(1, 3).isEmpty());
  }

  @Test
  void isBoundedByCountAndBytesDroppingTheOldest() {
    EventLog byCount = new EventLog(3, 1 << 20);
    for (long i = 1; i <= 5; i++) {
      byCount.append(event(1, i, 1));
    }
    assertEquals(List.of(3L, 4L, 5L), sequences(byCount.after(1, 0)));
    EventLog byBytes = new EventLog(100, 250);
    for (long i = 1; i <= 5; i++) {
      byBytes.append(event(1, i, 100));
    }
    assertEquals(List.of(4L, 5L), sequences(byBytes.after(1, 0)));
    assertEquals(2, byBytes.size());
  }

  @Test
  void knowsOnlyPointsItsStreamsReached() {
    EventLog log = new EventLog(10, 1000);
    log.mark(4, 1);
    log.append(event(4, 2, 5));
    assertTrue(log.knows(4, 0));
    assertTrue(log.knows(4, 2));
    assertFalse(log.knows(4, 3), "a point the stream never reached");
    assertFalse(log.knows(5, 1), "a stream it never saw");
    assertEquals(2, log.last(4));
    assertEquals(0, log.last(9));
  }
}
