package io.github.puregrad.optim;

/**
 * A point with f and ∇f there, as the minimizers pass them around. The arrays are never written
 * after construction: every step makes new ones, so states that share a point stay values.
 */
final class Point {
  final double[] x;
  final double value;
  final double[] gradient;

  Point(double[] x, double value, double[] gradient) {
    this.x = x;
    this.value = value;
    this.gradient = gradient;
  }

  /** {@return whether the value and every component of the gradient are finite} */
  boolean finite() {
    return Double.isFinite(value) && Vectors.finite(gradient);
  }
}
