package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConvTest {

  /** A 1x3x3 image 1..9 and one 2x2 filter of ones: each output sums a 2x2 window. */
  private static final Vector<Double> IMAGE =
      Vector.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);

  private static Conv2d ones(int stride, int padding) {
    return Conv2d.of(1, 3, 3, 1, 2, stride, padding, new SplittableRandom(1))
        .withValues(Vector.of(1.0, 1.0, 1.0, 1.0, 0.5));
  }

  @Nested
  class Forward {
    @Test
    void shouldCorrelateEachWindowAndAddTheBias() {
      Vector<Expr> out = ones(1, 0).forward(IMAGE.map(Expr::of));
      // windows (1 2 4 5), (2 3 5 6), (4 5 7 8), (5 6 8 9), each + 0.5
      assertThat(out.map(Expr::value)).containsExactly(12.5, 16.5, 24.5, 28.5);
    }

    @Test
    void shouldLeaveThePaddingOutOfTheSums() {
      Conv2d conv = ones(2, 1); // 5x5 padded, stride 2: rows and columns -1, 1
      Vector<Expr> out = conv.forward(IMAGE.map(Expr::of));
      assertThat(conv.outHeight()).isEqualTo(2);
      assertThat(out.map(Expr::value)).containsExactly(1.5, 5.5, 11.5, 28.5);
    }

    @Test
    void shouldFlattenChannelByChannelRowByRow() {
      Conv2d conv =
          Conv2d.of(1, 2, 2, 2, 1, 1, 0, new SplittableRandom(1))
              .withValues(Vector.of(1.0, -1.0, 0.0, 0.0)); // filter 0 = 1, filter 1 = -1
      Vector<Expr> out = conv.forward(Vector.of(1.0, 2.0, 3.0, 4.0).map(Expr::of));
      assertThat(out.map(Expr::value)).containsExactly(1.0, 2.0, 3.0, 4.0, -1.0, -2.0, -3.0, -4.0);
    }

    @Test
    void shouldRejectTheWrongNumberOfInputs() {
      assertThatThrownBy(() -> ones(1, 0).forward(Vector.of(Expr.of(1.0))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 9 inputs, got 1");
    }
  }

  @Nested
  class Gradient {
    @Test
    void shouldSumEachWeightsGradientOverEveryPosition() {
      Conv2d conv = ones(1, 0);
      Vector<Expr> out = conv.forward(IMAGE.map(Expr::of));
      Expr sum = out.reduceLeft(Expr::add);
      Gradients grads = Autodiff.backward(sum);
      // w[i][j] meets the inputs of its place in the four windows: 1+2+4+5, 2+3+5+6, ...
      assertThat(conv.weight().map(grads::get)).containsExactly(12.0, 16.0, 24.0, 28.0);
      assertThat(grads.get(conv.bias().head())).isEqualTo(4.0);
    }
  }

  @Nested
  class Parameters {
    @Test
    void shouldListWeightsOutInRowColumnThenBiasesAsPyTorch() {
      Conv2d conv = Conv2d.of(2, 4, 4, 3, 2, 1, 0, new SplittableRandom(1));
      assertThat(conv.parameters()).hasSize(3 * 2 * 2 * 2 + 3);
      assertThat(conv.parameters().take(24)).isEqualTo(conv.weight());
      assertThat(conv.parameters().drop(24)).isEqualTo(conv.bias());
    }

    @Test
    void shouldDrawWithinPyTorchsBound() {
      Conv2d conv = Conv2d.of(2, 4, 4, 3, 2, 1, 0, new SplittableRandom(1));
      double bound = 1 / Math.sqrt(8);
      assertThat(conv.parameters().map(Expr.Leaf::value))
          .allSatisfy(v -> assertThat(Math.abs(v)).isLessThan(bound));
    }

    @Test
    void shouldKeepIdsWithNewValues() {
      Conv2d conv = ones(1, 0);
      Conv2d moved = conv.withValues(Vector.of(0.1, 0.2, 0.3, 0.4, 0.5));
      assertThat(moved.parameters().map(Expr.Leaf::id))
          .isEqualTo(conv.parameters().map(Expr.Leaf::id));
      assertThat(moved.weight().get(3).value()).isCloseTo(0.4, within(0.0));
    }

    @Test
    void shouldRejectAKernelLargerThanThePaddedImage() {
      assertThatThrownBy(() -> Conv2d.of(1, 2, 2, 1, 3, 1, 0, new SplittableRandom(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a kernel of at most the padded image, 2x2, got 3");
    }

    @Test
    void shouldRejectTheWrongNumberOfValues() {
      assertThatThrownBy(() -> ones(1, 0).withValues(Vector.of(1.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("expected 5 parameter values");
    }
  }

  @Nested
  class Dense_ {
    @Test
    void shouldComputeAnAffineMapWithWeightsRowByRow() {
      Dense dense =
          Dense.of(2, 2, new SplittableRandom(1))
              .withValues(Vector.of(1.0, 2.0, 3.0, 4.0, 0.5, -0.5));
      Vector<Expr> out = dense.forward(1.0, 10.0);
      assertThat(out.map(Expr::value)).containsExactly(21.5, 42.5);
      assertThat(dense.toString()).isEqualTo("Dense(2, 2)");
    }
  }
}
