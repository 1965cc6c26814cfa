package io.github.puregrad.expr;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Node ids: unique across the process. Each thread takes a block of ids at a time, so threads
 * building graphs in parallel never contend on one counter.
 */
final class Ids {
  private static final long BLOCK = 1 << 16;
  private static final AtomicLong NEXT_BLOCK = new AtomicLong();
  private static final ThreadLocal<long[]> RANGE = ThreadLocal.withInitial(() -> new long[2]);

  private Ids() {}

  static long next() {
    long[] range = RANGE.get(); // [next, end)
    if (range[0] == range[1]) {
      range[0] = NEXT_BLOCK.getAndAdd(BLOCK);
      range[1] = range[0] + BLOCK;
    }
    return range[0]++;
  }
}
