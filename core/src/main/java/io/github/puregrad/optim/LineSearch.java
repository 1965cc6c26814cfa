package io.github.puregrad.optim;

import io.vavr.collection.Vector;

/**
 * The line search of Moré and Thuente (1994), as MINPACK-2's dcsrch and dcstep, which scipy's
 * L-BFGS-B and BFGS use: find t with f(x + t·d) ≤ f(x) + decrease·t·f'(0) and |f'(x + t·d)| ≤
 * curvature·|f'(0)| (the strong Wolfe conditions), by safeguarded cubic and quadratic interpolation
 * inside an interval that is first extrapolated until it brackets such a t.
 *
 * <p>Written from the paper's algorithm; loops only. One evaluation of f with its gradient per
 * trial step.
 */
final class LineSearch {
  private LineSearch() {}

  /**
   * The parameters of a search.
   *
   * @param decrease the sufficient-decrease constant (c1, dcsrch's ftol)
   * @param curvature the curvature constant (c2, dcsrch's gtol)
   * @param width the relative width of the bracket at which to give up (dcsrch's xtol)
   * @param minStep the smallest step
   * @param maxStep the largest step
   * @param maxEvaluations the most trial steps
   */
  record Settings(
      double decrease,
      double curvature,
      double width,
      double minStep,
      double maxStep,
      int maxEvaluations) {}

  /** L-BFGS-B's: ftol 1e-3, gtol 0.9, xtol 0.1, no upper bound to speak of, 20 trials. */
  static final Settings LBFGS = new Settings(1e-3, 0.9, 0.1, 0.0, 1e10, 20);

  /** scipy's BFGS search (line_search_wolfe1 with amin 1e-100, amax 1e100). */
  static final Settings BFGS = new Settings(1e-4, 0.9, 1e-14, 1e-100, 1e100, 100);

  /** scipy's Newton-CG search (line_search_wolfe1's defaults: amin 1e-8, amax 50). */
  static final Settings NEWTON = new Settings(1e-4, 0.9, 1e-14, 1e-8, 50.0, 100);

  private static final double EXTRAPOLATE_LOW = 1.1;
  private static final double EXTRAPOLATE_HIGH = 4.0;

  /** What a search found. */
  sealed interface Outcome {
    int evaluations();
  }

  /** A point with a lower value: one that meets the Wolfe conditions, or else the lowest seen. */
  record Found(Point point, double step, int evaluations) implements Outcome {}

  /** No trial step gave a lower value. */
  record NoDecrease(int evaluations) implements Outcome {}

  /** A trial point, or f or its gradient there, was not finite. */
  record NotFinite(Vector<Double> at, double value, int evaluations) implements Outcome {}

  /**
   * Searches from {@code start} along {@code d}.
   *
   * @param slope f'(0) = ∇f(start)·d, negative
   * @param first the first trial step
   */
  static Outcome search(
      Oracle oracle, Point start, double[] d, double slope, double first, Settings s) {
    double gtest = s.decrease() * slope;
    double width = s.maxStep() - s.minStep();
    double widthBefore = 2 * width;
    Bracket b = new Bracket(start.value, slope);
    boolean stage1 = true;
    double stmin = 0.0;
    double stmax = first + EXTRAPOLATE_HIGH * first;
    double stp = Math.min(Math.max(first, s.minStep()), s.maxStep());
    Point best = start;
    double bestStep = 0.0;
    int evaluations = 0;
    while (true) {
      double[] x = Vectors.along(start.x, stp, d);
      if (!Vectors.finite(x)) {
        return new NotFinite(Vectors.boxed(x), Double.NaN, evaluations);
      }
      Point p = oracle.at(x);
      evaluations++;
      if (!p.finite()) {
        return new NotFinite(Vectors.boxed(x), p.value, evaluations);
      }
      double f = p.value;
      double g = Vectors.dot(p.gradient, d);
      if (f < best.value) {
        best = p;
        bestStep = stp;
      }
      double ftest = start.value + stp * gtest;
      if (stage1 && f <= ftest && g >= 0) {
        stage1 = false;
      }
      if (f <= ftest && Math.abs(g) <= -s.curvature() * slope) {
        return new Found(p, stp, evaluations);
      }
      // dcsrch's warnings: the bracket is too narrow to hold a representable better step, or the
      // step is stuck at a bound. The best point so far is then the answer, if it is better.
      boolean stuck =
          (b.bracketed && (stp <= stmin || stp >= stmax))
              || (b.bracketed && stmax - stmin <= s.width() * stmax)
              || (stp == s.maxStep() && f <= ftest && g <= gtest)
              || (stp == s.minStep() && (f > ftest || g >= gtest));
      if (stuck || evaluations >= s.maxEvaluations()) {
        return lowest(best, bestStep, start, evaluations);
      }
      if (stage1 && f <= b.fx && f > ftest) {
        // A lower value without sufficient decrease: step on the modified function
        // ψ(t) = f(t) - f(0) - t·gtest, whose minimizers meet the decrease condition
        b.shift(gtest);
        stp = b.step(stp, f - stp * gtest, g - gtest, stmin, stmax);
        b.shift(-gtest);
      } else {
        stp = b.step(stp, f, g, stmin, stmax);
      }
      if (b.bracketed) {
        // Bisect if the bracket did not shrink enough over the last two steps
        if (Math.abs(b.sty - b.stx) >= 0.66 * widthBefore) {
          stp = b.stx + 0.5 * (b.sty - b.stx);
        }
        widthBefore = width;
        width = Math.abs(b.sty - b.stx);
        stmin = Math.min(b.stx, b.sty);
        stmax = Math.max(b.stx, b.sty);
      } else {
        stmin = stp + EXTRAPOLATE_LOW * (stp - b.stx);
        stmax = stp + EXTRAPOLATE_HIGH * (stp - b.stx);
      }
      stp = Math.min(Math.max(stp, s.minStep()), s.maxStep());
      boolean noRoom =
          b.bracketed && (stp <= stmin || stp >= stmax || stmax - stmin <= s.width() * stmax);
      if (noRoom || Double.isNaN(stp)) {
        // dcsrch would evaluate again at the best step, stx: it is known already
        return lowest(best, bestStep, start, evaluations);
      }
    }
  }

