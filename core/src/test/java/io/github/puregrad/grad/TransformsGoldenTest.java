package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transforms against PyTorch: the 60 programs of {@code pytorch-hessians.json} (value, gradient
 * and {@code torch.autograd.functional.hessian} in float64), each entry within 1e-9 relative to
 * max(1, |expected|): the same formulas, but Java's and C's {@code sin}, {@code exp}, ... may
 * differ in the last bits, and second derivatives add a few roundings more.
 */
class TransformsGoldenTest {
  private static final double RELATIVE = 1e-9;

  static List<Golden.Case> cases() {
    return Golden.hessians();
  }

  /** The case's program as a function of a vector, over leaves (as every transform passes). */
  private static Function<Vector<Expr>, Expr> f(Golden.Case c) {
    return v -> c.program().apply(v.map(e -> (Expr.Leaf) e).toJavaList());
  }

  private static Vector<Double> x(Golden.Case c) {
    return Vector.ofAll(c.inputs().values()).map(Expr.Leaf::value);
  }

  private static void assertClose(double actual, double expected, String what) {
    assertThat(actual)
        .as(what)
        .isCloseTo(expected, within(RELATIVE * Math.max(1.0, Math.abs(expected))));
  }

  private static void assertMatrix(
      Vector<Vector<Double>> actual, List<List<Double>> expected, String what) {
    assertThat(actual).as("%s: rows", what).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("%s: row %d", what, i).hasSize(expected.get(i).size());
      for (int j = 0; j < expected.size(); j++) {
        assertClose(actual.get(i).get(j), expected.get(i).get(j), what + "[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void shouldReadAllSixtyProgramsWhenFileIsOnClassPath() {
    assertThat(cases()).hasSize(60).allMatch(c -> c.hessian().size() == c.inputs().size());
  }

  @Nested
  class Grad {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.grad.TransformsGoldenTest#cases")
    void shouldMatchPyTorchGradientWhenProgramIsGolden(Golden.Case c) {
      Vector<Double> grad = Transforms.grad(f(c)).apply(x(c));
      Vector<Double> expected = Vector.ofAll(c.grads().values());
      for (int i = 0; i < expected.size(); i++) {
        assertClose(grad.get(i), expected.get(i), c.name() + " d/dx" + i);
      }
    }
  }

  @Nested
  class ValueAndGrad {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.grad.TransformsGoldenTest#cases")
    void shouldMatchPyTorchValueWhenProgramIsGolden(Golden.Case c) {
      assertClose(Transforms.valueAndGrad(f(c)).apply(x(c))._1, c.value(), c.name() + " value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.grad.TransformsGoldenTest#cases")
    void shouldGiveGradOfSameCallWhenProgramIsGolden(Golden.Case c) {
      assertThat(Transforms.valueAndGrad(f(c)).apply(x(c))._2)
          .isEqualTo(Transforms.grad(f(c)).apply(x(c)));
    }
  }

  @Nested
  class Hessian {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.grad.TransformsGoldenTest#cases")
    void shouldMatchPyTorchHessianWhenProgramIsGolden(Golden.Case c) {
      assertMatrix(Transforms.hessian(f(c)).apply(x(c)), c.hessian(), c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.grad.TransformsGoldenTest#cases")
    void shouldEqualJacobianOfGradientWhenProgramIsGolden(Golden.Case c) {
      assertThat(Transforms.jacobian(Transforms.gradExpr(f(c))).apply(x(c)))
          .isEqualTo(Transforms.hessian(f(c)).apply(x(c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.grad.TransformsGoldenTest#cases")
    void shouldMatchPyTorchHessianThroughJacobianOfGradientWhenProgramIsGolden(Golden.Case c) {
      assertMatrix(
          Transforms.jacobian(Transforms.gradExpr(f(c))).apply(x(c)), c.hessian(), c.name());
    }
  }
}
