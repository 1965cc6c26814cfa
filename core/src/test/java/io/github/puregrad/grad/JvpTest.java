package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JvpTest {

  /** Σ backward(f).get(leaf) · v(leaf): the reverse-mode side of every comparison. */
  private static double reverse(Expr output, Map<Expr.Leaf, Double> tangents) {
    Gradients grads = Autodiff.backward(output);
    return tangents.foldLeft(0.0, (sum, e) -> sum + grads.get(e._1) * e._2);
  }

  @Nested
  class Basics {
    @Test
    void shouldGivePartialDerivativeWhenOneLeafHasTangentOne() {
      Expr.Leaf x = Expr.of(2.0, "x");
      Expr.Leaf y = Expr.of(3.0, "y");

      assertThat(Autodiff.jvp(x.mul(y), HashMap.of(x, 1.0))).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void shouldAddDirectionsWhenSeveralLeavesHaveTangents() {
      Expr.Leaf x = Expr.of(2.0, "x");
      Expr.Leaf y = Expr.of(3.0, "y");

      // d(xy) along (2, -1) = 2y - x
      assertThat(Autodiff.jvp(x.mul(y), HashMap.of(x, 2.0, y, -1.0)))
          .isCloseTo(2 * 3.0 - 2.0, within(1e-12));
    }

    @Test
    void shouldAccumulateWhenNodeIsUsedTwice() {
      Expr.Leaf x = Expr.of(3.0, "x");

      assertThat(Autodiff.jvp(x.mul(x), HashMap.of(x, 1.0))).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void shouldGiveZeroWhenNoTangentIsGiven() {
      Expr.Leaf x = Expr.of(3.0, "x");

      assertThat(Autodiff.jvp(x.tanh(), HashMap.empty())).isEqualTo(0.0);
    }

    @Test
    void shouldIgnoreLeafTheOutputDoesNotDependOn() {
      Expr.Leaf x = Expr.of(3.0, "x");
      Expr.Leaf unrelated = Expr.of(1.0, "u");

      assertThat(Autodiff.jvp(x.exp(), HashMap.of(x, 1.0, unrelated, 5.0)))
          .isCloseTo(Math.exp(3.0), within(1e-12));
    }

    @Test
    void shouldRejectTangentForOperation() {
      Expr.Leaf x = Expr.of(3.0, "x");
      Expr square = x.mul(x);

      assertThatThrownBy(() -> Autodiff.jvp(square.tanh(), HashMap.of(square, 1.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected tangents for leaves only");
    }

    @Test
    void shouldRejectNonFiniteTangent() {
      Expr.Leaf x = Expr.of(3.0, "x");

      assertThatThrownBy(() -> Autodiff.jvp(x.tanh(), HashMap.of(x, Double.NaN)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected a finite tangent")
          .hasMessageContaining("NaN");
    }

    @Test
    @Tag("slow")
    void shouldHandleMillionNodeChainWithoutRecursion() {
      Expr.Leaf x = Expr.of(0.5, "x");
      Expr y = x;
      for (int i = 0; i < 1_000_000; i++) {
        y = y.mul(1.0000001);
      }

      assertThat(Autodiff.jvp(y, HashMap.of(x, 1.0)))
          .isCloseTo(Autodiff.backward(y).get(x), within(1e-9));
    }
  }

  @Nested
  class AgreesWithReverseMode {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.grad.JvpTest#goldenCases")
    void shouldMatchPyTorchGradientsOnGoldenCases(Golden.Case golden) {
      // one jvp per input with a unit tangent gives that input's gradient
      for (var input : golden.inputs().entrySet()) {
        double forward = Autodiff.jvp(golden.output(), HashMap.of(input.getValue(), 1.0));

        assertThat(forward)
            .as("%s: d/d%s", golden.name(), input.getKey())
            .isCloseTo(golden.grads().get(input.getKey()), within(1e-9 * scale(forward)));
      }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.grad.JvpTest#seeds")
    void shouldMatchBackwardAlongRandomDirectionOnRandomExpressions(long seed) {
      ExprGenerator.Sample sample = ExprGenerator.defaults().withOperations(20).sample(seed);
      SplittableRandom random = new SplittableRandom(seed);
      Map<Expr.Leaf, Double> tangents =
          LinkedHashMap.ofEntries(
              sample.inputs().map(leaf -> io.vavr.Tuple.of(leaf, random.nextDouble(-1, 1))));

      double forward = Autodiff.jvp(sample.output(), tangents);

      assertThat(forward)
          .as("%s", sample)
          .isCloseTo(reverse(sample.output(), tangents), within(1e-9 * scale(forward)));
    }
  }

  private static double scale(double x) {
    return Math.max(1.0, Math.abs(x));
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 200).boxed();
  }

  static java.util.List<Golden.Case> goldenCases() {
    return Golden.cases();
  }
}
