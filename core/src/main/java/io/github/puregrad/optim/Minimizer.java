package io.github.puregrad.optim;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Stream;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Function;

/**
 * A minimizer as a value: a method with its tolerances and limits, to apply to any function of a
 * vector. {@link #minimize} returns where it ended; {@link #iterates} gives every iterate as a lazy
 * stream, for logging, plotting or stopping early. The defaults are scipy's ({@link Minimize} uses
 * them).
 *
 * <pre>{@code
 * Minimizer lbfgs = Minimizer.builder(Minimizer.Method.LBFGS)
 *     .history(5)
 *     .gradientTolerance(1e-8)
 *     .build();
 * Function<Vector<Expr>, Expr> f = v -> v.get(0).sub(1).pow(2).add(v.get(1).pow(2));
 * Minimum m = lbfgs.minimize(f, Vector.of(3.0, 4.0));                  // x = [1, 0]
 * lbfgs.iterates(f, Vector.of(3.0, 4.0)).map(Iterate::value).take(3);  // f at x0, x1, x2
 * }</pre>
 *
 * <p>The tests, after each step (and the gradient test at x0 too): the largest |∂f/∂x_i| at most
 * {@code gradientTolerance}; the decrease of f, relative to max(|f|, 1), at most {@code
 * valueTolerance}; the mean |step_i| at most {@code stepTolerance}; and the limits. A tolerance of
 * 0 turns its test off, but for an exactly zero gradient, decrease or step.
 *
 * <p><b>Traced or eager.</b> By default f is traced once at x0 ({@link
 * io.github.puregrad.grad.Compiled}) and each evaluation runs the tape: several times faster, and
 * equal to the eager evaluation to the last bit, if f's graph has the same shape at every point. An
 * f whose Java control flow reads values ({@code if (x.value() > 0)}, a loop until some tolerance)
 * must be minimized with {@code traced(false)}, which calls f on new leaves at every point.
 * Operations with a kink (relu, abs) are fine either way.
 *
 * @param method the algorithm
 * @param gradientTolerance converged when max |∂f/∂x_i| ≤ this (scipy's gtol, pgtol)
 * @param valueTolerance converged when (f before - f) / max(|f before|, |f|, 1) ≤ this (L-BFGS-B's
 *     ftol)
 * @param stepTolerance converged when the mean |step_i| ≤ this (Newton-CG's xtol)
 * @param maxIterations the most iterations; none for the method's default
 * @param maxEvaluations the most evaluations of f with its gradient (checked after each iteration)
 * @param history L-BFGS's number of pairs m (the other methods ignore it)
 * @param traced whether to evaluate f by tracing it once at x0
 */
