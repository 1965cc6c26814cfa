package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.vavr.Tuple;
import io.vavr.collection.Vector;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The function transforms: f(x, y) = x y + sin x, the issue's example, and generated programs. */
class TransformsTest {
  /** {@return 100 generated programs from seed 1400 on} */
  static Stream<ExprGenerator.Sample> samples() {
    ExprGenerator generator = ExprGenerator.builder().inputs(3).build();
    return LongStream.range(1400, 1500).mapToObj(generator::sample);
  }

  private static final Function<Vector<Expr>, Expr> F = TransformsTest::f;

  /** f(x, y) = x y + sin x */
  private static Expr f(Vector<Expr> v) {
    return v.get(0).mul(v.get(1)).add(v.get(0).sin());
  }

  private static final Vector<Double> AT = Vector.of(1.0, 2.0);
  private static final double EXACT = 1e-15;

  /** {@return v -> step applied n times to v[0]}: a graph as deep as it is long */
  private static Function<Vector<Expr>, Expr> chain(
      int n, BiFunction<Expr, Vector<Expr>, Expr> step) {
    return v -> {
      Expr e = v.get(0);
      for (int i = 0; i < n; i++) {
        e = step.apply(e, v);
      }
      return e;
    };
  }

  @Nested
  class Grad {
    @Test
    void shouldGiveGradientWhenFunctionIsTheIssuesExample() {
      Vector<Double> grad = Transforms.grad(F).apply(AT);
      assertThat(grad.get(0)).isCloseTo(2 + Math.cos(1), within(EXACT));
      assertThat(grad.get(1)).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void shouldGiveZerosWhenOutputIgnoresTheInputs() {
      assertThat(Transforms.grad(v -> Expr.of(3.0)).apply(AT)).containsExactly(0.0, 0.0);
    }

    @Test
    void shouldWorkWhenGraphIsAChainOfAMillionNodes() {
      Function<Vector<Expr>, Expr> chain = chain(1_000_000, (e, v) -> e.add(1.0));
      assertThat(Transforms.grad(chain).apply(Vector.of(0.5))).containsExactly(1.0);
    }

    @Test
    void shouldGiveSameGradientWhenCalledFromManyThreads() throws Exception {
      var grad = Transforms.grad(F);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        Vector<Future<Vector<Double>>> calls =
            Vector.range(0, 8).map(i -> pool.submit(() -> grad.apply(AT)));
        for (Future<Vector<Double>> call : calls) {
          assertThat(call.get()).isEqualTo(grad.apply(AT));
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Nested
  class ValueAndGrad {
    @Test
    void shouldGiveValueAndGradientWhenFunctionIsTheIssuesExample() {
      assertThat(Transforms.valueAndGrad(F).apply(AT))
          .isEqualTo(Tuple.of(2 + Math.sin(1), Vector.of(2 + Math.cos(1), 1.0)));
    }
  }

  @Nested
  class Hessian {
    @Test
    void shouldGiveSecondDerivativesWhenFunctionIsTheIssuesExample() {
      Vector<Vector<Double>> h = Transforms.hessian(F).apply(AT);
      assertThat(h.get(0).get(0)).isCloseTo(-Math.sin(1), within(EXACT));
      assertThat(h.get(0).get(1)).isCloseTo(1.0, within(EXACT));
      assertThat(h.get(1)).containsExactly(1.0, 0.0);
    }

    @Test
    void shouldWorkWhenGraphIsAChainOfAHundredThousandNodes() {
      Function<Vector<Expr>, Expr> chain = chain(100_000, (e, v) -> e.mul(v.get(1)).add(1.0));
      // e_n = x y^n + (y^(n-1) + ... + 1): d²e/dx² = 0 and d²e/dx dy = n y^(n-1), n at y = 1
      assertThat(Transforms.hessian(chain).apply(Vector.of(0.0, 1.0)).get(0))
          .containsExactly(0.0, 100_000.0);
    }
  }

  @Nested
  class Jacobian {
    @Test
    void shouldGiveOneRowPerOutputWhenFunctionHasTwoOutputs() {
      Vector<Vector<Double>> j =
          Transforms.jacobian(v -> Vector.of(v.get(0).mul(v.get(1)), v.get(1).sin())).apply(AT);
      assertThat(j).containsExactly(Vector.of(2.0, 1.0), Vector.of(0.0, Math.cos(2)));
    }

    @ParameterizedTest
    @MethodSource("io.github.puregrad.grad.TransformsTest#samples")
    void shouldMatchFiniteDifferencesOfTheEagerGradientWhenProgramIsGenerated(
        ExprGenerator.Sample sample) {
      Vector<Double> x = sample.point();
      Vector<Vector<Double>> jacobian =
          Transforms.jacobian(Transforms.gradExpr(sample.function())).apply(x);
      var grad = Transforms.grad(sample.function());
      for (int j = 0; j < x.size(); j++) {
        double h = 1e-5 * Math.max(1.0, Math.abs(x.get(j)));
        Vector<Double> up = grad.apply(x.update(j, x.get(j) + h));
        Vector<Double> down = grad.apply(x.update(j, x.get(j) - h));
        for (int i = 0; i < x.size(); i++) {
          double numeric = (up.get(i) - down.get(i)) / (2 * h);
          double analytic = jacobian.get(i).get(j);
          assertThat(analytic)
              .as("J[%d][%d], %s", i, j, sample)
              .isCloseTo(numeric, within(1e-5 + 1e-4 * Math.abs(numeric)));
        }
      }
    }
  }

  @Nested
  class GradExpr {
    @Test
    void shouldBeDifferentiableAgainWhenGradientOfAGradientEntryIsTaken() {
      Function<Vector<Expr>, Expr> dfdx = v -> Transforms.gradExpr(F).apply(v).get(0);
      assertThat(Transforms.grad(dfdx).apply(AT)).isEqualTo(Transforms.hessian(F).apply(AT).get(0));
    }

    @Test
    void shouldApplyTheChainRuleWhenInputsAreNotLeaves() {
      // g(t) = ∇f(t², t) · (1, 1) = (t + cos t²) + t², so g'(t) = 1 - 2t sin t² + 2t
      Function<Vector<Expr>, Expr> g =
          v -> {
            Expr t = v.get(0);
            Vector<Expr> grad = Transforms.gradExpr(F).apply(Vector.of(t.mul(t), t));
            return grad.get(0).add(grad.get(1));
          };
      double t = 1.5;
      assertThat(Transforms.grad(g).apply(Vector.of(t)).get(0))
          .isCloseTo(1 - 2 * t * Math.sin(t * t) + 2 * t, within(1e-12));
    }

    @Test
    void shouldKeepUnchangedNodesWhenInputsAreNotLeaves() {
      Expr c = Expr.of(2.0, "c");
      Vector<Expr> grad =
          Transforms.gradExpr(v -> v.get(0).mul(c).add(c.exp())).apply(Vector.of(c.mul(3)));
      assertThat(grad.get(0)).isSameAs(c);
    }
  }

  @Nested
  class AsFunction {
    @Test
    void shouldRebuildTheExpressionWhenGivenOtherInputs() {
      Expr.Leaf x = Expr.of(1.0, "x");
      Function<Vector<Expr>, Expr> square = Transforms.asFunction(x.mul(x), Vector.of(x));
      assertThat(Transforms.grad(square).apply(Vector.of(3.0))).containsExactly(6.0);
    }

    @Test
    void shouldRejectInputsWhenCountDiffers() {
      Expr.Leaf x = Expr.of(1.0, "x");
      Function<Vector<Expr>, Expr> square = Transforms.asFunction(x.mul(x), Vector.of(x));
      assertThatThrownBy(() -> square.apply(Vector.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 1 inputs, got 0");
    }
  }

  @Nested
  class Inputs {
    @Test
    void shouldNameTheInputWhenValueIsNaN() {
      assertThatThrownBy(() -> Transforms.grad(F).apply(Vector.of(1.0, Double.NaN)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x[1] must be a finite number, got NaN");
    }

    @Test
    void shouldNameTheInputWhenValueIsNull() {
      Vector<Double> x = Vector.of(null, 1.0);
      assertThatThrownBy(() -> Transforms.hessian(F).apply(x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x[0] must be a finite number, got null");
    }

    @Test
    void shouldSaySoWhenFunctionReturnsNull() {
      assertThatThrownBy(() -> Transforms.valueAndGrad(v -> null).apply(AT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("f returned null for 2 inputs");
    }

    @Test
    void shouldSaySoWhenJacobianOutputIsNull() {
      assertThatThrownBy(() -> Transforms.jacobian(v -> Vector.of(v.get(0), null)).apply(AT))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("g returned null at 1");
    }
  }
}
