package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.vavr.collection.Vector;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The traced form against the eager transforms: the same bits, and what tracing detects. */
class CompiledTest {
  /** {@return 300 generated programs from seed 14 on} */
  static Stream<ExprGenerator.Sample> samples() {
    ExprGenerator generator = ExprGenerator.defaults();
    return LongStream.range(14, 314).mapToObj(generator::sample);
  }

  private static final Function<Vector<Expr>, Expr> F = CompiledTest::f;

  /** f(x, y) = x y + sin x */
  private static Expr f(Vector<Expr> v) {
    return v.get(0).mul(v.get(1)).add(v.get(0).sin());
  }

  @Nested
  class Bits {
    @ParameterizedTest
    @MethodSource("io.github.puregrad.grad.CompiledTest#samples")
    void shouldEqualGradBitForBitWhenEvaluatedAtTheTracedPoint(ExprGenerator.Sample sample) {
      Compiled compiled = Compiled.trace(sample.function(), sample.point());
      assertThat(compiled.valueAndGrad().apply(sample.point()))
          .isEqualTo(Transforms.valueAndGrad(sample.function()).apply(sample.point()));
    }

    @ParameterizedTest
    @MethodSource("io.github.puregrad.grad.CompiledTest#samples")
    void shouldEqualGradBitForBitWhenEvaluatedAtAnotherPoint(ExprGenerator.Sample sample) {
      Compiled compiled = Compiled.trace(sample.function(), sample.point());
      Vector<Double> moved = sample.point().map(x -> 0.75 * x + 0.125); // Double.equals: bits
      assertThat(compiled.valueAndGrad().apply(moved))
          .isEqualTo(Transforms.valueAndGrad(sample.function()).apply(moved));
    }
  }

  @Nested
  class Tracing {
    @Test
    void shouldGiveGradientAtNewValuesWhenTracedOnce() {
      Compiled compiled = Compiled.trace(F, Vector.of(1.0, 2.0));
      assertThat(compiled.grad().apply(Vector.of(0.5, -1.0)))
          .containsExactly(-1 + Math.cos(0.5), 0.5);
    }

    @Test
    void shouldFreezeJavaBranchesWhenTheyReadValues() {
      Function<Vector<Expr>, Expr> branchy =
          v -> v.get(0).value() > 0 ? v.get(0).mul(2.0) : v.get(0).mul(-3.0);
      Compiled compiled = Compiled.trace(branchy, Vector.of(1.0));
      assertThat(compiled.grad().apply(Vector.of(-1.0))).containsExactly(2.0);
    }

    @Test
    void shouldKeepOneTapeWhenCalledAgain() {
      Compiled compiled = Compiled.trace(F, Vector.of(1.0, 2.0));
      assertThat(compiled.tape().size()).isEqualTo(5);
    }
  }

  @Nested
  class Detection {
    @Test
    void shouldRejectInputsWhenCountDiffersFromTraced() {
      Compiled compiled = Compiled.trace(F, Vector.of(1.0, 2.0));
      assertThatThrownBy(() -> compiled.grad().apply(Vector.of(1.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 inputs, as traced, got 1");
    }

    @Test
    void shouldRejectTracingWhenOutputDependsOnNoInput() {
      assertThatThrownBy(() -> Compiled.trace(v -> Expr.of(v.get(0).value()).sin(), Vector.of(1.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("f's output depends on none of its 1 inputs");
    }

    @Test
    void shouldRejectInputWhenValueIsInfinite() {
      Compiled compiled = Compiled.trace(F, Vector.of(1.0, 2.0));
      assertThatThrownBy(
              () -> compiled.valueAndGrad().apply(Vector.of(1.0, Double.POSITIVE_INFINITY)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x[1] must be a finite number, got Infinity");
    }
  }
}
