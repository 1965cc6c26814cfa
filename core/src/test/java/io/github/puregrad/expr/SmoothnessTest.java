package io.github.puregrad.expr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Where each row says its operation is smooth: the gradient check and the generated programs skip
 * points where it is not, so a wrong domain hides a wrong derivative or reports a false failure.
 */
class SmoothnessTest {
  @Nested
  class LogAndSqrt {
    @Test
    void shouldBeSmoothForLogOnlyAboveZero() {
      assertThat(UnaryOp.LOG.smooth().test(1e-300)).isTrue();
      assertThat(UnaryOp.LOG.smooth().test(0.0)).isFalse();
      assertThat(UnaryOp.LOG.smooth().test(-1.0)).isFalse();
    }

    @Test
    void shouldBeSmoothForSqrtOnlyAboveZero() {
      assertThat(UnaryOp.SQRT.smooth().test(4.0)).isTrue();
      assertThat(UnaryOp.SQRT.smooth().test(0.0)).isFalse();
      assertThat(UnaryOp.SQRT.smooth().test(-4.0)).isFalse();
    }
  }

  @Nested
  class Powers {
    @Test
    void shouldBeSmoothEverywhereForAWholeExponentFromZeroUp() {
      for (double n : new double[] {0, 1, 2, 3}) {
        assertThat(UnaryOp.pow(n).smooth().test(0.0)).as("x^%s at 0", n).isTrue();
        assertThat(UnaryOp.pow(n).smooth().test(-2.0)).as("x^%s at -2", n).isTrue();
      }
    }

    @Test
    void shouldBeSmoothAwayFromZeroForANegativeWholeExponent() {
      assertThat(UnaryOp.pow(-1).smooth().test(0.0)).isFalse();
      assertThat(UnaryOp.pow(-1).smooth().test(-2.0)).isTrue();
    }

    @Test
    void shouldBeSmoothOnlyAboveZeroForAFractionalExponent() {
      assertThat(UnaryOp.pow(0.5).smooth().test(1.0)).isTrue();
      assertThat(UnaryOp.pow(0.5).smooth().test(0.0)).isFalse();
      assertThat(UnaryOp.pow(0.5).smooth().test(-1.0)).isFalse();
    }
  }
}
