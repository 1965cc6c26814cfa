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

  /**
   * Within {@code tolerance} of {@code expected}, relative to its size (absolute below 1): for
   * engines that add the chain rule's terms in another order than a hand-written formula.
   */
  static void close(String what, double actual, double expected, double tolerance) {
    if (!(Math.abs(actual - expected) <= tolerance * Math.max(1.0, Math.abs(expected)))) {
      throw new IllegalStateException(
          what + ": expected " + expected + " within " + tolerance + ", got " + actual);
    }
  }

  /** {@link #close(String, double, double, double)} for each element, and the same length. */
  static void close(String what, double[] actual, double[] expected, double tolerance) {
    equal(what + " length", actual.length, expected.length);
    for (int i = 0; i < expected.length; i++) {
      close(what + " " + i, actual[i], expected[i], tolerance);
    }
  }

  static void equal(String what, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
    }
  }

  /** Another backend's evaluation must be the interpreter's, bit for bit. */
  static void sameAsTape(String what, Tape.Result actual, Tape.Result interpreted) {
    equal(what + " value", actual.value(), interpreted.value());
    equal(what + " gradients", actual.size(), interpreted.size());
    for (int i = 0; i < interpreted.size(); i++) {
      equal(what + " gradient " + i, actual.at(i), interpreted.at(i));
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
