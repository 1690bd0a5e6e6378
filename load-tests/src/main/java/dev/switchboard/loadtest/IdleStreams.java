package dev.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads and heap of this process (the server) while N idle GET streams are open: an idle stream
 * must hold no thread, so the thread count stays flat however many there are. The streams are
 * opened by a child process (or, for small N, by an engine in this process) and held for a while.
 */
final class IdleStreams {
  private IdleStreams() {}

  /**
   * What holding the streams cost.
   *
   * @param streams streams asked for
   * @param established streams the server accepted
   * @param failed streams (or their sessions) that failed to open
   * @param lost streams that closed while held
   * @param threadsBefore live threads before opening
   * @param threadsPeak most live threads while opening and holding
   * @param threadsHoldMin fewest live threads while holding
   * @param threadsHoldMax most live threads while holding
   * @param bytesPerStream heap delta after GC while holding, divided by the streams (each with its session)
   * @param holdNanos how long they were held
   * @param threadSamples (seconds since start, live threads, phase 0 opening / 1 holding / 2 closing)
   * @param firstFailure the first failure, or null
   */
  record Result(int streams, int established, int failed, int lost, int threadsBefore, int threadsPeak,
      int threadsHoldMin, int threadsHoldMax, long bytesPerStream, long holdNanos, List<double[]> threadSamples,
      String firstFailure) {
    boolean flat() {
      return threadsHoldMax - threadsBefore <= 16;
    }
  }

  static Result measure(Target target, int streams, Duration hold, boolean childProcess, String protocolVersion,
      ProgressLine progress) throws InterruptedException, IOException {
    List<double[]> samples = new ArrayList<>();
    long start = System.nanoTime();
    int[] phase = {0};
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        synchronized (samples) {
          samples.add(new double[] {(System.nanoTime() - start) / 1e9, Heap.threads(), phase[0]});
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "thread-sampler");
    long heapBefore = Heap.usedAfterGc();
    int threadsBefore = Heap.threads();
    sampler.setDaemon(true);
    sampler.start();
    progress.update("[idle streams] opening " + streams + " GET streams" + (childProcess ? " from a child process" : ""));
    Holder holder = childProcess ? new ChildHolder(target, streams, hold, protocolVersion) : new LocalHolder(target, streams, protocolVersion);
    long heapHeld;
    long holdStart;
    int[] counts;
    try {
      holder.awaitOpen();
      synchronized (samples) {
        phase[0] = 1;
      }
      holdStart = System.nanoTime();
      progress.update("[idle streams] holding " + streams + " streams for " + hold.toSeconds() + " s");
      Thread.sleep(hold.toMillis() / 2);
      heapHeld = Heap.usedAfterGc();
      long left = hold.toNanos() - (System.nanoTime() - holdStart);
      if (left > 0) {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
      }
      synchronized (samples) {
        phase[0] = 2;
      }
      counts = holder.finish();
    } finally {
      holder.close();
    }
    long held = System.nanoTime() - holdStart;
    Thread.sleep(1_000);
    sampler.interrupt();
    sampler.join();
    int peak = 0;
    int holdMin = Integer.MAX_VALUE;
    int holdMax = 0;
    for (double[] sample : samples) {
      peak = Math.max(peak, (int) sample[1]);
      if (sample[2] == 1) {
        holdMin = Math.min(holdMin, (int) sample[1]);
        holdMax = Math.max(holdMax, (int) sample[1]);
      }
    }
    int established = counts[0];
    Result result = new Result(streams, established, counts[1], counts[2], threadsBefore, peak,
        holdMin == Integer.MAX_VALUE ? threadsBefore : holdMin, holdMax, established == 0 ? 0 : (heapHeld - heapBefore) / established,
        held, List.copyOf(samples), holder.firstFailure());
    progress.done(String.format(Locale.ROOT, "[idle streams] %,d streams held %.0f s: threads %d before, %d–%d while held (peak %d); %s per stream; lost %d",
        established, held / 1e9, threadsBefore, result.threadsHoldMin(), holdMax, peak,
        Report.bytes(result.bytesPerStream()), result.lost()));
    return result;
  }

  /** Whoever holds the streams. */
  private interface Holder extends AutoCloseable {
    void awaitOpen() throws InterruptedException, IOException;

    /** Reports (established, failed, lost) and lets the streams go. */
    int[] finish() throws InterruptedException, IOException;

    String firstFailure();

    @Override
    void close();
  }

  private static final class LocalHolder implements Holder {
    private final HttpEngine engine = new HttpEngine("stream-holder");
    private final StreamHolder streams;
    private final int count;

    LocalHolder(Target target, int count, String protocolVersion) {
      this.count = count;
      this.streams = new StreamHolder(engine, new Wire(target.endpoint()), count, protocolVersion);
    }

    @Override
    public void awaitOpen() {
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
   * A child JVM running {@code LoadTest --mode hold-streams}; it prints {@code READY established failed},
   * holds the streams until its standard input closes or it is told {@code DONE}, then prints
   * {@code DONE established failed lost} and exits. It also exits by itself after a deadline.
   */
  private static final class ChildHolder implements Holder {
    private final Process process;
    private final BufferedReader output;
    private final AtomicReference<String> failure = new AtomicReference<>();

    ChildHolder(Target target, int count, Duration hold, String protocolVersion) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = List.of(java, "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          LoadTest.class.getName(), "--mode", "hold-streams", "--url", target.endpoint().toString(),
          "--idle-streams", Integer.toString(count), "--hold", (hold.toSeconds() + 120) + "s",
          "--protocol-version", protocolVersion);
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public void awaitOpen() throws IOException {
      String line = expect("READY");
      String[] parts = line.split(" ");
      if (Integer.parseInt(parts[2]) > 0) {
        failure.compareAndSet(null, parts.length > 3 ? line.substring(line.indexOf(parts[3])) : "some streams failed");
      }
    }

    @Override
    public int[] finish() throws IOException {
      process.getOutputStream().write("DONE\n".getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
      String[] parts = expect("DONE").split(" ");
      return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3])};
    }

    private String expect(String prefix) throws IOException {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith(prefix + " ")) {
          return line;
        }
      }
      throw new IOException("the stream-holding process ended without saying " + prefix);
    }

    @Override
    public String firstFailure() {
      return failure.get();
    }

    @Override
    public void close() {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroy();
        }
      } catch (IOException e) {
        process.destroy();
      } catch (InterruptedException e) {
        process.destroy();
        Thread.currentThread().interrupt();
      }
    }
  }
}
