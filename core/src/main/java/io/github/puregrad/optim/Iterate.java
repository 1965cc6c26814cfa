package io.github.puregrad.optim;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * One element of {@link Minimizer#iterates}: the point after an iteration (iteration 0 is x0), its
 * value and gradient, the cost so far, and, on the last element only, why the minimizer stopped.
 *
 * <pre>{@code
 * Minimizer.builder(Minimizer.Method.LBFGS).build()
 *     .iterates(f, x0)
 *     .take(50)                                   // stop early: nothing after is computed
 *     .forEach(it -> System.out.println(it.iteration() + " " + it.value()));
 * }</pre>
 *
 * <p>When a search from the last point fails (a non-finite value, or no decrease), the stream ends
 * with one more element at the same point and iteration, with the evaluations the search took and
 * the reason: so the last element always equals what {@link Minimizer#minimize} returns.
 *
 * @param iteration the number of steps taken
 * @param x the point
 * @param value f(x)
 * @param gradient ∇f(x)
 * @param evaluations evaluations of f with its gradient so far
 * @param hessianVectorProducts Hessian-vector products so far
 * @param stop why the minimizer stopped, on the last element; none before
 */
public record Iterate(
    int iteration,
    Vector<Double> x,
    double value,
    Vector<Double> gradient,
    int evaluations,
    int hessianVectorProducts,
    Option<Minimum.Stop> stop) {
  public Iterate {
    Objects.requireNonNull(x, "x is null");
    Objects.requireNonNull(gradient, "gradient is null");
    Objects.requireNonNull(stop, "stop is null");
  }

  /**
   * {@return this iterate as the result of the minimization}
   *
   * @throws IllegalStateException if this is not the last iterate (it has no stop reason)
   */
  public Minimum toMinimum() {
    Minimum.Stop reason =
        stop.getOrElseThrow(
            () -> new IllegalStateException("iterate " + iteration + " is not the last one"));
    return new Minimum(x, value, gradient, evaluations, hessianVectorProducts, iteration, reason);
  }
}
