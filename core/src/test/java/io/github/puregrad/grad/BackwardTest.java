package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BackwardTest {

  @Nested
  class SharedNodes {
    @Test
    void shouldAccumulateGradientWhenNodeIsUsedTwice() {
      Expr a = Expr.of(3.0, "a");
      assertThat(Autodiff.backward(a.add(a)).get(a)).isEqualTo(2.0);
    }

    @Test
    void shouldAccumulateGradientWhenNodeIsMultipliedByItself() {
      Expr x = Expr.of(3.0, "x");
      assertThat(Autodiff.backward(x.mul(x)).get(x)).isEqualTo(6.0);
    }

    @Test
    void shouldSumBothPathsOfADiamond() {
      Expr a = Expr.of(2.0, "a");
      Expr b = Expr.of(-3.0, "b");
      Expr s = a.add(b);
      Gradients grads = Autodiff.backward(s.mul(s)); // (a+b)^2: d/da = d/db = 2(a+b)
      assertThat(grads.get(a)).isEqualTo(-2.0);
      assertThat(grads.get(b)).isEqualTo(-2.0);
      assertThat(grads.get(s)).isEqualTo(-2.0);
    }

    @Test
    void shouldGiveEqualValuedLeavesSeparateGradients() {
      Expr a = Expr.of(2.0, "a");
      Expr b = Expr.of(2.0, "b");
      Gradients grads = Autodiff.backward(a.mul(a).add(b)); // d/da = 2a = 4, d/db = 1
      assertThat(grads.get(a)).isEqualTo(4.0);
      assertThat(grads.get(b)).isEqualTo(1.0);
    }

    @Test
    void shouldCountEachSharedNodeOnceInTheGraph() {
      Expr a = Expr.of(2.0, "a");
      Expr s = a.add(a);
      assertThat(Autodiff.backward(s.mul(s)).graph().size()).isEqualTo(3);
    }
  }

  @Nested
  class Relu {
    @Test
    void shouldGiveZeroGradientAtZero() {
      Expr x = Expr.of(0.0, "x");
      assertThat(Autodiff.backward(x.relu()).get(x)).isEqualTo(0.0);
    }

    @Test
    void shouldPassGradientWhenPositive() {
      Expr x = Expr.of(0.5, "x");
      assertThat(Autodiff.backward(x.relu()).get(x)).isEqualTo(1.0);
    }
  }

  @Nested
  class Domains {
    @Test
    void shouldFollowIeeeForLogOfZero() {
      Expr x = Expr.of(0.0, "x");
      Expr y = x.log();
      assertThat(y.value()).isEqualTo(Double.NEGATIVE_INFINITY);
      assertThat(Autodiff.backward(y).get(x)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void shouldGiveNanForLogOfNegative() {
      assertThat(Expr.of(-1.0).log().value()).isNaN();
    }

    @Test
    void shouldGiveFiniteGradientsWhenNoLocalDerivativeReadsTheNaN() {
      Expr a = Expr.of(-1.0, "a");
      Expr b = Expr.of(2.0, "b");
      Expr y = a.log().add(b); // NaN, but d(u + b)/du = d/db = 1 whatever u is
      Gradients grads = Autodiff.backward(y);
      assertThat(y.value()).isNaN();
      assertThat(grads.get(b)).isEqualTo(1.0);
      assertThat(grads.get(a)).isEqualTo(-1.0); // 1 · d(log a)/da = 1/a, which reads a, not the NaN
    }

    @Test
    void shouldGiveZeroGradientWhenANaNIsRaisedToTheZeroth() {
      Expr a = Expr.of(-1.0, "a");
      Expr y = a.log().pow(0); // IEEE: pow(NaN, 0) = 1, and d(u^0)/du = 0
      assertThat(y.value()).isEqualTo(1.0);
      assertThat(Autodiff.backward(y).get(a)).isZero();
    }

    @Test
    void shouldGiveNanGradientWhereTheLocalDerivativeReadsTheNaN() {
      Expr a = Expr.of(-1.0, "a");
      Expr y = a.log().tanh(); // d tanh/du = 1 - y², and y is NaN
      assertThat(y.value()).isNaN();
      assertThat(Autodiff.backward(y).get(a)).isNaN();
    }

    @Test
    void shouldGiveZeroExponentGradientWhenPowerOfZeroBaseIsZero() {
      Expr base = Expr.of(0.0, "base");
      Expr exponent = Expr.of(2.0, "exponent");
      Gradients grads = Autodiff.backward(base.pow(exponent));
      assertThat(grads.get(exponent)).isEqualTo(0.0);
      assertThat(grads.get(base)).isEqualTo(0.0);
    }

    @Test
    void shouldDifferentiateExponentWhenPowerHasExpressionExponent() {
      Expr base = Expr.of(2.0, "base");
      Expr exponent = Expr.of(3.0, "exponent");
      Gradients grads = Autodiff.backward(base.pow(exponent)); // d/de b^e = b^e ln b
      assertThat(grads.get(exponent)).isCloseTo(8 * Math.log(2), within(1e-12));
      assertThat(grads.get(base)).isCloseTo(12.0, within(1e-12));
    }
  }

  @Nested
  class Results {
    @Test
    void shouldGiveZeroForNodeOutsideTheGraph() {
      Expr x = Expr.of(1.0, "x");
      Expr unrelated = Expr.of(1.0, "unrelated");
      assertThat(Autodiff.backward(x.tanh()).get(unrelated)).isEqualTo(0.0);
    }

    @Test
    void shouldGiveOneForTheOutputItself() {
      Expr y = Expr.of(1.5, "x").exp();
      assertThat(Autodiff.backward(y).get(y)).isEqualTo(1.0);
    }

    @Test
    void shouldGiveTheSameAnswerWhenCalledTwice() {
      Expr x = Expr.of(0.3, "x");
      Expr y = x.tanh().mul(x).sigmoid();
      assertThat(Autodiff.backward(y).asMap()).isEqualTo(Autodiff.backward(y).asMap());
    }

    @Test
    void shouldMapEveryNodeInTopologicalOrder() {
      Expr x = Expr.of(2.0, "x");
      Expr y = x.mul(3.0);
      Gradients grads = Autodiff.backward(y);
      assertThat(grads.asMap().keySet().toList()).containsExactly(x, grads.graph().node(1), y);
      assertThat(grads.asMap().get(x).get()).isEqualTo(3.0);
    }

    @Test
    void shouldReadParameterGradientThroughUpdatedLeaf() {
      Expr.Leaf w = Expr.of(0.5, "w");
      Gradients grads = Autodiff.backward(w.mul(4.0));
      assertThat(grads.get(w.withValue(0.1))).isEqualTo(4.0);
    }

    @Test
    void shouldRejectGraphHoldingTwoVersionsOfALeaf() {
      Expr.Leaf w = Expr.of(0.5, "w");
      Expr y = w.add(w.withValue(0.7));
      assertThatThrownBy(() -> Autodiff.backward(y))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("two different nodes share id " + w.id());
    }
  }

  @Nested
  @Tag("slow") // PIT leaves these out: they multiply its run time, not its kills
  class Scale {
    private static final int MILLION = 1_000_000;

    @Test
    void shouldDifferentiateAChainOfAMillionOperations() {
      Expr x = Expr.of(1.0, "x");
      Expr y = x;
      for (int i = 0; i < MILLION; i++) {
        y = y.add(1.0);
      }
      Gradients grads = Autodiff.backward(y);
      assertThat(y.value()).isEqualTo(1.0 + MILLION);
      assertThat(grads.get(x)).isEqualTo(1.0);
      assertThat(grads.graph().size())
          .isEqualTo(2 * MILLION + 1); // x, a constant per step, each sum
      assertThat(y.toString()).hasSizeLessThan(100);
    }

    @Test
    void shouldGiveTheSameGradientsToManyThreadsAtOnce() throws Exception {
      Expr x = Expr.of(0.25, "x");
      Expr y = x;
      for (int i = 0; i < 10_000; i++) {
        y = y.mul(x).tanh().add(x);
      }
      Expr output = y;
      double expected = Autodiff.backward(output).get(x);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Callable<Double>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          tasks.add(() -> Autodiff.backward(output).get(x));
        }
        for (Future<Double> result : pool.invokeAll(tasks)) {
          assertThat(result.get()).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
