package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.HashMap;
import io.vavr.collection.Vector;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolicTest {

  @Nested
  class HigherDerivatives {
    @Test
    void shouldGiveFirstDerivativeOfCubeAtTwo() {
      Expr.Leaf x = Expr.of(2.0, "x");

      assertThat(Symbolic.grad(x.pow(3), x).value()).isCloseTo(12.0, within(1e-12)); // 3x^2
    }

    @Test
    void shouldGiveSecondDerivativeOfCubeAtTwo() {
      Expr.Leaf x = Expr.of(2.0, "x");

      Expr second = Symbolic.grad(Symbolic.grad(x.pow(3), x), x);

      assertThat(second.value()).isCloseTo(12.0, within(1e-12)); // 6x
    }

    @Test
    void shouldGiveThirdDerivativeOfCubeAtTwo() {
      Expr.Leaf x = Expr.of(2.0, "x");

      Expr third = Symbolic.grad(Symbolic.grad(Symbolic.grad(x.pow(3), x), x), x);

      assertThat(third.value()).isCloseTo(6.0, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -0.3, 0.0, 0.7, 1.5})
    void shouldGiveSecondDerivativeOfTanh(double at) {
      Expr.Leaf x = Expr.of(at, "x");
      double t = Math.tanh(at);

      Expr second = Symbolic.grad(Symbolic.grad(x.tanh(), x), x);

      assertThat(second.value()).isCloseTo(-2 * t * (1 - t * t), within(1e-12));
    }

    @Test
    void shouldGiveSecondDerivativeOfSigmoid() {
      Expr.Leaf x = Expr.of(0.4, "x");
      double s = 1 / (1 + Math.exp(-0.4));

      Expr second = Symbolic.grad(Symbolic.grad(x.sigmoid(), x), x);

      assertThat(second.value()).isCloseTo(s * (1 - s) * (1 - 2 * s), within(1e-12));
    }

    @Test
    void shouldGiveSecondDerivativeOfLog() {
      Expr.Leaf x = Expr.of(1.5, "x");

      Expr second = Symbolic.grad(Symbolic.grad(x.log(), x), x);

      assertThat(second.value()).isCloseTo(-1 / (1.5 * 1.5), within(1e-12));
    }

    @Test
    void shouldGiveSecondDerivativeOfPowerWithExpressionExponent() {
      Expr.Leaf x = Expr.of(1.3, "x");
      Expr.Leaf y = Expr.of(0.8, "y");

      // d/dy d/dx x^y = d/dy (y x^(y-1)) = x^(y-1) + y x^(y-1) ln x
      double expected = Math.pow(1.3, -0.2) * (1 + 0.8 * Math.log(1.3));

      assertThat(Symbolic.grad(Symbolic.grad(x.pow(y), x), y).value())
          .isCloseTo(expected, within(1e-12));
    }

    @Test
    void shouldGiveZeroWhenOutputDoesNotDependOnVariable() {
      Expr.Leaf x = Expr.of(1.0, "x");
      Expr.Leaf unrelated = Expr.of(2.0, "u");

      assertThat(Symbolic.grad(x.exp(), unrelated).value()).isEqualTo(0.0);
    }

    @Test
    void shouldGiveZeroSecondDerivativeOfRelu() {
      Expr.Leaf x = Expr.of(1.0, "x");

      Expr second = Symbolic.grad(Symbolic.grad(x.relu(), x), x);

      assertThat(second.value()).isEqualTo(0.0);
    }
  }

  @Nested
  class FirstDerivativeAgreesWithBackward {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.grad.JvpTest#goldenCases")
    void shouldMatchPyTorchGradientsOnGoldenCases(Golden.Case golden) {
      Derivatives derivatives = Symbolic.backward(golden.output());
      for (var input : golden.inputs().entrySet()) {
        double expected = golden.grads().get(input.getKey());

        assertThat(derivatives.get(input.getValue()).value())
            .as("%s: d/d%s", golden.name(), input.getKey())
            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
      }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.grad.SymbolicTest#seeds")
    void shouldMatchBackwardOnEveryNodeOfRandomExpressions(long seed) {
      Expr output = ExprGenerator.defaults().withOperations(20).sample(seed).output();
      Gradients numeric = Autodiff.backward(output);
      Derivatives symbolic = Symbolic.backward(output);

      for (int p = 0; p < numeric.graph().size(); p++) {
        double expected = numeric.at(p);
        assertThat(symbolic.at(p).value())
            .as("seed %d, node %d", seed, p)
            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
      }
    }
  }

  @Nested
  class Hessians {
    @Test
    void shouldGiveConstantMatrixOfQuadratic() {
      Expr.Leaf x = Expr.of(0.7, "x");
      Expr.Leaf y = Expr.of(-1.2, "y");
      // f = 3x² - 2xy + 5y² + 4x - y + 1, H = [[6, -2], [-2, 10]]
      Expr f =
          x.pow(2).mul(3).sub(x.mul(y).mul(2)).add(y.mul(y).mul(5)).add(x.mul(4)).sub(y).add(1);

      Vector<Vector<Double>> h = Symbolic.hessian(f, x, y);

      assertThat(h.get(0).get(0)).isCloseTo(6.0, within(1e-12));
      assertThat(h.get(0).get(1)).isCloseTo(-2.0, within(1e-12));
      assertThat(h.get(1).get(0)).isCloseTo(-2.0, within(1e-12));
      assertThat(h.get(1).get(1)).isCloseTo(10.0, within(1e-12));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.grad.SymbolicTest#seeds")
    void shouldBeSymmetricOnRandomExpressions(long seed) {
      ExprGenerator.Sample sample = ExprGenerator.defaults().withOperations(15).sample(seed);
      Expr.Leaf x0 = sample.inputs().get(0);
      Expr.Leaf x1 = sample.inputs().get(1);

      Vector<Vector<Double>> h = Symbolic.hessian(sample.output(), x0, x1);

      assertThat(h.get(0).get(1))
          .as("%s", sample)
          .isCloseTo(h.get(1).get(0), within(1e-8 * Math.max(1, Math.abs(h.get(0).get(1)))));
    }

    @Test
    void shouldMatchFiniteDifferencesOfGradientForHessianVectorProduct() {
      double[] at = {0.3, -0.8, 1.7};
      double[] v = {0.5, 2.0, -1.0};
      Expr.Leaf[] leaves = leaves(at);
      var vector = HashMap.of(leaves[0], v[0], leaves[1], v[1], leaves[2], v[2]);

      Gradients hv = Symbolic.hvp(SymbolicTest.f(Vector.of(leaves)), vector);

      double h = 1e-5;
      double[] up = gradient(plus(at, v, h));
      double[] down = gradient(plus(at, v, -h));
      for (int i = 0; i < at.length; i++) {
        assertThat(hv.get(leaves[i]))
            .as("(Hv)_%d", i)
            .isCloseTo((up[i] - down[i]) / (2 * h), within(1e-6));
      }
    }

    @Test
    void shouldGiveZeroVectorWhenDirectionIsEmpty() {
      Expr.Leaf x = Expr.of(0.3, "x");

      assertThat(Symbolic.hvp(x.pow(3), HashMap.empty()).get(x)).isEqualTo(0.0);
    }

    private Expr.Leaf[] leaves(double[] at) {
      Expr.Leaf[] leaves = new Expr.Leaf[at.length];
      for (int i = 0; i < at.length; i++) {
        leaves[i] = Expr.of(at[i], "x" + i);
      }
      return leaves;
    }

    private double[] plus(double[] at, double[] v, double h) {
      double[] moved = new double[at.length];
      for (int i = 0; i < at.length; i++) {
        moved[i] = at[i] + h * v[i];
      }
      return moved;
    }

    private double[] gradient(double[] at) {
      Expr.Leaf[] leaves = leaves(at);
      Gradients grads = Autodiff.backward(SymbolicTest.f(Vector.of(leaves)));
      double[] g = new double[at.length];
      for (int i = 0; i < at.length; i++) {
        g[i] = grads.get(leaves[i]);
      }
      return g;
    }
  }

  @Nested
  class Size {
    @Test
    void shouldStayLinearWhenDeepChainIsDifferentiatedTwice() {
      int depth = 10_000;
      Expr.Leaf x = Expr.of(0.3, "x");
      Expr f = chain(x, depth);

      Expr first = Symbolic.grad(f, x);
      Expr second = Symbolic.grad(first, x);

      int n = Graph.of(f).size();
      // a constant number of new nodes per edge, for each of the two differentiations
      assertThat(Graph.of(first).size()).isLessThanOrEqualTo(10 * n);
      assertThat(Graph.of(second).size()).isLessThanOrEqualTo(100 * n);
    }

    @Test
    @Tag("slow")
    void shouldMatchBackwardOnDeepChainWithoutRecursion() {
      Expr.Leaf x = Expr.of(0.3, "x");
      Expr f = chain(x, 200_000);

      assertThat(Symbolic.grad(f, x).value()).isCloseTo(Autodiff.backward(f).get(x), within(1e-12));
    }

    private Expr chain(Expr x, int depth) {
      Expr f = x;
      for (int i = 0; i < depth; i++) {
        f = f.mul(1.01).tanh();
      }
      return f;
    }
  }

  /** A smooth function of three variables that uses every smooth operation. */
  static Expr f(Vector<Expr.Leaf> x) {
    Function<Integer, Expr> at = x::get;
    return at.apply(0)
        .mul(at.apply(1))
        .tanh()
        .add(at.apply(1).exp().mul(at.apply(2).log()))
        .add(at.apply(0).sigmoid().mul(at.apply(2).pow(3)))
        .add(at.apply(2).pow(at.apply(0)))
        .div(at.apply(1).mul(at.apply(1)).add(1));
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 100).boxed();
  }
}
