package io.github.puregrad.expr;

/**
 * Where an operation is smooth in an operand: differentiable, with a finite derivative, so that
 * finite differences can check its gradient. Outside it the operation is still defined (IEEE 754
 * gives NaN or an infinity); generators of test expressions keep operands inside.
 *
 * <pre>{@code
 * UnaryOp.LOG.domain();            // POSITIVE
 * UnaryOp.pow(2).domain();         // ALL
 * BinaryOp.POW.domain(0);          // POSITIVE: the base
 * }</pre>
 */
public enum Domain {
  /** Every finite number. */
  ALL,
  /** Every finite number but 0: a kink (relu, abs) or a pole (x^-1) sits there. */
  NONZERO,
  /** Numbers above 0 (log, sqrt, fractional powers). */
  POSITIVE;

  /** {@return whether {@code x} lies in this domain} */
  public boolean contains(double x) {
    return switch (this) {
      case ALL -> Double.isFinite(x);
      case NONZERO -> Double.isFinite(x) && x != 0;
      case POSITIVE -> Double.isFinite(x) && x > 0;
    };
  }
}
