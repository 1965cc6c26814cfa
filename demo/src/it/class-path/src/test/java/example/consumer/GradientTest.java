package example.consumer;

import static io.github.puregrad.test.GradientsAssert.assertThatGradientsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.test.ExprSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** What a consumer's own tests do with the test kit: plain JUnit 5, generated programs, AssertJ. */
class GradientTest {
  @Test
  void shouldGiveTheGradientOfAProduct() {
    Expr.Leaf a = Expr.of(-4.0, "a");
    Expr.Leaf b = Expr.of(2.0, "b");
    assertThat(Autodiff.backward(a.mul(b)).get(a)).isEqualTo(2.0);
  }

  @ParameterizedTest
  @ExprSource(count = 20, seed = 7)
  void shouldMatchFiniteDifferencesOnGeneratedPrograms(ExprGenerator.Sample sample) {
    assertThatGradientsOf(sample.output()).matchFiniteDifferences();
  }
}
