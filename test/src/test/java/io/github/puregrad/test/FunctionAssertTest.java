package io.github.puregrad.test;

import static io.github.puregrad.test.FunctionAssert.assertThatFunction;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.check.GradCheck;
import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.UnaryOp;
import io.vavr.collection.Vector;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Assertions on functions: pass on right derivatives, fail naming the entry on wrong ones. */
class FunctionAssertTest {
  private static final Function<Vector<Expr>, Expr> F = FunctionAssertTest::f;

  /** f(x, y) = x y + sin x */
  private static Expr f(Vector<Expr> v) {
    return v.get(0).mul(v.get(1)).add(v.get(0).sin());
  }

  /** softplus, ln(1 + e^x), with the derivatives given. */
  private static UnaryOp softplus(DoubleBinaryOperator df, BinaryOperator<Expr> dfExpr) {
    return UnaryOp.of("softplus", x -> Math.log1p(Math.exp(x)), df, dfExpr);
  }

  /** softplus with a wrong derivative: 2 sigmoid(x) instead of sigmoid(x). */
  private static final UnaryOp WRONG =
      softplus((x, y) -> 2 / (1 + Math.exp(-x)), (x, y) -> x.sigmoid().mul(2.0));

  /** softplus whose derivative as an expression is wrong (2 sigmoid), but right as a number. */
  private static final UnaryOp WRONG_SECOND =
      softplus((x, y) -> 1 / (1 + Math.exp(-x)), (x, y) -> x.sigmoid().mul(2.0));

  /**
   * a * b whose derivative by b, as an expression, is a² / a0 (a at the time it is built): the
   * value a, but the derivative 2 by a, where d/db of the derivative by a is 1.
   */
  private static final BinaryOp ASYMMETRIC =
      BinaryOp.of(
          "mul'",
          (a, b) -> a * b,
          (k, a, b, y) -> k == 0 ? b : a,
          (k, a, b, y) -> k == 0 ? b : a.mul(a).div(a.value()));

  @Nested
  class Gradient {
    @Test
    void shouldPassWhenGradientIsRight() {
      assertThatFunction(F).at(1.0, 2.0).hasGradientMatchingFiniteDifferences();
    }

    @Test
    void shouldNameIndexExpectedActualAndToleranceWhenDerivativeIsWrong() {
      Function<Vector<Expr>, Expr> f = v -> v.get(1).mul(v.get(0).apply(WRONG));
      assertThatThrownBy(
              () -> assertThatFunction(f).at(0.5, 3.0).hasGradientMatchingFiniteDifferences())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("gradient of f at [0.5, 3.0] does not match the finite difference")
          .hasMessageContaining("(relative 1.0E-5, absolute 1.0E-7, step 1.0E-6) at 1 entry:")
          .hasMessageContaining("index [0]: expected 1.867")
          .hasMessageContaining("(finite difference), actual 3.7347")
          .hasMessageContaining("> tolerance 3.74e-05");
    }

    @Test
    void shouldPassWhenToleranceIsLoosened() {
      Function<Vector<Expr>, Expr> f = v -> v.get(0).exp();
      assertThatFunction(f)
          .at(30.0)
          .using(GradCheck.builder().relative(1e-3).build())
          .hasGradientMatchingFiniteDifferences();
    }

    @Test
    void shouldSaySoWhenNoPointWasGiven() {
      assertThatThrownBy(() -> assertThatFunction(F).hasGradientMatchingFiniteDifferences())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("no point to check at: call at(x) first");
    }
  }

  @Nested
  class Hessian {
    @Test
    void shouldPassWhenHessianIsRight() {
      assertThatFunction(F)
          .at(Vector.of(1.0, 2.0))
          .using(GradCheck.builder().relative(1e-4).build())
          .hasHessianMatchingFiniteDifferences()
          .hasSymmetricHessian();
    }

    @Test
    void shouldNameTheEntryWhenSymbolicSecondDerivativeIsWrong() {
      Function<Vector<Expr>, Expr> f = v -> v.get(0).apply(ASYMMETRIC, v.get(1));
      assertThatThrownBy(() -> assertThatFunction(f).at(0.5, 3.0).hasSymmetricHessian())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Hessian of f at [0.5, 3.0] does not match the transpose")
          .hasMessageContaining("index [0][1]: expected 2.0 (transpose), actual 1.0")
          .hasMessageContaining("index [1][0]: expected 1.0 (transpose), actual 2.0");
    }

    @Test
    void shouldFailWhenHessianDisagreesWithFiniteDifferences() {
      Function<Vector<Expr>, Expr> f = v -> v.get(0).apply(WRONG_SECOND);
      assertThatThrownBy(() -> assertThatFunction(f).at(0.5).hasHessianMatchingFiniteDifferences())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("index [0][0]");
    }
  }

  @Nested
  class Generated {
    @ParameterizedTest
    @ExprSource(
        count = 50,
        seed = 3,
        ops = {ExprGenerator.Op.MUL, ExprGenerator.Op.TANH, ExprGenerator.Op.SIN})
    void shouldPassWhenFunctionIsGenerated(ExprGenerator.Sample sample) {
      assertThatFunction(sample.function())
          .at(sample.point())
          .using(GradCheck.builder().relative(1e-4).absolute(1e-6).build())
          .hasGradientMatchingFiniteDifferences()
          .hasHessianMatchingFiniteDifferences();
    }
  }
}
