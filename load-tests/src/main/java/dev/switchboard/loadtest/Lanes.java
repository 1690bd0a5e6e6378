package dev.switchboard.loadtest;

import java.util.concurrent.CompletableFuture;

/**
 * Runs {@code count} numbered steps on {@code lanes} parallel lanes, each lane one step at a time,
 * on the engine thread; completes when every step is done.
 */
final class Lanes {
  /** One step; calls {@code next} exactly once when it is done, whatever happened. */
  interface Step {
    void run(int lane, int index, Runnable next);
  }

  private final int count;
  private final Step step;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private int nextIndex;
  private int running;

  private Lanes(int count, Step step) {
    this.count = count;
    this.step = step;
  }

  static CompletableFuture<Void> run(HttpEngine engine, int lanes, int count, Step step) {
    Lanes run = new Lanes(count, step);
    engine.execute(() -> {
      int started = Math.min(lanes, count);
      run.running = started;
      if (started == 0) {
        run.done.complete(null);
      }
      for (int lane = 0; lane < started; lane++) {
        run.advance(lane);
      }
    });
    return run.done;
  }

  private void advance(int lane) {
    if (nextIndex >= count) {
      if (--running == 0) {
        done.complete(null);
      }
      return;
    }
    int index = nextIndex++;
    boolean[] called = {false};
    step.run(lane, index, () -> {
      if (!called[0]) {
        called[0] = true;
        advance(lane);
      }
    });
  }
}
