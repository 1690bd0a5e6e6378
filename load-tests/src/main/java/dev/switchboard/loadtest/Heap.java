package dev.switchboard.loadtest;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections: the figure that says what live objects cost. */
final class Heap {
  private Heap() {}

  static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(150);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}
