package io.github.puregrad.optim;

import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * Where a minimization ended: the point, its value and gradient, what it cost and why it stopped. A
 * value, as the minimizers return it; a caller reads {@link #stop()} to decide whether to trust
 * {@link #x()}.
 *
 * <pre>{@code
 * Minimum m = Minimize.lbfgs(v -> v.get(0).sub(3).pow(2), Vector.of(0.0));
 * m.x();                       // [3.0]
 * m.stop().converged();        // true
 * m.evaluations();             // calls of f with its gradient
 * }</pre>
 *
 * @param x the last point whose value and gradient were finite
 * @param value f(x)
 * @param gradient ∇f(x)
 * @param evaluations how many times f and its gradient were computed, at x0 and at every trial
 *     point of every line search (the trace of a compiled f is not counted)
 * @param hessianVectorProducts how many products H·v were computed (Newton-CG only)
 * @param iterations the steps taken: line searches that moved x
 * @param stop why the minimizer stopped
 */
public record Minimum(
    Vector<Double> x,
    double value,
    Vector<Double> gradient,
    int evaluations,
    int hessianVectorProducts,
    int iterations,
    Stop stop) {
  public Minimum {
    Objects.requireNonNull(x, "x is null");
    Objects.requireNonNull(gradient, "gradient is null");
    Objects.requireNonNull(stop, "stop is null");
  }

  /**
   * Why a minimizer stopped. Three kinds are convergence, by the tolerance of {@link Minimizer};
   * the others say that the point is only the best found so far.
   *
   * <pre>{@code
   * if (minimum.stop() instanceof Minimum.NonFinite n) {
   *   System.out.println("f is not finite at " + n.at() + "; kept " + n.lastFinite());
   * } else if (!minimum.stop().converged()) {
   *   System.out.println("not converged: " + minimum.stop());
   * }
   * }</pre>
   */
  public sealed interface Stop
      permits GradientNorm,
          Step,
          ValueChange,
          IterationLimit,
          EvaluationLimit,
          LineSearchFailed,
          NonFinite {
    /** {@return whether a convergence test was met, rather than a limit or a failure} */
    boolean converged();
  }

  /**
   * Converged: the largest |∂f/∂x_i| at x is at most the tolerance.
   *
   * @param norm the infinity norm of the gradient at x
   * @param tolerance the gradient tolerance it met
   */
  public record GradientNorm(double norm, double tolerance) implements Stop {
    @Override
    public boolean converged() {
      return true;
    }
  }

  /**
   * Converged: the last step was small, its mean |x_i - x_i before| at most the tolerance (scipy's
   * Newton-CG test, Σ|step_i| ≤ n·xtol).
   *
   * @param meanStep the mean absolute component of the last step
   * @param tolerance the step tolerance it met
   */
  public record Step(double meanStep, double tolerance) implements Stop {
    @Override
    public boolean converged() {
      return true;
    }
  }

  /**
   * Converged: the last step decreased f by at most the tolerance, relative to max(|f before|, |f|,
   * 1) (L-BFGS-B's test).
   *
   * @param relativeChange (f before - f) / max(|f before|, |f|, 1)
   * @param tolerance the value tolerance it met
   */
  public record ValueChange(double relativeChange, double tolerance) implements Stop {
    @Override
    public boolean converged() {
      return true;
    }
  }

  /**
   * Not converged: the iteration limit was reached.
   *
   * @param limit the maximum number of iterations
   */
  public record IterationLimit(int limit) implements Stop {
    @Override
    public boolean converged() {
      return false;
    }
  }

  /**
   * Not converged: the limit of evaluations of f with its gradient was reached.
   *
   * @param limit the maximum number of evaluations
   */
  public record EvaluationLimit(int limit) implements Stop {
    @Override
    public boolean converged() {
      return false;
    }
  }

  /**
   * Not converged: no point along the search direction decreased f, even from steepest descent.
   * Usually the limit of double precision near a minimum whose tolerance is too tight (scipy's
   * "precision loss"), or a gradient that does not match f.
   *
   * @param evaluations the evaluations the failed searches took
   */
  public record LineSearchFailed(int evaluations) implements Stop {
    @Override
    public boolean converged() {
      return false;
    }
  }

  /**
   * Not converged: f, its gradient or a Hessian-vector product was NaN or infinite at a trial point
   * (or the trial point itself overflowed). The minimum's x is the last point where all were
   * finite, so the caller keeps what was found.
   *
   * @param lastFinite the last point with a finite value and gradient: the minimum's x
   * @param at the trial point where the non-finite number appeared
   * @param value f at that point; finite if only a derivative was not
   */
  public record NonFinite(Vector<Double> lastFinite, Vector<Double> at, double value)
      implements Stop {
    public NonFinite {
      Objects.requireNonNull(lastFinite, "lastFinite is null");
      Objects.requireNonNull(at, "at is null");
    }

    @Override
    public boolean converged() {
      return false;
    }
  }
}
