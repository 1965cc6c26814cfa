package io.github.puregrad.optim;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.Function;

/**
 * One state of a minimization, immutable: the point, what it cost to get there, the method's
 * curvature memory and, once it has stopped, why. {@link #next} is one iteration: a direction, a
 * line search along it, the tests. {@link Minimizer#minimize} loops over it and {@link
 * Minimizer#iterates} unfolds it lazily, so both take the same path.
 */
final class Walk {
  private final Minimizer settings;
  private final Oracle oracle;
  private final int maxIterations;
  private final Point point;
  private final int iteration;
  private final int evaluations;
  private final int products;
  private final Curvature curvature;
  private final Option<Minimum.Stop> stop;

  private Walk(
      Minimizer settings,
      Oracle oracle,
      int maxIterations,
      Point point,
      int iteration,
      int evaluations,
      int products,
      Curvature curvature,
      Option<Minimum.Stop> stop) {
    this.settings = settings;
    this.oracle = oracle;
    this.maxIterations = maxIterations;
    this.point = point;
    this.iteration = iteration;
    this.evaluations = evaluations;
    this.products = products;
    this.curvature = curvature;
    this.stop = stop;
  }

  /**
   * {@return the state at x0, after its one evaluation}
   *
   * @throws IllegalArgumentException if f or its gradient is not finite at x0: there is no finite
   *     point to return
   */
  static Walk start(
      Minimizer settings, Function<? super Vector<Expr>, ? extends Expr> f, double[] x0) {
    Oracle oracle = Oracle.of(f, x0, settings.traced());
    Point p = oracle.at(x0);
    if (!p.finite()) {
      throw new IllegalArgumentException(
          "expected f and its gradient finite at x0, got f(x0) = "
              + p.value
              + " and ∇f(x0) = "
              + Vectors.boxed(p.gradient).mkString("[", ", ", "]"));
    }
    int n = x0.length;
    Curvature memory =
        switch (settings.method()) {
          case LBFGS -> new Curvature.Lbfgs(settings.history(), Vector.empty());
          case BFGS -> new Curvature.Bfgs(n, null);
          case NEWTON_CG -> new Curvature.Newton();
        };
    int limit = settings.maxIterations().getOrElse(() -> settings.method().defaultIterations(n));
    Walk at0 = new Walk(settings, oracle, limit, p, 0, 1, 0, memory, Option.none());
    double gradient = Vectors.maxAbs(p.gradient);
    if (gradient <= settings.gradientTolerance()) {
      return at0.stopped(new Minimum.GradientNorm(gradient, settings.gradientTolerance()));
    }
    return at0.limits().map(at0::stopped).getOrElse(at0);
  }

  boolean stopped() {
    return stop.isDefined();
  }

