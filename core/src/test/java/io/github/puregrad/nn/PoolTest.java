package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PoolTest {

  @Nested
  class Forward {
    @Test
    void shouldTakeEachWindowsMaximumAndDropWhatDoesNotFill() {
      // 3x5: windows of 2 cover rows 0-1 and columns 0-3; row 2 and column 4 are dropped
      Vector<Double> x =
          Vector.of(
              1.0, 5.0, 2.0, 0.0, 99.0, 3.0, 4.0, 7.0, 6.0, 99.0, 99.0, 99.0, 99.0, 99.0, 99.0);
      Vector<Expr> out = MaxPool2d.of(1, 3, 5, 2).forward(x.map(Expr::of));
      assertThat(out.map(Expr::value)).containsExactly(5.0, 7.0);
    }

    @Test
    void shouldPassThroughWithAKernelOfOne() {
      Vector<Expr.Leaf> x = Vector.of(Expr.of(1.0), Expr.of(2.0));
      assertThat(MaxPool2d.of(2, 1, 1, 1).forward(x)).containsExactlyElementsOf(x);
    }

    @Test
    void shouldRejectAKernelLargerThanTheImage() {
      assertThatThrownBy(() -> MaxPool2d.of(1, 2, 3, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a kernel of at most 2x3, got 3");
    }
  }

  /** PyTorch 1.13's max_pool2d, checked there: [[1, 3], [3, 2]] gives [[0, 1], [0, 0]]. */
  @Nested
  class Gradient {
    @Test
    void shouldGiveTheWholeGradientToTheFirstOfEqualMaxima() {
      Vector<Expr.Leaf> x = Vector.of(1.0, 3.0, 3.0, 2.0).map(Expr::of);
      Gradients grads = Autodiff.backward(MaxPool2d.of(1, 2, 2, 2).forward(x).head());
      assertThat(x.map(grads::get)).containsExactly(0.0, 1.0, 0.0, 0.0);
    }

    @Test
    void shouldGiveTheGradientToTheLastNaNAsPyTorch() {
      // PyTorch: [[nan, 3], [nan, 2]] gives [[0, 0], [1, 0]]
      Expr nan = Expr.of(-1.0).sqrt();
      Vector<Expr> x = Vector.of(nan, Expr.of(3.0), nan.add(0.0), Expr.of(2.0));
      Expr out = MaxPool2d.of(1, 2, 2, 2).forward(x).head();
      Gradients grads = Autodiff.backward(out);
      assertThat(out.value()).isNaN();
      assertThat(grads.get(x.get(2))).isEqualTo(1.0);
      assertThat(grads.get(x.get(1))).isEqualTo(0.0);
    }
  }
}
