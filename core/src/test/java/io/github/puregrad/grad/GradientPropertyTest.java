package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.check.GradCheck;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Property: on random expressions, backward agrees with central finite differences. */
class GradientPropertyTest {
  private static final ExprGenerator GENERATOR = ExprGenerator.defaults();

  static LongStream seeds() {
    return LongStream.range(0, 1_000);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldAgreeWithFiniteDifferencesOnRandomExpressions(long seed) {
    ExprGenerator.Sample sample = GENERATOR.sample(seed);
    GradCheck.Report report = GradCheck.of(sample.output());
    assertThat(report.passed()).as("%s%n%s", sample, report.describe()).isTrue();
  }
}
