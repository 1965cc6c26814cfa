package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LossTest {

  @Nested
  class Squares {
    @Test
    void shouldSumSquaredErrors() {
      Expr loss = Loss.sumOfSquares(Vector.of(Expr.of(0.5), Expr.of(-2.0)), Vector.of(1.0, -1.0));
      assertThat(loss.value()).isEqualTo(0.25 + 1.0);
    }

    @Test
    void shouldAverageSquaredErrors() {
      Expr loss =
          Loss.meanSquaredError(Vector.of(Expr.of(0.5), Expr.of(-2.0)), Vector.of(1.0, -1.0));
      assertThat(loss.value()).isCloseTo(0.625, within(1e-15));
    }

    @Test
    void shouldHaveGradientTwiceTheErrorPerPrediction() {
      Expr p = Expr.of(0.5);
      Expr loss = Loss.sumOfSquares(Vector.of(p), Vector.of(2.0));
      assertThat(Autodiff.backward(loss).get(p)).isEqualTo(-3.0); // 2 (0.5 - 2)
    }

    @Test
    void shouldRejectMismatchedTargets() {
      assertThatThrownBy(() -> Loss.sumOfSquares(Vector.of(Expr.of(1)), Vector.of(1.0, 2.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 1 targets, one per prediction, got 2");
    }

    @Test
    void shouldRejectNoPredictions() {
      assertThatThrownBy(() -> Loss.sumOfSquares(Vector.empty(), Vector.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected at least 1 prediction, got 0");
    }
  }

  @Nested
  class Hinge {
    @Test
    void shouldAverageTheMarginViolations() {
      // relu(1 - 1*0.3) = 0.7, relu(1 - (-1)*(-2)) = 0 ; mean 0.35
      Expr loss = Loss.hinge(Vector.of(Expr.of(0.3), Expr.of(-2.0)), Vector.of(1.0, -1.0));
      assertThat(loss.value()).isCloseTo(0.35, within(1e-15));
    }

    @Test
    void shouldSumTheMarginViolationsWithoutAveragingWhenHingeSum() {
      // relu(1 - 1*0.3) = 0.7, relu(1 - (-1)*(-2)) = 0, relu(1 - 1*(-1)) = 2 ; sum 2.7
      Expr sum =
          Loss.hingeSum(
              Vector.of(Expr.of(0.3), Expr.of(-2.0), Expr.of(-1.0)), Vector.of(1.0, -1.0, 1.0));
      assertThat(sum.value()).isCloseTo(2.7, within(1e-15));
    }

    @Test
    void shouldHaveNoGradientBeyondTheMargin() {
      Expr score = Expr.of(3.0);
      assertThat(Autodiff.backward(Loss.hinge(Vector.of(score), Vector.of(1.0))).get(score))
          .isEqualTo(0.0);
    }

    @Test
    void shouldPushScoresTowardTheLabelInsideTheMargin() {
      Expr score = Expr.of(0.5);
      assertThat(Autodiff.backward(Loss.hinge(Vector.of(score), Vector.of(-1.0))).get(score))
          .isEqualTo(1.0);
    }
  }

  @Nested
  class CrossEntropy {
    private double naive(double x, double t) {
      double p = 1 / (1 + Math.exp(-x));
      return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }

    @Test
    void shouldMatchTheTextbookFormulaForModerateLogits() {
      for (double x : new double[] {-3.0, -0.5, 0.0, 0.7, 4.0}) {
        for (double t : new double[] {0.0, 1.0, 0.25}) {
          Expr loss = Loss.binaryCrossEntropy(Vector.of(Expr.of(x)), Vector.of(t));
          assertThat(loss.value()).as("x=%s t=%s", x, t).isCloseTo(naive(x, t), within(1e-12));
        }
      }
    }

    @Test
    void shouldHaveGradientSigmoidMinusTarget() {
      for (double x : new double[] {-3.0, 0.0, 2.5}) {
        Expr logit = Expr.of(x);
        Expr loss = Loss.binaryCrossEntropy(Vector.of(logit), Vector.of(1.0));
        assertThat(Autodiff.backward(loss).get(logit))
            .as("x=%s", x)
            .isCloseTo(1 / (1 + Math.exp(-x)) - 1.0, within(1e-12));
      }
    }

    @Test
    void shouldStayFiniteWhenTheLogitIsPlusThousand() {
      Expr logit = Expr.of(1000.0);
      Expr loss = Loss.binaryCrossEntropy(Vector.of(logit), Vector.of(0.0));
      assertThat(loss.value()).isEqualTo(1000.0); // -log(1 - σ(1000)) = 1000 + log(1 + e^-1000)
      assertThat(Autodiff.backward(loss).get(logit)).isEqualTo(1.0);
    }

    @Test
    void shouldStayFiniteWhenTheLogitIsMinusThousand() {
      Expr logit = Expr.of(-1000.0);
      Expr loss = Loss.binaryCrossEntropy(Vector.of(logit), Vector.of(1.0));
      assertThat(loss.value()).isEqualTo(1000.0);
      assertThat(Autodiff.backward(loss).get(logit)).isEqualTo(-1.0);
    }

    @Test
    void shouldBeZeroWhenConfidentlyRight() {
      Expr loss = Loss.binaryCrossEntropy(Vector.of(Expr.of(1000.0)), Vector.of(1.0));
      assertThat(loss.value()).isEqualTo(0.0);
    }
  }

  @Nested
  class L2 {
    @Test
    void shouldScaleTheSumOfSquares() {
      Expr loss = Loss.l2(0.5, Vector.of(Expr.of(3.0), Expr.of(-4.0)));
      assertThat(loss.value()).isEqualTo(12.5);
    }

    @Test
    void shouldHaveGradientTwoAlphaP() {
      Expr p = Expr.of(3.0);
      assertThat(Autodiff.backward(Loss.l2(0.5, Vector.of(p))).get(p)).isEqualTo(3.0);
    }
  }
}
