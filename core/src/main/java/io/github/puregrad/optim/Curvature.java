package io.github.puregrad.optim;

import io.vavr.collection.Vector;
import org.jspecify.annotations.Nullable;

/**
 * What a method knows of f's curvature, and the search direction it gives: L-BFGS's last m pairs
 * (s, y), BFGS's inverse Hessian, or, for Newton-CG, the exact Hessian through products H·v. A
 * value: {@link #update} returns a new one.
 */
sealed interface Curvature permits Curvature.Lbfgs, Curvature.Bfgs, Curvature.Newton {
  double EPSILON = Math.ulp(1.0);

  /** {@return the search direction at p; may ask the oracle for Hessian-vector products} */
  Direction direction(Oracle oracle, Point p);

  /** {@return what is known after a step s that changed the gradient by y; gs is ∇f·s before} */
  Curvature update(double[] s, double[] y, double gs);

  /** {@return this method with its memory cleared: the next direction is steepest descent} */
  Curvature reset();

  /** {@return the line search's parameters for this method} */
  LineSearch.Settings search();

  /**
   * {@return whether a step along steepest descent may stop the minimizer by the step test}: yes
   * for the quasi-Newton methods, whose test is off by default; not for Newton-CG, where a short
   * step that is not Newton's says nothing of the distance to the minimum
   */
  default boolean measuresSteepestDescent() {
    return true;
  }

  /**
   * L-BFGS-B skips a pair whose curvature s·y is not clearly positive: the update would not keep
   * the matrix positive definite.
   */
  static boolean skip(double sy, double gs) {
    return !(sy > EPSILON * -gs);
  }

  /**
   * A search direction.
   *
   * <p>{@code steepest}: it is -∇f, with no curvature behind it, so the first trial step is scaled
   * to length 1 (as L-BFGS-B's first step) instead of 1. {@code finite}: false if a Hessian-vector
   * product was not finite; then d is meaningless. {@code measured}: a step along it is a fair
   * estimate of the distance to the minimum, so the step test may stop on it; Newton-CG's
   * directions of negative curvature and of steepest descent are not.
   */
  final class Direction {
    final double[] d;
    final int products;
    final boolean steepest;
    final boolean finite;
    final boolean measured;

    Direction(double[] d, int products, boolean steepest, boolean finite, boolean measured) {
      this.d = d;
      this.products = products;
      this.steepest = steepest;
      this.finite = finite;
      this.measured = measured;
    }

    static Direction steepest(Point p, int products, boolean measured) {
      return new Direction(Vectors.negated(p.gradient), products, true, true, measured);
    }
  }

  /** L-BFGS: the last m pairs (s, y, 1/s·y), oldest first; the two-loop recursion. */
  record Lbfgs(int m, Vector<Pair> pairs) implements Curvature {
    @Override
    public Direction direction(Oracle oracle, Point p) {
      if (pairs.isEmpty()) {
        return Direction.steepest(p, 0, true);
      }
      double[] q = p.gradient.clone();
      double[] alpha = new double[pairs.size()];
      for (int i = pairs.size() - 1; i >= 0; i--) {
        Pair pair = pairs.get(i);
        alpha[i] = pair.rho * Vectors.dot(pair.s, q);
        axpy(-alpha[i], pair.y, q);
      }
      // H0 = γI with γ = s·y / y·y of the newest pair: the scale of the Hessian along y
      Pair newest = pairs.last();
      double gamma = 1.0 / (newest.rho * Vectors.dot(newest.y, newest.y));
      for (int i = 0; i < q.length; i++) {
        q[i] *= gamma;
      }
      for (int i = 0; i < pairs.size(); i++) {
        Pair pair = pairs.get(i);
        double beta = pair.rho * Vectors.dot(pair.y, q);
        axpy(alpha[i] - beta, pair.s, q);
      }
      return new Direction(Vectors.negated(q), 0, false, true, true);
    }

    @Override
    public Curvature update(double[] s, double[] y, double gs) {
      double sy = Vectors.dot(s, y);
      if (skip(sy, gs)) {
        return this;
      }
      Vector<Pair> kept = pairs.size() == m ? pairs.tail() : pairs;
      return new Lbfgs(m, kept.append(new Pair(s, y, 1.0 / sy)));
    }

    @Override
    public Curvature reset() {
      return new Lbfgs(m, Vector.empty());
    }

    @Override
    public LineSearch.Settings search() {
      return LineSearch.LBFGS;
    }

    private static void axpy(double a, double[] x, double[] y) {
      for (int i = 0; i < y.length; i++) {
        y[i] += a * x[i];
      }
    }
  }

  /** One L-BFGS pair: a step, the change of the gradient along it, and 1/(s·y). */
  final class Pair {
    final double[] s;
    final double[] y;
    final double rho;

    Pair(double[] s, double[] y, double rho) {
      this.s = s;
      this.y = y;
      this.rho = rho;
    }
  }

  /**
   * BFGS: the inverse Hessian approximation H, n×n row by row; null until the first update (H = I).
   * The first update starts from H = (s·y / y·y)·I rather than I (Nocedal and Wright, eq. 6.20), so
   * the second step has the scale of f.
   */
  final class Bfgs implements Curvature {
    private final int n;
    private final double @Nullable [] h;

    Bfgs(int n, double @Nullable [] h) {
      this.n = n;
      this.h = h;
    }

