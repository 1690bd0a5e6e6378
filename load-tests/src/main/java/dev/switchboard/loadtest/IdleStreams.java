package dev.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Threads and heap of this process (the server) while N idle GET streams are open. An idle stream
 * must hold no thread: the streams are opened in two steps, a tenth and then the rest, and the
 * thread count holding all of them must be the thread count holding a tenth. (Opening them is
 * request work that grows the server's pools to its concurrency, so the first step is the
 * baseline, not the empty server.) The streams are opened by a child process, or for small N by an
 * engine in this process.
 */
final class IdleStreams {
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private IdleStreams() {}

  /**
   * What holding the streams cost.
   *
   * @param streams streams asked for
   * @param established streams the server accepted
   * @param failed streams (or their sessions) that failed to open
   * @param lost streams that closed while held
   * @param threadsBefore live threads before any stream was opened
   * @param firstStep streams open at the first step
   * @param threadsAtFirstStep most live threads while holding the first step
   * @param threadsHoldMin fewest live threads while holding all
   * @param threadsHoldMax most live threads while holding all
   * @param threadsPeak most live threads at any time, opening included
   * @param bytesPerStream heap delta after GC while holding all, divided by the streams (each with its
   *     session); -1 when the streams were held from this process, whose client side would count too
   * @param holdNanos how long all were held
   * @param threadSamples (seconds since start, live threads, open streams)
   * @param firstFailure the first failure, or null
   */
  record Result(int streams, int established, int failed, int lost, int threadsBefore, int firstStep,
      int threadsAtFirstStep, int threadsHoldMin, int threadsHoldMax, int threadsPeak, long bytesPerStream,
      long holdNanos, List<double[]> threadSamples, String firstFailure) {
    /** Ten times the streams, no more threads (a few for pool and timer threads that come and go; one thread per stream would be 9 × the first step). */
    boolean flat() {
      return threadsHoldMax <= threadsAtFirstStep + 10;
    }

    /** One sentence for the console and the report. */
    String describe() {
      return String.format(Locale.ROOT, "%,d of %,d streams open (each on its own session), held %.0f s. Server threads: "
              + "%d holding %,d streams, %d–%d holding all of them: %s (%d before any stream, peak %d while opening). "
              + "Heap per stream with its session: %s. Failed %d, lost %d.", established, streams, holdNanos / 1e9,
          threadsAtFirstStep, firstStep, threadsHoldMin, threadsHoldMax, flat() ? "flat" : "NOT FLAT", threadsBefore,
          threadsPeak, bytesPerStream < 0 ? "not measured (streams held from this process)" : Report.bytes(bytesPerStream),
          failed, lost);
    }
  }

