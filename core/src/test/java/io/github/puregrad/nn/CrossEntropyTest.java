package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {

  @Nested
  class Stability {
    @Test
    void shouldStayExactForLogitsOfPlusAndMinusAThousand() {
      Vector<Expr.Leaf> logits = Vector.of(1000.0, -1000.0, 0.0).map(Expr::of);
      Expr wrong = Loss.crossEntropy(logits, 1);
      Expr right = Loss.crossEntropy(logits, 0);
      Gradients grads = Autodiff.backward(wrong);

      assertThat(wrong.value()).isEqualTo(2000.0); // log(1 + e^-2000 + e^-1000) + 2000
      assertThat(right.value()).isEqualTo(0.0);
      assertThat(logits.map(grads::get)).containsExactly(1.0, -1.0, 0.0);
    }

    @Test
    void shouldBeLogOfTheClassCountForEqualLogits() {
      Expr loss = Loss.crossEntropy(Vector.fill(10, () -> Expr.of(3.0)), 7);
      assertThat(loss.value()).isCloseTo(Math.log(10), within(1e-15));
    }
  }

  @Nested
  class SoftTargets {
    @Test
    void shouldEqualTheClassIndexFormToTheLastBitForAOneHotTarget() {
      Vector<Expr.Leaf> logits = Vector.of(0.3, -1.7, 2.2, 0.9).map(Expr::of);
      Vector<Expr> oneHot = Vector.of(0.0, 0.0, 1.0, 0.0).map(Expr::of);
      Expr hard = Loss.crossEntropy(logits, 2);
      Expr soft = Loss.crossEntropy(logits, oneHot);
      Gradients h = Autodiff.backward(hard);
      Gradients s = Autodiff.backward(soft);

      assertThat(soft.value()).isEqualTo(hard.value());
      assertThat(logits.map(s::get)).isEqualTo(logits.map(h::get));
    }

    @Test
    void shouldRejectOneProbabilityTooFew() {
      assertThatThrownBy(
              () -> Loss.crossEntropy(Vector.of(Expr.of(1.0), Expr.of(2.0)), Vector.of(Expr.of(1))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected one probability per logit, at least 1, got 1 for 2");
    }
  }

  @Nested
  class Targets {
    @Test
    void shouldRejectATargetOutsideTheClasses() {
      assertThatThrownBy(() -> Loss.crossEntropy(Vector.of(Expr.of(1.0)), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a target in [0, 1), got 1");
    }
  }
}