public record Minimizer(
    Method method,
    double gradientTolerance,
    double valueTolerance,
    double stepTolerance,
    Option<Integer> maxIterations,
    int maxEvaluations,
    int history,
    boolean traced) {
  public Minimizer {
    Objects.requireNonNull(method, "method is null");
    requireTolerance(gradientTolerance, "gradientTolerance");
    requireTolerance(valueTolerance, "valueTolerance");
    requireTolerance(stepTolerance, "stepTolerance");
    Objects.requireNonNull(maxIterations, "maxIterations is null");
    maxIterations.forEach(
        limit -> {
          if (limit == null || limit < 0) {
            throw new IllegalArgumentException("expected maxIterations >= 0, got " + limit);
          }
        });
    if (maxEvaluations < 1) {
      throw new IllegalArgumentException("expected maxEvaluations >= 1, got " + maxEvaluations);
    }
    if (history < 1) {
      throw new IllegalArgumentException("expected history >= 1, got " + history);
    }
  }

  /** The three methods, with scipy's defaults. */
  public enum Method {
    /**
     * Limited-memory BFGS: the last m steps stand for the inverse Hessian, O(m·n) per iteration,
     * Moré–Thuente line search. As scipy's L-BFGS-B without bounds: m 10, gtol 1e-5, ftol 2.22e-9,
     * 15000 iterations and evaluations.
     */
    LBFGS(1e-5, 2.220446049250313e-9, 0.0, 15_000, 15_000),
    /**
     * BFGS with a dense inverse Hessian, O(n²) per iteration; as scipy's: gtol 1e-5 (infinity
     * norm), 200·n iterations.
     */
    BFGS(1e-5, 0.0, 0.0, -1, Integer.MAX_VALUE),
    /**
     * Newton's method with the exact Hessian through Hessian-vector products, solved by truncated
     * conjugate gradients; as scipy's: xtol 1e-5 (mean |step|), 200·n iterations.
     */
    NEWTON_CG(0.0, 0.0, 1e-5, -1, Integer.MAX_VALUE);

    private final double gradientTolerance;
    private final double valueTolerance;
    private final double stepTolerance;
    private final int iterations; // -1: 200 per variable
    private final int evaluations;

    Method(
        double gradientTolerance,
        double valueTolerance,
        double stepTolerance,
        int iterations,
        int evaluations) {
      this.gradientTolerance = gradientTolerance;
      this.valueTolerance = valueTolerance;
      this.stepTolerance = stepTolerance;
      this.iterations = iterations;
      this.evaluations = evaluations;
    }

    /** {@return the default iteration limit for n variables} */
    public int defaultIterations(int n) {
      return iterations >= 0 ? iterations : (int) Math.min(Integer.MAX_VALUE, 200L * n);
    }
  }

  // -- static API

  /** {@return a builder with the method's defaults (scipy's)} */
  public static Builder builder(Method method) {
    return new Builder(method);
  }

  // -- non-static API

  /**
   * {@return the minimum of f from x0}
   *
   * @throws NullPointerException if f or x0 is null
   * @throws IllegalArgumentException if x0 is empty or holds null or a non-finite number, if f or
   *     its gradient is not finite at x0, or if f returns null (or, traced, depends on none of its
   *     inputs)
   */
  public Minimum minimize(Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> x0) {
    Walk walk = Walk.start(this, f(f), start(x0));
    while (!walk.stopped()) {
      walk = walk.next();
    }
    return walk.iterate().toMinimum();
  }

  /**
   * {@return the iterates from x0, lazily}: x0 first (evaluated now), then one element per
   * iteration, computed when the stream is read; the last one carries the stop reason and equals
   * {@link #minimize}'s result. A stream is memoized: keep it to read it twice without recomputing.
   *
   * @throws NullPointerException if f or x0 is null
   * @throws IllegalArgumentException as {@link #minimize}, for x0
   */
  public Stream<Iterate> iterates(
      Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> x0) {
    Walk first = Walk.start(this, f(f), start(x0));
    return Stream.iterate(Option.some(first), w -> w.filter(at -> !at.stopped()).map(Walk::next))
        .takeWhile(Option::isDefined)
        .map(w -> w.get().iterate());
  }

  private static Function<? super Vector<Expr>, ? extends Expr> f(
      Function<? super Vector<Expr>, ? extends Expr> f) {
    return Objects.requireNonNull(f, "f is null");
  }

  private static double[] start(Vector<Double> x0) {
    Objects.requireNonNull(x0, "x0 is null");
    if (x0.isEmpty()) {
      throw new IllegalArgumentException("expected x0 with at least one variable, got none");
    }
    double[] x = new double[x0.size()];
    for (int i = 0; i < x.length; i++) {
      Double value = x0.get(i);
      if (value == null || !Double.isFinite(value)) {
        throw new IllegalArgumentException("x0[" + i + "] must be a finite number, got " + value);
      }
      x[i] = value;
    }
    return x;
  }

  private static void requireTolerance(double tolerance, String name) {
    if (!(tolerance >= 0 && Double.isFinite(tolerance))) {
      throw new IllegalArgumentException("expected " + name + " >= 0 and finite, got " + tolerance);
    }
  }

  /**
   * A builder of a {@link Minimizer}, starting from the method's defaults; each setter is checked
   * when {@link #build()} makes the record.
   */
  public static final class Builder {
    private final Method method;
    private double gradientTolerance;
    private double valueTolerance;
    private double stepTolerance;
    private Option<Integer> maxIterations = Option.none();
    private int maxEvaluations;
    private int history = 10;
    private boolean traced = true;

    private Builder(Method method) {
      this.method = Objects.requireNonNull(method, "method is null");
      this.gradientTolerance = method.gradientTolerance;
      this.valueTolerance = method.valueTolerance;
      this.stepTolerance = method.stepTolerance;
      this.maxEvaluations = method.evaluations;
    }

    /** {@return this builder, converging when max |∂f/∂x_i| ≤ tolerance} */
    public Builder gradientTolerance(double tolerance) {
      this.gradientTolerance = tolerance;
      return this;
    }

    /** {@return this builder, converging when the relative decrease of f ≤ tolerance} */
    public Builder valueTolerance(double tolerance) {
      this.valueTolerance = tolerance;
      return this;
    }

    /** {@return this builder, converging when the mean |step_i| ≤ tolerance} */
    public Builder stepTolerance(double tolerance) {
      this.stepTolerance = tolerance;
      return this;
    }

    /** {@return this builder, stopping after at most {@code limit} iterations} */
    public Builder maxIterations(int limit) {
      this.maxIterations = Option.some(limit);
      return this;
    }

    /** {@return this builder, stopping once f has been evaluated {@code limit} times or more} */
    public Builder maxEvaluations(int limit) {
      this.maxEvaluations = limit;
      return this;
    }

    /** {@return this builder, with L-BFGS keeping the last {@code pairs} steps} */
    public Builder history(int pairs) {
      this.history = pairs;
      return this;
    }

    /** {@return this builder, tracing f once at x0 (true, the default) or calling it each time} */
    public Builder traced(boolean trace) {
      this.traced = trace;
      return this;
    }

    /**
     * {@return the minimizer}
     *
     * @throws IllegalArgumentException if a tolerance is negative or not finite, or a limit or the
     *     history is below its least value
     */
    public Minimizer build() {
      return new Minimizer(
          method,
          gradientTolerance,
          valueTolerance,
          stepTolerance,
          maxIterations,
          maxEvaluations,
          history,
          traced);
    }
  }
}
