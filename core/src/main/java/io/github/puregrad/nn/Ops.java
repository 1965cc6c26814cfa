package io.github.puregrad.nn;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.UnaryOp;

/** The two operations the layers need beyond the built-in ones, as user-defined rows. */
final class Ops {
  private Ops() {}

  /**
   * max(a, b) with PyTorch's max-pooling rule: b replaces a only if it is greater (or NaN), so of
   * equal values the first keeps the maximum and gets the whole gradient; ∂/∂a is 1 where a is
   * kept, ∂/∂b is 1 where b is taken, the other 0. A fold over a window in scan order is then
   * PyTorch's {@code max_pool2d} to the last bit, ties included.
   */
  static final BinaryOp MAX =
      BinaryOp.of(
              "max",
              (a, b) -> takes(a, b) ? b : a,
              (k, a, b, y) -> (k == 1) == takes(a, b) ? 1.0 : 0.0)
          .withDfText("[a kept]", "[b taken]");

  /**
   * stop(x) = x with derivative 0, JAX's {@code stop_gradient}: the shift of a log-sum-exp, whose
   * value must follow the logits (on a tape too) but whose exact derivative cancels to 0 anyway.
   */
  static final UnaryOp STOP = UnaryOp.of("stop", x -> x, (x, y) -> 0.0).withDfText("0");

  private static boolean takes(double a, double b) {
    return b > a || Double.isNaN(b);
  }
}
