package io.github.puregrad.expr;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Ways to lay out node ids that a walk by id must survive, for the tests of both walks: ids taken
 * by unrelated nodes in between, and ids from another thread's blocks.
 *
 * <pre>{@code
 * IdLayouts.useIds(IdLayouts.PAST_THE_PAGES);
 * Expr theirs = IdLayouts.onAnotherThread(() -> x.exp());
 * }</pre>
 */
public final class IdLayouts {
  /** Enough ids to put a node more than 4,096 pages of 1,024 ids below the next one built. */
  public static final int PAST_THE_PAGES = (1 << 22) + 2048;

  private static final ExecutorService OTHER =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "another-thread");
            thread.setDaemon(true); // ends with the test JVM
            return thread;
          });

  private IdLayouts() {}

  /** Builds {@code count} unrelated leaves, taking their ids. */
  public static void useIds(int count) {
    for (int i = 0; i < count; i++) {
      Expr.of(0.0);
    }
  }

  /** {@return what {@code build} builds on another thread, from that thread's blocks of ids} */
  public static <T> T onAnotherThread(Supplier<T> build) {
    return CompletableFuture.supplyAsync(build, OTHER).join();
  }
}
