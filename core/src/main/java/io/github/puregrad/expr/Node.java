package io.github.puregrad.expr;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** What the node records share: ids, checks, O(1) equality and printing. */
final class Node {
  // Each thread takes a block of ids at a time, so threads never contend on one counter
  private static final long BLOCK = 1 << 16;
  private static final AtomicLong NEXT_BLOCK = new AtomicLong();
  private static final ThreadLocal<long[]> RANGE = ThreadLocal.withInitial(() -> new long[2]);

  private Node() {}

  /**
   * {@return a new id, unique in the process and above {@code below}: a new block if need be};
   * throws rather than wrap around when no id is left above {@code below}
   */
  static long idAfter(long below) {
    long[] range = RANGE.get(); // [next, end)
    if (range[0] == range[1] || range[0] <= below) {
      range[1] = NEXT_BLOCK.updateAndGet(next -> blockEnd(next, below));
      range[0] = range[1] - BLOCK;
    }
    return range[0]++;
  }

  /** {@return the end of a new block of ids from the first free one, {@code next}, or above} */
  private static long blockEnd(long next, long below) {
    long start = Math.max(next, below == Long.MAX_VALUE ? below : below + 1);
    if (start > Long.MAX_VALUE - BLOCK || start <= below) {
      throw new IllegalStateException("no id is left above " + below + ": ids end at 2^63 - 1");
    }
    return start + BLOCK;
  }

  // A value or an id read by type checks on the three final records rather than a call through
  // the interface, which sees three classes and so is not inlined: the hot path of every engine.
  static double value(Expr node) {
    return node instanceof Expr.Binary b
        ? b.value()
        : node instanceof Expr.Unary u ? u.value() : ((Expr.Leaf) node).value();
  }

  static long id(Expr node) {
    return node instanceof Expr.Binary b
        ? b.id()
        : node instanceof Expr.Unary u ? u.id() : ((Expr.Leaf) node).id();
  }

  // What apply passes as the value, a NaN with a payload of its own: the constructor computes the
  // value, which it must do anyway to check one it is given, so f runs once per node
  private static final long COMPUTE_BITS = 0x7ff8_0000_c0de_0001L;
  static final double COMPUTE = Double.longBitsToDouble(COMPUTE_BITS);

  /** {@return {@code expected}, the operation's value, if {@code value} is COMPUTE; else value} */
  static double computed(double value, double expected) {
    return Double.doubleToRawLongBits(value) == COMPUTE_BITS ? expected : value;
  }

  /** A node's value is its operation's of its operands, to the bit, and its id is above theirs. */
  static void requireValue(Object op, double value, double expected, long id, long operands) {
    if (Double.compare(value, expected) != 0) {
      throw new IllegalArgumentException(
          "value " + value + " is not what " + op + " gives for these operands: " + expected);
    }
    if (id <= operands) {
      throw new IllegalArgumentException(
          "id " + id + " must be larger than its operands' ids, up to " + operands);
    }
  }

  /** Checks the rules of a user-defined operation. */
  static void requireNonNull(String symbol, Object f, Object df, Object smooth) {
    Objects.requireNonNull(symbol, "symbol is null");
    Objects.requireNonNull(f, "f is null");
    Objects.requireNonNull(df, "df is null");
    Objects.requireNonNull(smooth, "smooth is null");
  }

  /** A leaf has no operand k, whatever k. */
  static IndexOutOfBoundsException noOperand(Expr.Leaf node, int k) {
    return new IndexOutOfBoundsException("operand " + k + " of " + node + ": a leaf has none");
  }

  /** {@code Unary[tanh, value=0.76, id=7]}: O(1), where a record's own would print the graph. */
  static String show(Expr node) {
    String kind = node.getClass().getSimpleName();
    return kind + "[" + node.symbol() + ", value=" + node.value() + ", id=" + node.id() + "]";
  }
}
