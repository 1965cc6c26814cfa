package io.github.puregrad.bench;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.grad.Tape;

/**
 * Set-up checks: a benchmark that computes something else than it claims must not run.
 *
 * <pre>{@code
 * Check.equal("eager step-0 loss", loss.value(), Moons.STEP0_LOSS);
 * }</pre>
 */
final class Check {
  private Check() {}

  /** Bit for bit: the engines must agree exactly, not approximately. */
  static void equal(String what, double actual, double expected) {
    if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(expected)) {
      throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
    }
  }

  static void equal(String what, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
    }
  }

  /** The tape's evaluation must be the eager engine's result, bit for bit. */
  static void sameAsEager(Tape.Result taped, Gradients eager, Expr.Leaf... variables) {
    equal("tape value", taped.value(), eager.graph().output().value());
    for (int i = 0; i < variables.length; i++) {
      equal("tape gradient " + i, taped.at(i), eager.get(variables[i]));
    }
  }
}