  private static Outcome lowest(Point best, double step, Point start, int evaluations) {
    return best == start ? new NoDecrease(evaluations) : new Found(best, step, evaluations);
  }

  /**
   * dcstep's state: stx, the step with the least value so far, and sty, the other end of the
   * interval, with their values and derivatives; whether the interval brackets a minimizer.
   */
  private static final class Bracket {
    double stx;
    double fx;
    double dx;
    double sty;
    double fy;
    double dy;
    boolean bracketed;

    Bracket(double f0, double g0) {
      fx = f0;
      dx = g0;
      fy = f0;
      dy = g0;
    }

    /** Moves both ends to the modified function ψ (or back, with -gtest). */
    void shift(double gtest) {
      fx -= stx * gtest;
      fy -= sty * gtest;
      dx -= gtest;
      dy -= gtest;
    }

    /**
     * dcstep: the next trial step from the new one, stp with value fp and derivative dp, and
     * updates the interval. Four cases, by how the new step compares with stx.
     */
    double step(double stp, double fp, double dp, double stpmin, double stpmax) {
      double sgnd = dp * Math.signum(dx);
      double stpf;
      if (fp > fx) {
        // 1: a higher value. The minimum is bracketed; take the cubic step if it is closer to
        // stx than the quadratic one, else their average
        double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
        double s = max(theta, dx, dp);
        double gamma = s * root(theta / s, dx / s, dp / s);
        if (stp < stx) {
          gamma = -gamma;
        }
        double p = (gamma - dx) + theta;
        double q = ((gamma - dx) + gamma) + dp;
        double stpc = stx + p / q * (stp - stx);
        double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx);
        stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
        bracketed = true;
      } else if (sgnd < 0) {
        // 2: lower, and the derivatives have opposite signs: bracketed; the cubic step if it is
        // farther from stp than the secant step, else the secant step
        double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
        double s = max(theta, dx, dp);
        double gamma = s * root(theta / s, dx / s, dp / s);
        if (stp > stx) {
          gamma = -gamma;
        }
        double p = (gamma - dp) + theta;
        double q = ((gamma - dp) + gamma) + dx;
        double stpc = stp + p / q * (stx - stp);
        double stpq = stp + (dp / (dp - dx)) * (stx - stp);
        stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
        bracketed = true;
      } else if (Math.abs(dp) < Math.abs(dx)) {
        // 3: lower, same sign, the derivative decreasing in size: the cubic step only if the
        // cubic tends to infinity in the direction of the step or its minimum is beyond stp
        double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
        double s = max(theta, dx, dp);
        double gamma = s * root(theta / s, dx / s, dp / s);
        if (stp > stx) {
          gamma = -gamma;
        }
        double p = (gamma - dp) + theta;
        double q = (gamma + (dx - dp)) + gamma;
        double r = p / q;
        double stpc;
        if (r < 0 && gamma != 0) {
          stpc = stp + r * (stx - stp);
        } else {
          stpc = stp > stx ? stpmax : stpmin;
        }
        double stpq = stp + (dp / (dp - dx)) * (stx - stp);
        if (bracketed) {
          stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
          double limit = stp + 0.66 * (sty - stp);
          stpf = stp > stx ? Math.min(limit, stpf) : Math.max(limit, stpf);
        } else {
          stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
          stpf = Math.max(stpmin, Math.min(stpmax, stpf));
        }
      } else if (bracketed) {
        // 4: lower, same sign, the derivative not decreasing: the cubic step between stp and sty
        double theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
        double s = max(theta, dy, dp);
        double gamma = s * root(theta / s, dy / s, dp / s);
        if (stp > sty) {
          gamma = -gamma;
        }
        double p = (gamma - dp) + theta;
        double q = ((gamma - dp) + gamma) + dy;
        stpf = stp + p / q * (sty - stp);
      } else {
        stpf = stp > stx ? stpmax : stpmin;
      }
      if (fp > fx) {
        sty = stp;
        fy = fp;
        dy = dp;
      } else {
        if (sgnd < 0) {
          sty = stx;
          fy = fx;
          dy = dx;
        }
        stx = stp;
        fx = fp;
        dx = dp;
      }
      return stpf;
    }

    private static double max(double a, double b, double c) {
      return Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
    }

    /** √(θ² - a·b), scaled; 0 where rounding makes the radicand negative. */
    private static double root(double theta, double a, double b) {
      return Math.sqrt(Math.max(0.0, theta * theta - a * b));
    }
  }
}
