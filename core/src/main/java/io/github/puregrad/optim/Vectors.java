package io.github.puregrad.optim;

import io.vavr.collection.Vector;

/** The few operations on double arrays that the minimizers need, as plain loops. */
final class Vectors {
  private Vectors() {}

  static double dot(double[] a, double[] b) {
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** {@return the Euclidean norm} */
  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** {@return the largest |a_i|: the infinity norm} */
  static double maxAbs(double[] a) {
    double max = 0.0;
    for (double v : a) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /** {@return the sum of |a_i|: the 1-norm} */
  static double sumAbs(double[] a) {
    double sum = 0.0;
    for (double v : a) {
      sum += Math.abs(v);
    }
    return sum;
  }

  static boolean finite(double[] a) {
    for (double v : a) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** {@return x + t·d, a new array} */
  static double[] along(double[] x, double t, double[] d) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] + t * d[i];
    }
    return y;
  }

  /** {@return a - b, a new array} */
  static double[] minus(double[] a, double[] b) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i] - b[i];
    }
    return c;
  }

  /** {@return -a, a new array} */
  static double[] negated(double[] a) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = -a[i];
    }
    return c;
  }

  static Vector<Double> boxed(double[] a) {
    return Vector.ofAll(a);
  }
}
