package dev.switchboard.mcp.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The bytes queued for slow readers are bounded per stream and over the whole endpoint: many streams
 * each under their own limit cannot add up to more than the endpoint's budget, and every byte comes
 * back when it is written or its stream ends.
 */
class QueueBudgetTest {
  @Test
  void slowReadersShareOneBudgetAndEveryByteComesBack() throws Exception {
    ByteBudget budget = new ByteBudget(1_000);
    FakeServletExchange first = new FakeServletExchange();
    FakeServletExchange second = new FakeServletExchange();
    AtomicInteger ended = new AtomicInteger();
    AsyncOutput a = new AsyncOutput(first.request.startAsync(), first.output, 800, budget, ended::incrementAndGet);
    AsyncOutput b = new AsyncOutput(second.request.startAsync(), second.output, 800, budget, ended::incrementAndGet);
    first.output.stall();
    second.output.stall();
    a.start();
    b.start();
    assertTrue(a.enqueue(new byte[600]));
    assertEquals(400, budget.free());
    assertFalse(b.enqueue(new byte[500]), "each under its own 800 bytes, together over the endpoint's 1,000");
    assertEquals(1, ended.get(), "the stream that would go over loses its connection");
    assertEquals(400, budget.free(), "and takes nothing");
    first.output.becomeReady();
    assertEquals(1_000, budget.free(), "written bytes come back");
    assertEquals(600, first.output.text().length());

    first.output.stall();
    assertTrue(a.enqueue(new byte[300]));
    assertEquals(700, budget.free());
    first.output.breakPipe();
    first.output.becomeReady();
    assertEquals(2, ended.get());
    assertEquals(1_000, budget.free(), "a broken stream gives back what it still held");
    assertFalse(a.enqueue(new byte[10]));
    assertEquals(1_000, budget.free());
  }
}