  /** {@return the state after one more iteration; call only while not stopped} */
  Walk next() {
    if (stopped()) {
      throw new IllegalStateException("the minimization has stopped: " + stop.get());
    }
    Curvature.Direction direction = curvature.direction(oracle, point);
    int products = this.products + direction.products;
    if (!direction.finite) {
      Minimum.Stop reason =
          new Minimum.NonFinite(Vectors.boxed(point.x), Vectors.boxed(point.x), point.value);
      return with(point, iteration, evaluations, products, curvature, Option.some(reason));
    }
    Curvature memory = curvature;
    double[] d = direction.d;
    double slope = Vectors.dot(point.gradient, d);
    boolean steepest = direction.steepest;
    boolean measured = direction.measured;
    if (!(slope < 0)) {
      // Not a descent direction (rounding, or a Hessian that is not positive definite along d):
      // start again from steepest descent, as L-BFGS-B does
      memory = memory.reset();
      d = Vectors.negated(point.gradient);
      slope = Vectors.dot(point.gradient, d);
      steepest = true;
      measured = memory.measuresSteepestDescent();
    }
    LineSearch.Outcome outcome =
        LineSearch.search(oracle, point, d, slope, firstStep(d, steepest), memory.search());
    int evaluations = this.evaluations + outcome.evaluations();
    if (outcome instanceof LineSearch.NoDecrease && !steepest) {
      // The quasi-Newton or Newton direction led nowhere: forget the curvature, try once more
      // along -∇f (L-BFGS-B's restart)
      memory = memory.reset();
      d = Vectors.negated(point.gradient);
      slope = Vectors.dot(point.gradient, d);
      outcome = LineSearch.search(oracle, point, d, slope, firstStep(d, true), memory.search());
      evaluations += outcome.evaluations();
      measured = memory.measuresSteepestDescent();
    }
    if (outcome instanceof LineSearch.NotFinite nf) {
      Minimum.Stop reason = new Minimum.NonFinite(Vectors.boxed(point.x), nf.at(), nf.value());
      return with(point, iteration, evaluations, products, memory, Option.some(reason));
    }
    if (outcome instanceof LineSearch.NoDecrease) {
      Minimum.Stop reason = new Minimum.LineSearchFailed(evaluations - this.evaluations);
      return with(point, iteration, evaluations, products, memory, Option.some(reason));
    }
    LineSearch.Found found = (LineSearch.Found) outcome;
    Point next = found.point();
    // A step the line search shortened is no estimate of the distance to the minimum either
    measured = measured && (steepest || found.step() == 1.0);
    double[] s = Vectors.minus(next.x, point.x);
    double[] y = Vectors.minus(next.gradient, point.gradient);
    memory = memory.update(s, y, Vectors.dot(point.gradient, s));
    Walk moved = with(next, iteration + 1, evaluations, products, memory, Option.none());
    Option<Minimum.Stop> reason = moved.converged(point.value, s, measured).orElse(moved::limits);
    return reason.isDefined() ? moved.stopped(reason.get()) : moved;
  }

  /** {@return this state as an element of the iterates} */
  Iterate iterate() {
    return new Iterate(
        iteration,
        Vectors.boxed(point.x),
        point.value,
        Vectors.boxed(point.gradient),
        evaluations,
        products,
        stop);
  }

  /**
   * {@return the convergence test met after a step s from a point of value {@code before}}; the
   * step test only if the step is {@code measured} (see {@link Curvature.Direction})
   */
  private Option<Minimum.Stop> converged(double before, double[] s, boolean measured) {
    double gradient = Vectors.maxAbs(point.gradient);
    if (gradient <= settings.gradientTolerance()) {
      return Option.some(new Minimum.GradientNorm(gradient, settings.gradientTolerance()));
    }
    double change =
        (before - point.value) / Math.max(Math.max(Math.abs(before), Math.abs(point.value)), 1.0);
    if (change <= settings.valueTolerance()) {
      return Option.some(new Minimum.ValueChange(change, settings.valueTolerance()));
    }
    double meanStep = Vectors.sumAbs(s) / s.length;
    if (measured && meanStep <= settings.stepTolerance()) {
      return Option.some(new Minimum.Step(meanStep, settings.stepTolerance()));
    }
    return Option.none();
  }

  private Option<Minimum.Stop> limits() {
    if (iteration >= maxIterations) {
      return Option.some(new Minimum.IterationLimit(maxIterations));
    }
    if (evaluations >= settings.maxEvaluations()) {
      return Option.some(new Minimum.EvaluationLimit(settings.maxEvaluations()));
    }
    return Option.none();
  }

  /**
   * The first trial step: 1 for a (quasi-)Newton direction, whose length is meant; a step of length
   * 1 along steepest descent, which has no scale of its own (L-BFGS-B's first step).
   */
  private static double firstStep(double[] d, boolean steepest) {
    return steepest ? 1.0 / Vectors.norm(d) : 1.0;
  }

  private Walk stopped(Minimum.Stop reason) {
    return with(point, iteration, evaluations, products, curvature, Option.some(reason));
  }

  private Walk with(
      Point p,
      int iteration,
      int evaluations,
      int products,
      Curvature curvature,
      Option<Minimum.Stop> stop) {
    return new Walk(
        settings, oracle, maxIterations, p, iteration, evaluations, products, curvature, stop);
  }
}
