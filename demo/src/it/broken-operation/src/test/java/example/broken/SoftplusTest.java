package example.broken;

import static io.github.puregrad.test.GradientsAssert.assertThatGradientsOf;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.UnaryOp;
import io.github.puregrad.test.ExprSource;
import org.junit.jupiter.params.ParameterizedTest;

/** A user's operation with a deliberate bug, softplus with its derivative doubled: it must fail. */
class SoftplusTest {
  private static final UnaryOp SOFTPLUS =
      UnaryOp.of("softplus", x -> Math.log1p(Math.exp(x)), (x, y) -> 2 / (1 + Math.exp(-x)));

  @ParameterizedTest
  @ExprSource(count = 3, seed = 41, operations = 8)
  void shouldMatchFiniteDifferences(ExprGenerator.Sample sample) {
    assertThatGradientsOf(sample.output().apply(SOFTPLUS)).matchFiniteDifferences();
  }
}
