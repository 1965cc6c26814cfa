package io.github.puregrad.test;

import io.github.puregrad.check.GradCheck;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on gradients: a one-line gradient test for your own model or expression. Needs
 * {@code org.assertj:assertj-core} on the class path (an optional dependency of puregrad).
 *
 * <pre>{@code
 * import static io.github.puregrad.test.GradientsAssert.assertThatGradientsOf;
 *
 * assertThatGradientsOf(loss).matchFiniteDifferences();
 * assertThatGradientsOf(loss)
 *     .using(GradCheck.builder().relative(1e-4).build())
 *     .matchFiniteDifferences();
 * assertThatGradientsOf(f, myHandWrittenGradient).matchFiniteDifferences();
 * }</pre>
 *
 * <p>A failure names every leaf that disagrees, with both numbers and the relative error (see
 * {@link GradCheck.Report#failureMessage()}).
 */
// AssertJ is optional (requires static): a test that uses this assertion has AssertJ anyway
@SuppressWarnings("exports")
public final class GradientsAssert extends AbstractAssert<GradientsAssert, Expr> {
  private final ToDoubleFunction<Expr.Leaf> gradients;
  private final GradCheck check;

  private GradientsAssert(Expr output, ToDoubleFunction<Expr.Leaf> gradients, GradCheck check) {
    super(output, GradientsAssert.class);
    this.gradients = gradients;
    this.check = check;
  }

  // -- static API

  /** {@return assertions on the gradients {@link Autodiff#backward} gives for {@code output}} */
  public static GradientsAssert assertThatGradientsOf(Expr output) {
    Objects.requireNonNull(output, "output is null");
    return new GradientsAssert(output, Autodiff.backward(output)::get, GradCheck.DEFAULT);
  }

  /** {@return assertions on your claimed gradients of {@code output}, by leaf} */
  public static GradientsAssert assertThatGradientsOf(
      Expr output, ToDoubleFunction<Expr.Leaf> gradients) {
    Objects.requireNonNull(output, "output is null");
    Objects.requireNonNull(gradients, "gradients is null");
    return new GradientsAssert(output, gradients, GradCheck.DEFAULT);
  }

  // -- non-static API

  /** {@return these assertions with other tolerances or step} */
  public GradientsAssert using(GradCheck other) {
    Objects.requireNonNull(other, "check is null");
    GradientsAssert copy = new GradientsAssert(actual, gradients, other);
    return info.hasDescription() ? copy.as(info.description()) : copy;
  }

  /** Verifies that the gradient of every leaf agrees with a central finite difference. */
  public GradientsAssert matchFiniteDifferences() {
    GradCheck.Report report = check.check(actual, gradients);
    if (!report.passed()) {
      failWithMessage("%s", report.failureMessage());
    }
    return this;
  }
}
