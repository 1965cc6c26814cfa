package io.github.puregrad.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs tasks 0 to n-1 on a number of threads, the caller being one of them. The helpers come from
 * one process-wide pool of daemon threads, started on first use and ended after a minute idle, so a
 * training run needs no shutting down. Which thread runs which task varies; callers write each
 * task's result to its own slot and combine the slots in index order.
 *
 * <pre>{@code
 * double[] squares = new double[10];
 * Workers.run(2, 10, i -> squares[i] = i * i);
 * }</pre>
 */
final class Workers {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "puregrad-worker-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private Workers() {}

  /**
   * Runs {@code task} once for every index in [0, {@code count}) on at most {@code threads}
   * threads, and returns when all are done; what a task writes is then visible to the caller.
   *
   * @throws RuntimeException the first exception a task threw, after every thread has stopped
   */
  static void run(int threads, int count, IntConsumer task) {
    AtomicInteger next = new AtomicInteger();
    Runnable loop =
        () -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            try {
              task.accept(i);
            } catch (RuntimeException | Error e) {
              next.set(count); // the others stop at their next task
              throw e;
            }
          }
        };
    int helpers = Math.min(threads, count) - 1;
    List<Future<?>> futures = new ArrayList<>(Math.max(helpers, 0));
    for (int k = 0; k < helpers; k++) {
      futures.add(POOL.submit(loop));
    }
    Throwable failure = null;
    try {
      loop.run();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        failure = failure == null ? e.getCause() : failure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        next.set(count);
        failure = failure == null ? e : failure;
      }
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure != null) {
      throw new IllegalStateException("a gradient thread failed", failure);
    }
  }
}