  static Result measure(Target target, int streams, Duration hold, boolean childProcess, String protocolVersion,
      ProgressLine progress) throws InterruptedException, IOException {
    int firstStep = Math.max(1, streams / 10);
    List<double[]> samples = new ArrayList<>();
    long start = System.nanoTime();
    int[] open = {0};
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        synchronized (samples) {
          samples.add(new double[] {(System.nanoTime() - start) / 1e9, Heap.threads(), open[0]});
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "thread-sampler");
    long heapBefore = Heap.usedAfterGc();
    int threadsBefore = Heap.threads();
    sampler.setDaemon(true);
    sampler.start();
    int threadsAtFirstStep = 0;
    long heapHeld;
    long holdNanos;
    int[] counts;
    try (Holder holder = childProcess ? new ChildHolder(target, streams, hold, protocolVersion)
        : new LocalHolder(target, streams, protocolVersion)) {
      progress.update("[idle streams] opening " + firstStep + " GET streams" + (childProcess ? " from a child process" : ""));
      holder.open(firstStep);
      setOpen(samples, open, firstStep);
      double firstStepFrom = (System.nanoTime() - start) / 1e9;
      Thread.sleep(SETTLE.toMillis());
      threadsAtFirstStep = maxThreadsSince(samples, firstStepFrom);
      progress.update("[idle streams] opening " + (streams - firstStep) + " more");
      holder.open(streams - firstStep);
      setOpen(samples, open, streams);
      long holdStart = System.nanoTime();
      progress.update("[idle streams] holding " + streams + " streams for " + hold.toSeconds() + " s");
      Thread.sleep(hold.toMillis() / 2);
      heapHeld = Heap.usedAfterGc();
      long left = hold.toNanos() - (System.nanoTime() - holdStart);
      Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(left)));
      holdNanos = System.nanoTime() - holdStart;
      counts = holder.finish();
      setOpen(samples, open, 0);
      Result partial = new Result(streams, counts[0], counts[1], counts[2], threadsBefore, firstStep,
          threadsAtFirstStep, 0, 0, 0, counts[0] == 0 || !childProcess ? -1 : (heapHeld - heapBefore) / counts[0],
          holdNanos, List.of(),
          holder.firstFailure());
      Thread.sleep(1_000);
      sampler.interrupt();
      sampler.join();
      return finish(partial, samples, progress);
    } finally {
      sampler.interrupt();
    }
  }

  private static Result finish(Result partial, List<double[]> samples, ProgressLine progress) {
    int peak = 0;
    int holdMin = Integer.MAX_VALUE;
    int holdMax = 0;
    for (double[] sample : samples) {
      peak = Math.max(peak, (int) sample[1]);
      if (sample[2] == partial.streams()) {
        holdMin = Math.min(holdMin, (int) sample[1]);
        holdMax = Math.max(holdMax, (int) sample[1]);
      }
    }
    Result result = new Result(partial.streams(), partial.established(), partial.failed(), partial.lost(),
        partial.threadsBefore(), partial.firstStep(), partial.threadsAtFirstStep(),
        holdMin == Integer.MAX_VALUE ? 0 : holdMin, holdMax, peak, partial.bytesPerStream(), partial.holdNanos(),
        List.copyOf(samples), partial.firstFailure());
    progress.done("[idle streams] " + result.describe());
    return result;
  }

  /** Marks from now on how many streams are open, so samples can be told apart. */
  private static void setOpen(List<double[]> samples, int[] open, int streams) {
    synchronized (samples) {
      open[0] = streams;
    }
  }

  private static int maxThreadsSince(List<double[]> samples, double since) {
    int max = 0;
    synchronized (samples) {
      for (double[] sample : samples) {
        if (sample[0] >= since) {
          max = Math.max(max, (int) sample[1]);
        }
      }
    }
    return max;
  }

  /** Whoever holds the streams. */
  private interface Holder extends AutoCloseable {
    /** Opens {@code count} more streams and returns once they are open or failed. */
    void open(int count) throws IOException;

    /** Reports (established, failed, lost) and lets the streams go. */
    int[] finish() throws IOException;

    String firstFailure();

    @Override
    void close();
  }

  private static final class LocalHolder implements Holder {
    private final HttpEngine engine = new HttpEngine("stream-holder");
    private final StreamHolder streams;

    LocalHolder(Target target, int count, String protocolVersion) {
      this.streams = new StreamHolder(engine, new Wire(target.endpoint()), count, protocolVersion);
    }

    @Override
    public void open(int count) {
      streams.open(count);
    }

    @Override
    public int[] finish() {
      return new int[] {streams.established(), streams.failed(), streams.lost()};
    }

    @Override
    public String firstFailure() {
      return streams.firstFailure();
    }

    @Override
    public void close() {
      streams.close();
      engine.close();
    }
  }

  /**
   * A child JVM running {@code LoadTest --mode hold-streams}. It reads commands on its standard
   * input: {@code OPEN n} opens n more streams and answers {@code READY established failed [first
   * failure]}; {@code DONE}, or the end of input, makes it answer {@code DONE established failed
   * lost}, close everything and exit. It also exits by itself after a deadline.
   */
  private static final class ChildHolder implements Holder {
    private final Process process;
    private final BufferedReader output;
    private final Writer input;
    private String failure;

    ChildHolder(Target target, int count, Duration hold, String protocolVersion) throws IOException {
      process = ChildJvm.start(List.of("-Xmx1g", "-XX:+UseSerialGC"), "--mode", "hold-streams",
          "--url", target.endpoint().toString(), "--idle-streams", Integer.toString(count),
          "--hold", (hold.toSeconds() + 300) + "s", "--protocol-version", protocolVersion);
      output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    @Override
    public void open(int count) throws IOException {
      input.write("OPEN " + count + "\n");
      input.flush();
      String[] parts = expect("READY").split(" ", 4);
      if (Integer.parseInt(parts[2]) > 0 && failure == null) {
        failure = parts.length > 3 ? parts[3] : "some streams failed";
      }
    }

    @Override
    public int[] finish() throws IOException {
      input.write("DONE\n");
      input.flush();
      String[] parts = expect("DONE").split(" ");
      return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3])};
    }

    private String expect(String word) throws IOException {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith(word + " ")) {
          return line;
        }
      }
      throw new IOException("the stream-holding process ended without answering " + word);
    }

    @Override
    public String firstFailure() {
      return failure;
    }

    @Override
    public void close() {
      ChildJvm.stop(process, input, 60);
    }
  }
}
