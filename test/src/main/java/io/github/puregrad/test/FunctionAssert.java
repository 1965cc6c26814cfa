package io.github.puregrad.test;

import io.github.puregrad.check.GradCheck;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Transforms;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a differentiable function, the kind the transforms take: its gradient and
 * Hessian at a point against central finite differences, and the Hessian's symmetry. Needs {@code
 * org.assertj:assertj-core} on the class path (an optional dependency of puregrad).
 *
 * <pre>{@code
 * import static io.github.puregrad.test.FunctionAssert.assertThatFunction;
 *
 * Function<Vector<Expr>, Expr> f = v -> v.get(0).mul(v.get(1)).add(v.get(0).sin());
 * assertThatFunction(f).at(1.0, 2.0).hasGradientMatchingFiniteDifferences();
 * assertThatFunction(f)
 *     .at(1.0, 2.0)
 *     .using(GradCheck.builder().relative(1e-4).build())
 *     .hasHessianMatchingFiniteDifferences()
 *     .hasSymmetricHessian();
 * }</pre>
 *
 * <p>Tolerances and step are those of a {@link GradCheck} (by default {@link GradCheck#DEFAULT}):
 * an entry passes when {@code |actual - expected| <= absolute + relative * max(|actual|,
 * |expected|)}, and the step for input i is {@code step * max(1, |x_i|)}. The Hessian's finite
 * differences are of the gradient, so they are as exact as the gradient's. A failure names every
 * entry that disagrees: its index, the expected and actual numbers, the error and the tolerance.
 */
public final class FunctionAssert
    extends AbstractAssert<FunctionAssert, Function<? super Vector<Expr>, ? extends Expr>> {
  private final @Nullable Vector<Double> point;
  private final GradCheck check;

  private FunctionAssert(
      Function<? super Vector<Expr>, ? extends Expr> f,
      @Nullable Vector<Double> point,
      GradCheck check) {
    super(f, FunctionAssert.class);
    this.point = point;
    this.check = check;
  }

  // -- static API

  /** {@return assertions on {@code f}; say where with {@link #at}} */
  public static FunctionAssert assertThatFunction(
      Function<? super Vector<Expr>, ? extends Expr> f) {
    Objects.requireNonNull(f, "f is null");
    return new FunctionAssert(f, null, GradCheck.DEFAULT);
  }

  // -- non-static API

  /** {@return these assertions at the point {@code x}} */
  public FunctionAssert at(Vector<Double> x) {
    Objects.requireNonNull(x, "x is null");
    return copy(x, check);
  }

  /** {@return these assertions at the point {@code x}} */
  public FunctionAssert at(double... x) {
    Objects.requireNonNull(x, "x is null");
    return at(Vector.ofAll(x));
  }

  /** {@return these assertions with the tolerances and step of {@code other}} */
  public FunctionAssert using(GradCheck other) {
    Objects.requireNonNull(other, "check is null");
    return copy(point, other);
  }

  /** Verifies that {@link Transforms#grad} agrees with central differences of f's value. */
  public FunctionAssert hasGradientMatchingFiniteDifferences() {
    Vector<Double> x = point();
    Vector<Double> actual = Transforms.grad(function()).apply(x);
    Vector<Double> expected = Vector.range(0, x.size()).map(i -> gradientDifference(x, i));
    return compare("gradient", Vector.of(expected), Vector.of(actual), "finite difference", false);
  }

  /** Verifies that {@link Transforms#hessian} agrees with central differences of the gradient. */
  public FunctionAssert hasHessianMatchingFiniteDifferences() {
    Vector<Double> x = point();
    Vector<Vector<Double>> actual = Transforms.hessian(function()).apply(x);
    Function<Vector<Double>, Vector<Double>> grad = Transforms.grad(function());
    // column j is the difference of the gradient along x_j; H is symmetric, so row i of the
    // Hessian is compared with the differences of gradient entry i
    Vector<Vector<Double>> columns =
        Vector.range(0, x.size())
            .map(
                j -> {
                  double h = step(x, j);
                  Vector<Double> up = grad.apply(x.update(j, x.get(j) + h));
                  Vector<Double> down = grad.apply(x.update(j, x.get(j) - h));
                  return up.zipWith(down, (u, d) -> (u - d) / (2 * h));
                });
    Vector<Vector<Double>> expected =
        Vector.range(0, x.size()).map(i -> columns.map(column -> column.get(i)));
    return compare("Hessian", expected, actual, "finite difference of the gradient", true);
  }

  /** Verifies that the Hessian {@link Transforms#hessian} gives equals its transpose. */
  public FunctionAssert hasSymmetricHessian() {
    Vector<Vector<Double>> actual = Transforms.hessian(function()).apply(point());
    Vector<Vector<Double>> transpose =
        Vector.range(0, actual.size()).map(i -> actual.map(row -> row.get(i)));
    return compare("Hessian", transpose, actual, "transpose", true);
  }

  private Function<? super Vector<Expr>, ? extends Expr> function() {
    isNotNull();
    return actual;
  }

  private Vector<Double> point() {
    if (point == null) {
      throw new IllegalStateException("no point to check at: call at(x) first");
    }
    return point;
  }

  private FunctionAssert copy(@Nullable Vector<Double> x, GradCheck other) {
    FunctionAssert copy = new FunctionAssert(actual, x, other);
    return info.hasDescription() ? copy.as(info.description()) : copy;
  }

  private double step(Vector<Double> x, int i) {
    return check.step() * Math.max(1.0, Math.abs(x.get(i)));
  }

  /** {@return (f(x + h e_i) - f(x - h e_i)) / 2h} */
  private double gradientDifference(Vector<Double> x, int i) {
    double h = step(x, i);
    return (value(x.update(i, x.get(i) + h)) - value(x.update(i, x.get(i) - h))) / (2 * h);
  }

  private double value(Vector<Double> x) {
    return Transforms.valueAndGrad(function()).apply(x)._1;
  }

  /** Fails naming every entry of {@code actual} not within tolerance of {@code expected}. */
  private FunctionAssert compare(
      String what,
      Vector<Vector<Double>> expected,
      Vector<Vector<Double>> actual,
      String expectedName,
      boolean matrix) {
    StringBuilder failures = new StringBuilder();
    int count = 0;
    for (int i = 0; i < actual.size(); i++) {
      for (int j = 0; j < actual.get(i).size(); j++) {
        double e = expected.get(i).get(j);
        double a = actual.get(i).get(j);
        double tolerance = check.absolute() + check.relative() * Math.max(Math.abs(a), Math.abs(e));
        double error = Math.abs(a - e);
        if (!(error <= tolerance)) { // NaN on either side fails
          count++;
          String index = matrix ? "[" + i + "][" + j + "]" : "[" + j + "]";
          failures.append(
              String.format(
                  "%n  index %s: expected %s (%s), actual %s, error %.3g > tolerance %.3g",
                  index, e, expectedName, a, error, tolerance));
        }
      }
    }
    if (count > 0) {
      failWithMessage(
          "%s of f at %s does not match the %s (relative %s, absolute %s, step %s) at %d %s:%s",
          what,
          point().mkString("[", ", ", "]"),
          expectedName,
          check.relative(),
          check.absolute(),
          check.step(),
          count,
          count == 1 ? "entry" : "entries",
          failures);
    }
    return this;
  }
}
