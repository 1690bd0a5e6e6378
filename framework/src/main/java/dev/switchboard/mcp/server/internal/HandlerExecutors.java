package dev.switchboard.mcp.server.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses where handlers run: virtual threads on Java 21+, else a bounded pool. */
final class HandlerExecutors {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerExecutors.class);
  static final int POOL_THREADS = 200;
  static final int POOL_QUEUE = 10_000;

  private HandlerExecutors() {}

  /**
   * Returns a virtual-thread-per-task executor when the runtime has one. The baseline is Java 17, so
   * the factory is looked up once here rather than linked at compile time.
   */
  static ExecutorService createDefault() {
    try {
      MethodHandle factory = MethodHandles.publicLookup().findStatic(
          Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
      ExecutorService executor = (ExecutorService) factory.invoke();
      LOG.debug("handlers run on virtual threads");
      return executor;
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return boundedPool();
    } catch (Throwable e) {
      LOG.warn("virtual threads unavailable, using a bounded pool", e);
      return boundedPool();
    }
  }

  private static ExecutorService boundedPool() {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, "mcp-handler-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(POOL_QUEUE), factory, new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    LOG.debug("handlers run on a pool of {} threads", POOL_THREADS);
    return pool;
  }
}
