package io.github.puregrad.expr;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Node ids: unique across the process, and an operation's larger than its operands'. Each thread
 * takes a block of ids at a time, so threads building graphs in parallel never contend on one
 * counter; a thread whose block is below an operand's id (built on another thread) takes a new one.
 */
final class Ids {
  private static final long BLOCK = 1 << 16;
  private static final AtomicLong NEXT_BLOCK = new AtomicLong();
  private static final ThreadLocal<long[]> RANGE = ThreadLocal.withInitial(() -> new long[2]);

  private Ids() {}

  /** {@return a new id larger than {@code below}} */
  static long after(long below) {
    long[] range = RANGE.get(); // [next, end)
    if (range[0] == range[1] || range[0] <= below) {
      range[1] = NEXT_BLOCK.updateAndGet(n -> Math.max(n, below + 1) + BLOCK);
      range[0] = range[1] - BLOCK;
    }
    return range[0]++;
  }
}
