package io.github.puregrad.test;

import static io.github.puregrad.test.GradientsAssert.assertThatGradientsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.check.GradCheck;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.expr.UnaryOp;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Symbolic;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GradCheckTest {

  /**
   * A test-only backward pass with one custom local derivative: tanh's is deliberately wrong,
   * {@code 1 - x²} of the input instead of {@code 1 - tanh(x)²}. Everything else is the usual chain
   * rule.
   */
  private static ToDoubleFunction<Expr.Leaf> backwardWithWrongTanh(Expr output) {
    Graph graph = Graph.of(output);
    double[] grads = new double[graph.size()];
    grads[graph.size() - 1] = 1.0;
    for (int p = graph.size() - 1; p >= 0; p--) {
      Expr node = graph.node(p);
      for (int k = 0; k < node.arity(); k++) {
        double local =
            node instanceof Expr.Unary tanh && tanh.op().equals(UnaryOp.TANH)
                ? 1 - tanh.operand().value() * tanh.operand().value()
                : node.partial(k);
        grads[graph.operandPosition(p, k)] += grads[p] * local;
      }
    }
    return leaf -> grads[graph.positionOf(leaf)];
  }

  private static Expr neuron(Expr.Leaf x1, Expr.Leaf w1, Expr.Leaf b) {
    return x1.mul(w1).add(b).tanh();
  }

  @Nested
  class Passing {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.test.GradCheckTest#seeds")
    void shouldPassOnRandomExpressions(long seed) {
      ExprGenerator.Sample sample = ExprGenerator.defaults().sample(seed);

      GradCheck.Report report = GradCheck.of(sample.output());

      assertThat(report.passed()).as("%s%n%s", sample, report.describe()).isTrue();
    }

    @Test
    void shouldCheckEveryLeafOfGraph() {
      Expr.Leaf x = Expr.of(0.5, "x");
      Expr.Leaf y = Expr.of(-1.5, "y");

      GradCheck.Report report = GradCheck.of(x.mul(y).add(2.0).tanh());

      assertThat(report.leaves())
          .extracting(GradCheck.LeafCheck::name)
          .contains("x", "y")
          .hasSize(3);
    }

    @Test
    void shouldPassSymbolicGradients() {
      ExprGenerator.Sample sample = ExprGenerator.defaults().withOperations(20).sample(3L);
      var derivatives = Symbolic.backward(sample.output());

      assertThatGradientsOf(sample.output(), leaf -> derivatives.get(leaf).value())
          .matchFiniteDifferences();
    }

    @Test
    void shouldPassWithAssertionEntryPoint() {
      Expr.Leaf x1 = Expr.of(2.0, "x1");
      Expr.Leaf w1 = Expr.of(-3.0, "w1");
      Expr.Leaf b = Expr.of(6.88, "b");

      assertThatGradientsOf(neuron(x1, w1, b)).matchFiniteDifferences();
    }
  }

  @Nested
  class Failing {
    @Test
    void shouldFailOnWrongLocalDerivative() {
      Expr.Leaf x1 = Expr.of(2.0, "x1");
      Expr.Leaf w1 = Expr.of(-3.0, "w1");
      Expr.Leaf b = Expr.of(6.88, "b");
      Expr out = neuron(x1, w1, b);

      GradCheck.Report report = GradCheck.DEFAULT.check(out, backwardWithWrongTanh(out));

      assertThat(report.failures())
          .extracting(GradCheck.LeafCheck::name)
          .containsExactly("x1", "w1", "b");
    }

    @Test
    void shouldNameLeafBothNumbersAndRelativeErrorInAssertionMessage() {
      Expr.Leaf x = Expr.of(0.5, "x");
      Expr out = x.tanh();
      double wrong = 2.0;
      double right = 1 - Math.tanh(0.5) * Math.tanh(0.5);

      assertThatThrownBy(() -> assertThatGradientsOf(out, leaf -> wrong).matchFiniteDifferences())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("for 1 of 1 leaves")
          .hasMessageContaining("FAIL leaf 'x' (value 0.5)")
          .hasMessageContaining("analytic 2.0")
          .hasMessageContaining("numeric " + String.valueOf(right).substring(0, 8))
          .hasMessageContaining(
              String.format("relative error %.3g", Math.abs(wrong - right) / wrong));
    }

    @Test
    void shouldFailWithMessageWhenBackwardUsesWrongTanhDerivative() {
      Expr.Leaf x1 = Expr.of(2.0, "x1");
      Expr.Leaf w1 = Expr.of(-3.0, "w1");
      Expr.Leaf b = Expr.of(6.88, "b");
      Expr out = neuron(x1, w1, b);

      assertThatThrownBy(
              () -> assertThatGradientsOf(out, backwardWithWrongTanh(out)).matchFiniteDifferences())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("FAIL leaf 'w1'");
    }

    @Test
    void shouldFailWhenGradientIsNaN() {
      Expr.Leaf x = Expr.of(0.5, "x");

      assertThat(GradCheck.DEFAULT.check(x.exp(), leaf -> Double.NaN).passed()).isFalse();
    }

    @Test
    void shouldKeepDescriptionWhenSwitchingTolerances() {
      Expr.Leaf x = Expr.of(0.5, "x");

      assertThatThrownBy(
              () ->
                  assertThatGradientsOf(x.exp(), leaf -> 1.0)
                      .as("my model")
                      .using(GradCheck.builder().relative(1e-3).build())
                      .matchFiniteDifferences())
          .hasMessageContaining("[my model]")
          .hasMessageContaining("relative 0.001");
    }
  }

  @Nested
  class Configuration {
    @Test
    void shouldBuildDefaultsFromEmptyBuilder() {
      assertThat(GradCheck.builder().build()).isEqualTo(GradCheck.DEFAULT);
    }

    @Test
    void shouldPassLooseToleranceThatStrictOneFails() {
      Expr.Leaf x = Expr.of(0.5, "x");
      double slightlyOff = Math.exp(0.5) * (1 + 1e-4);

      assertThat(GradCheck.DEFAULT.check(x.exp(), leaf -> slightlyOff).passed()).isFalse();
      assertThat(
              GradCheck.builder()
                  .relative(1e-3)
                  .build()
                  .check(x.exp(), leaf -> slightlyOff)
                  .passed())
          .isTrue();
    }

    @Test
    void shouldScaleStepWithValueMagnitude() {
      // x^4 at 1e5: f is about 1e20, whose rounding (about 1e4) over a fixed step of 1e-6 would
      // swamp the derivative's 8th digit; a step of 1e-6 * |x| keeps it near 1e-11
      Expr.Leaf x = Expr.of(1e5, "x");

      GradCheck.LeafCheck result = GradCheck.of(x.pow(4)).leaves().head();

      assertThat(result.numeric()).isCloseTo(4e15, within(4e15 * 1e-8));
    }

    @Test
    void shouldRejectNegativeTolerance() {
      assertThatThrownBy(() -> GradCheck.builder().relative(-1).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("relative -1.0");
    }

    @Test
    void shouldRejectStepOutsideUnitInterval() {
      assertThatThrownBy(() -> GradCheck.builder().step(0).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("step must be a number in (0, 1), got 0.0");
    }
  }

  @Nested
  class ForwardMode {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.test.GradCheckTest#seeds")
    void shouldPassForwardModeGradients(long seed) {
      ExprGenerator.Sample sample = ExprGenerator.defaults().sample(seed);

      assertThatGradientsOf(
              sample.output(),
              leaf -> Autodiff.jvp(sample.output(), io.vavr.collection.HashMap.of(leaf, 1.0)))
          .as("%s", sample)
          .matchFiniteDifferences();
    }
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 100).boxed();
  }
}
