package dev.switchboard.mcp.transport.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking writer for one async response. Any thread may {@link #enqueue} frames; one thread
 * at a time drains the queue while the container says the output is ready, and the container calls
 * back when it is ready again. No thread ever blocks on a slow client, and an idle stream holds none.
 *
 * <p>A write failure ends the output: later frames are dropped, and {@code onEnd} runs once.
 */
final class AsyncOutput implements WriteListener {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncOutput.class);

  private final AsyncContext async;
  private final ServletOutputStream out;
  private final long maxQueuedBytes;
  private final ByteBudget shared;
  private final Runnable onEnd;
  private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicInteger work = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean closing;
  private volatile boolean started;
  private boolean needsFlush = true; // only the draining thread touches it; the first flush sends the headers

  AsyncOutput(AsyncContext async, ServletOutputStream out, long maxQueuedBytes, ByteBudget shared, Runnable onEnd) {
    this.async = async;
    this.out = out;
    this.maxQueuedBytes = maxQueuedBytes;
    this.shared = shared;
    this.onEnd = onEnd;
  }

  /** Switches the response to non-blocking writes; frames queued before are written now. */
  void start() {
    started = true;
    out.setWriteListener(this);
  }

  /**
   * Queues a frame.
   *
   * @return false when the output has ended, or the client reads too slowly and the queue is full
   */
  boolean enqueue(byte[] frame) {
    if (ended.get() || closing) {
      return false;
    }
    if (queuedBytes.addAndGet(frame.length) > maxQueuedBytes) {
      queuedBytes.addAndGet(-frame.length);
      fail(new IOException("client reads too slowly: more than " + maxQueuedBytes + " bytes queued"));
      return false;
    }
    if (!shared.take(frame.length)) {
      queuedBytes.addAndGet(-frame.length);
      fail(new IOException("the endpoint holds all the bytes it may for clients that read slowly"));
      return false;
    }
    queue.add(frame);
    if (ended.get()) {
      release(); // ended meanwhile: whatever it released did not include this frame
    }
    signal();
    return true;
  }

  /** Completes the response once every queued frame is written. */
  void closeWhenDrained() {
    closing = true;
    signal();
  }

  @Override
  public void onWritePossible() {
    signal();
  }

  @Override
  public void onError(Throwable failure) {
    fail(failure);
  }

  private void signal() {
    if (!started || work.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    while (true) {
      if (!drain()) {
        return; // ended; later signals find work != 0 and return at once
      }
      missed = work.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  /** Writes while the output is ready; returns false once the output has ended. */
  private boolean drain() {
    try {
      while (!ended.get()) {
        if (!out.isReady()) {
          return true; // the container calls onWritePossible when it can take more
        }
        byte[] frame = queue.poll();
        if (frame != null) {
          try {
            out.write(frame);
          } finally {
            // Written or failed, the frame is no longer held.
            queuedBytes.addAndGet(-frame.length);
            shared.give(frame.length);
          }
          needsFlush = true;
        } else if (needsFlush) {
          needsFlush = false;
          out.flush();
        } else if (closing) {
          end();
          return false;
        } else {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      fail(e);
      return false;
    }
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      complete();
      onEnd.run();
    }
  }

  private void fail(Throwable failure) {
    if (ended.compareAndSet(false, true)) {
      LOG.debug("stream ended by a write failure: {}", failure.toString());
      release();
      complete();
      onEnd.run();
    }
  }

  /** Drops what is still queued, giving its bytes back to the endpoint's budget. */
  private void release() {
    for (byte[] frame = queue.poll(); frame != null; frame = queue.poll()) {
      queuedBytes.addAndGet(-frame.length);
      shared.give(frame.length);
    }
  }

  private void complete() {
    try {
      async.complete();
    } catch (IllegalStateException e) {
      // already completed by the container after an error
    }
  }
}