    @Override
    public Direction direction(Oracle oracle, Point p) {
      double[] matrix = h;
      if (matrix == null) {
        return Direction.steepest(p, 0, true);
      }
      double[] d = new double[n];
      double[] g = p.gradient;
      for (int i = 0; i < n; i++) {
        double sum = 0.0;
        int row = i * n;
        for (int j = 0; j < n; j++) {
          sum += matrix[row + j] * g[j];
        }
        d[i] = -sum;
      }
      return new Direction(d, 0, false, true, true);
    }

    @Override
    public Curvature update(double[] s, double[] y, double gs) {
      double sy = Vectors.dot(s, y);
      if (skip(sy, gs)) {
        return this;
      }
      double[] before = h;
      if (before == null) {
        before = new double[n * n];
        double gamma = sy / Vectors.dot(y, y);
        for (int i = 0; i < n; i++) {
          before[i * n + i] = gamma;
        }
      }
      double[] hy = new double[n];
      for (int i = 0; i < n; i++) {
        double sum = 0.0;
        for (int j = 0; j < n; j++) {
          sum += before[i * n + j] * y[j];
        }
        hy[i] = sum;
      }
      // (I - ρsy')H(I - ρys') + ρss', expanded: H - ρ(s(Hy)' + (Hy)s') + (ρ²y'Hy + ρ)ss', and
      // grouped by row as H + s'·a_i + (Hy)'·b_i: two multiply-adds per element (this loop is
      // where BFGS spends its time for a few hundred variables)
      double rho = 1.0 / sy;
      double ss = rho * rho * Vectors.dot(y, hy) + rho;
      double[] after = new double[n * n];
      for (int i = 0; i < n; i++) {
        double a = ss * s[i] - rho * hy[i];
        double b = -rho * s[i];
        int row = i * n;
        for (int j = 0; j < n; j++) {
          after[row + j] = before[row + j] + a * s[j] + b * hy[j];
        }
      }
      return new Bfgs(n, after);
    }

    @Override
    public Curvature reset() {
      return new Bfgs(n, null);
    }

    @Override
    public LineSearch.Settings search() {
      return LineSearch.BFGS;
    }
  }

  /**
   * Newton-CG: the direction solves H d = -∇f approximately by conjugate gradients from d = 0, with
   * exact products H·v, as scipy's Newton-CG: stopped when the residual's 1-norm is below min(0.5,
   * √‖∇f‖₁)·‖∇f‖₁ (a superlinear forcing sequence), at 20n iterations, or at non-positive
   * curvature, where the direction so far is kept (or, on the first iteration, steepest descent
   * scaled by the curvature found).
   */
  record Newton() implements Curvature {
    @Override
    public Direction direction(Oracle oracle, Point p) {
      double[] g = p.gradient;
      int n = g.length;
      double gradient1 = Vectors.sumAbs(g);
      double forcing = Math.min(0.5, Math.sqrt(gradient1));
      double target = forcing * gradient1;
      double[] z = new double[n];
      double[] r = g.clone();
      double[] d = Vectors.negated(g);
      double rr = Vectors.dot(r, r);
      int products = 0;
      boolean moved = false;
      for (int k = 0; k < 20 * n && Vectors.sumAbs(r) > target; k++) {
        double[] hd = oracle.hessianTimes(p.x, d);
        products++;
        if (!Vectors.finite(hd)) {
          return new Direction(z, products, false, false, false);
        }
        double curvature = Vectors.dot(d, hd);
        // scipy's test is curvature ≤ 3ε, whatever the length of d; relative to |d|², so that a
        // small gradient near the minimum still gets its Newton step
        if (curvature >= 0 && curvature <= 3 * EPSILON * Vectors.dot(d, d)) {
          break;
        }
        if (curvature < 0) {
          if (!moved) {
            // scipy's choice: steepest descent, as long as the curvature along it says
            z = Vectors.along(z, rr / -curvature, Vectors.negated(g));
          } else {
            // Newton's step so far, plus a step down the direction of negative curvature: without
            // it Newton-CG stalls at saddles (Wood's function) and crawls through curved valleys
            // (Rosenbrock's), where CG's first step is all it keeps. Along the unit vector u the
            // step is |u'Hu|, the step of a cubic model with a Hessian of Lipschitz constant 2
            // (Royer and Wright, 2018); the line search then finds the length that pays.
            double dd = Vectors.dot(d, d);
            double downhill = Vectors.dot(g, d) > 0 ? -1.0 : 1.0;
            z = Vectors.along(z, downhill * -curvature / (dd * Math.sqrt(dd)), d);
          }
          return new Direction(z, products, false, true, false);
        }
        double alpha = rr / curvature;
        z = Vectors.along(z, alpha, d);
        r = Vectors.along(r, alpha, hd);
        double rrNext = Vectors.dot(r, r);
        double beta = rrNext / rr;
        for (int i = 0; i < n; i++) {
          d[i] = -r[i] + beta * d[i];
        }
        rr = rrNext;
        moved = true;
      }
      // The step measures the distance to the minimum once CG solves H d = -∇f to the superlinear
      // forcing term (below 1/2): far from the minimum, one CG step may halve the residual and
      // its short step says nothing
      boolean solved = Vectors.sumAbs(r) <= target && forcing < 0.5;
      return moved
          ? new Direction(z, products, false, true, solved)
          : Direction.steepest(p, products, measuresSteepestDescent());
    }

    @Override
    public Curvature update(double[] s, double[] y, double gs) {
      return this;
    }

    @Override
    public Curvature reset() {
      return this;
    }

    @Override
    public LineSearch.Settings search() {
      return LineSearch.NEWTON;
    }

    @Override
    public boolean measuresSteepestDescent() {
      return false;
    }
  }
}
