package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.vavr.collection.HashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four engines agree on generated expressions that sit on IEEE edges: inputs 0, -0.0 and values
 * whose exp or product overflows, every operation, no guard steps. The tape is bit-identical to the
 * eager engine; forward mode and symbolic derivatives give the same NaNs and infinities and the
 * same finite numbers within 1e-9 relative, 1e-12 near 0 (they add and multiply in another order,
 * and terms that cancel leave different crumbs). A failure names the seed and prints the program.
 */
class CrossEngineTest {
  private static final ExprGenerator EDGES =
      ExprGenerator.builder().inputs(3).operations(10).edges(true).build();
  private static final String SAMPLES = "io.github.puregrad.grad.CrossEngineTest#samples";

  static LongStream seeds() {
    return LongStream.range(0, 500);
  }

  static java.util.stream.Stream<ExprGenerator.Sample> samples() {
    return seeds().mapToObj(EDGES::sample);
  }

  /** Same class of number (NaN, +Infinity, -Infinity, finite), finite ones within 1e-9. */
  private static void assertAgrees(double actual, double eager, String what) {
    // 1e-12 absolute near 0: x/x - 1 cancels to 0 in one order and to 1e-17 in another
    EnginesTest.assertMatches(actual, eager, 1e-9 * Math.max(Math.abs(eager), 1e-3), what);
  }

  @Nested
  class TapeAndEager {
    @ParameterizedTest(name = "seed {index}")
    @MethodSource(SAMPLES)
    void shouldGiveTheSameBits(ExprGenerator.Sample sample) {
      Gradients eager = Autodiff.backward(sample.output());
      Tape.Result taped =
          Tape.trace(sample.output(), sample.inputs())
              .evaluate(
                  sample.inputs().map(Expr::value).toJavaStream().mapToDouble(d -> d).toArray());
      assertThat(Double.doubleToLongBits(taped.value()))
          .as("value of %s", sample)
          .isEqualTo(Double.doubleToLongBits(sample.output().value()));
      sample
          .inputs()
          .forEach(
              x ->
                  assertThat(Double.doubleToLongBits(taped.get(x)))
                      .as("d/d%s of %s", x.label(), sample)
                      .isEqualTo(Double.doubleToLongBits(eager.get(x))));
    }
  }

  @Nested
  class ForwardAndReverse {
    @ParameterizedTest(name = "seed {index}")
    @MethodSource(SAMPLES)
    void shouldAgreeInput(ExprGenerator.Sample sample) {
      Gradients eager = Autodiff.backward(sample.output());
      sample
          .inputs()
          .forEach(
              x ->
                  assertAgrees(
                      Autodiff.jvp(sample.output(), HashMap.of(x, 1.0)),
                      eager.get(x),
                      "jvp along " + x.label() + " of " + sample));
    }
  }

  @Nested
  class SymbolicAndNumeric {
    @ParameterizedTest(name = "seed {index}")
    @MethodSource(SAMPLES)
    void shouldAgree(ExprGenerator.Sample sample) {
      Gradients eager = Autodiff.backward(sample.output());
      Derivatives symbolic = Symbolic.backward(sample.output());
      sample
          .inputs()
          .forEach(
              x ->
                  assertAgrees(
                      symbolic.get(x).value(),
                      eager.get(x),
                      "symbolic d/d" + x.label() + " of " + sample));
    }
  }
}
