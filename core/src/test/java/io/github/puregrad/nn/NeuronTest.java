package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NeuronTest {

  /**
   * The seed's "Should I go to Wonderland today?": sunny 1, homework 0, friends going 1; weights 5,
   * 2, 4; bias -3; f(x) = 5 + 0 + 4 - 3 = 6 > 0, so yes.
   */
  @Nested
  class Wonderland {
    private final Neuron wonderland = Neuron.of(new double[] {5, 2, 4}, -3, Activation.LINEAR);

    @Test
    void shouldScoreSixWhenSunnyWithoutHomeworkAndFriendsGoing() {
      assertThat(wonderland.apply(1, 0, 1).value()).isEqualTo(6.0);
    }

    @Test
    void shouldSayGoWhenTheScoreIsPositive() {
      assertThat(wonderland.apply(1, 0, 1).value() > 0).isTrue();
    }

    @Test
    void shouldSayStayWhenRainyWithHomeworkAndNoFriends() {
      assertThat(wonderland.apply(0, 1, 0).value()).isEqualTo(-1.0); // 2 - 3
    }

    @Test
    void shouldHaveTheInputsAsWeightGradients() {
      Expr score = wonderland.apply(1, 0, 1);
      assertThat(wonderland.weights().map(Autodiff.backward(score)::get))
          .containsExactly(1.0, 0.0, 1.0);
    }
  }

  @Nested
  class Shape {
    @Test
    void shouldListWeightsThenBias() {
      Neuron neuron = Neuron.of(new double[] {1, 2}, 3, Activation.TANH);
      assertThat(neuron.parameters().map(Expr::value)).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void shouldRejectTheWrongNumberOfInputs() {
      Neuron neuron = Neuron.of(new double[] {1, 2}, 3, Activation.TANH);
      assertThatThrownBy(() -> neuron.apply(Vector.of(Expr.of(1))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 inputs, got 1");
    }

    @Test
    void shouldApplyRelu() {
      Neuron neuron = Neuron.of(new double[] {1}, 0, Activation.RELU);
      assertThat(neuron.apply(-2).value()).isEqualTo(0.0);
    }
  }
}
