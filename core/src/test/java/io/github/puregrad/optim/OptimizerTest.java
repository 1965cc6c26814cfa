package io.github.puregrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Layer;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.nn.Neuron;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against steps worked out by hand on f(w) = w², whose gradient is 2w. The model is
 * one linear neuron; only its first weight enters the loss.
 */
class OptimizerTest {

  /** A model with w = {@code w}, and a bias that the loss ignores. */
  private static Mlp model(double w) {
    return new Mlp(
        Vector.of(new Layer(Vector.of(Neuron.of(new double[] {w}, 0.0, Activation.LINEAR)))));
  }

  private static double w(Mlp model) {
    return model.parameters().head().value();
  }

  private static Gradients squareGradient(Mlp model) {
    Expr w = model.parameters().head();
    return Autodiff.backward(w.mul(w));
  }

  private static <S> Mlp run(Optimizer<S> optimizer, Mlp model, int steps) {
    S state = optimizer.init(model);
    for (int i = 0; i < steps; i++) {
      Optimizer.Update<Mlp, S> update = optimizer.update(model, squareGradient(model), state);
      model = update.model();
      state = update.state();
    }
    return model;
  }

  @Nested
  class PlainSgd {
    @Test
    void shouldStepAgainstTheGradient() {
      // w = 1 - 0.1 * 2 = 0.8
      Mlp model = model(1.0);
      assertThat(w(Sgd.step(model, squareGradient(model), 0.1))).isCloseTo(0.8, within(1e-15));
    }

    @Test
    void shouldFollowTheScheduleStepByStep() {
      // lr 0.1 then 0.05: w = 1 - 0.1*2 = 0.8, then 0.8 - 0.05*1.6 = 0.72
      Schedule halves = step -> step == 0 ? 0.1 : 0.05;
      assertThat(w(run(Sgd.of(halves), model(1.0), 2))).isCloseTo(0.72, within(1e-15));
    }

    @Test
    void shouldStepTheSameWithAGradientPerParameterAsWithGradients() {
      Mlp model = model(1.0);
      Sgd sgd = Sgd.of(Schedule.constant(0.1));
      Vector<Double> perParameter = model.parameters().map(squareGradient(model)::get);
      assertThat(w(sgd.update(model, perParameter, sgd.init(model)).model()))
          .isEqualTo(w(sgd.update(model, squareGradient(model), sgd.init(model)).model()));
    }

    @Test
    void shouldRejectAGradientCountThatDiffersFromTheParameters() {
      Mlp model = model(1.0);
      Sgd sgd = Sgd.of(Schedule.constant(0.1));
      assertThatThrownBy(() -> sgd.update(model, Vector.of(2.0), sgd.init(model)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 gradients, one per parameter, got 1");
    }

    @Test
    void shouldLeaveTheOldModelUnchanged() {
      Mlp before = model(1.0);
      Sgd.step(before, squareGradient(before), 0.1);
      assertThat(w(before)).isEqualTo(1.0);
    }
  }

  @Nested
  class Momentum {
    @Test
    void shouldAccumulateVelocity() {
      // v1 = 2, w1 = 1 - 0.1*2 = 0.8; v2 = 0.9*2 + 1.6 = 3.4, w2 = 0.8 - 0.1*3.4 = 0.46
      Sgd sgd = Sgd.of(Schedule.constant(0.1)).withMomentum(0.9);
      assertThat(w(run(sgd, model(1.0), 1))).isCloseTo(0.8, within(1e-15));
      assertThat(w(run(sgd, model(1.0), 2))).isCloseTo(0.46, within(1e-15));
    }

    @Test
    void shouldKeepTheOldStateUnchanged() {
      Sgd sgd = Sgd.of(Schedule.constant(0.1)).withMomentum(0.9);
      Mlp model = model(1.0);
      Sgd.Velocity state = sgd.init(model);
      sgd.update(model, squareGradient(model), state);
      assertThat(state.velocity()).containsOnly(0.0);
      assertThat(state.step()).isZero();
    }

    @Test
    void shouldRejectAStateForAnotherModel() {
      Sgd sgd = Sgd.of(Schedule.constant(0.1)).withMomentum(0.9);
      Sgd.Velocity state = new Sgd.Velocity(0, Vector.of(0.0));
      Mlp model = model(1.0);
      assertThatThrownBy(() -> sgd.update(model, squareGradient(model), state))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected optimizer state for 2 parameters, got 1");
    }
  }

  @Nested
  class AdamSteps {
    private final Adam adam = Adam.builder().learningRate(Schedule.constant(0.1)).build();

    @Test
    void shouldTakeTheFirstStepOfAboutTheLearningRate() {
      // g = 2; m = 0.2, v = 0.004; m̂ = 2, v̂ = 4; w = 1 - 0.1 * 2 / (2 + 1e-8)
      assertThat(w(run(adam, model(1.0), 1))).isCloseTo(1 - 0.2 / (2 + 1e-8), within(1e-15));
    }

    @Test
    void shouldTakeTheSecondStepFromBiasCorrectedMoments() {
      // g = 1.8; m = 0.9*0.2 + 0.1*1.8 = 0.36, v = 0.999*0.004 + 0.001*3.24 = 0.007236
      // m̂ = 0.36/0.19, v̂ = 0.007236/0.001999; w = w1 - 0.1 m̂ / (√v̂ + 1e-8) ≈ 0.80041223
      double w1 = 1 - 0.2 / (2 + 1e-8);
      double expected = w1 - 0.1 * (0.36 / 0.19) / (Math.sqrt(0.007236 / 0.001999) + 1e-8);
      assertThat(w(run(adam, model(1.0), 2))).isCloseTo(expected, within(1e-9));
      assertThat(expected).isCloseTo(0.80041223, within(1e-8));
    }

    @Test
    void shouldDecayWeightsDecoupledWhenAdamW() {
      Adam adamW = Adam.builder().learningRate(Schedule.constant(0.1)).weightDecay(0.01).build();
      // the Adam step as above, minus lr * λ * w = 0.1 * 0.01 * 1
      assertThat(w(run(adamW, model(1.0), 1)))
          .isCloseTo(1 - 0.2 / (2 + 1e-8) - 0.001, within(1e-15));
    }

    @Test
    void shouldRejectAGradientCountThatDiffersFromTheParameters() {
      Mlp model = model(1.0);
      assertThatThrownBy(() -> adam.update(model, Vector.of(2.0, 0.0, 1.0), adam.init(model)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 gradients, one per parameter, got 3");
    }

    @Test
    void shouldUseTheUsualDefaults() {
      assertThat(adam.beta1()).isEqualTo(0.9);
      assertThat(adam.beta2()).isEqualTo(0.999);
      assertThat(adam.epsilon()).isEqualTo(1e-8);
      assertThat(adam.weightDecay()).isEqualTo(0.0);
    }

    @Test
    void shouldRejectABetaOfOne() {
      assertThatThrownBy(
              () -> Adam.builder().learningRate(Schedule.constant(0.1)).beta1(1.0).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected beta1 in [0, 1), got 1.0");
    }
  }

  @Nested
  class Schedules {
    @Test
    void shouldGiveTheSameRateEveryStepWhenConstant() {
      assertThat(Schedule.constant(0.3).at(0)).isEqualTo(Schedule.constant(0.3).at(1000));
    }

    @Test
    void shouldEqualMicrogradsRatesBitForBitWhenLinear() {
      Schedule linear = Schedule.linear(1.0, 0.1, 100);
      for (int k = 0; k < 100; k++) {
        assertThat(linear.at(k)).as("step %d", k).isEqualTo(1.0 - 0.9 * k / 100);
      }
    }

    @Test
    void shouldHoldTheEndRateAfterTheLastStep() {
      assertThat(Schedule.linear(1.0, 0.1, 100).at(250)).isEqualTo(0.1);
    }

    @Test
    void shouldBeHalfwayAtTheMidpointWhenCosine() {
      assertThat(Schedule.cosine(0.1, 0.0, 1000).at(500)).isCloseTo(0.05, within(1e-15));
    }

    @Test
    void shouldStartAtTheStartRateWhenCosine() {
      assertThat(Schedule.cosine(0.1, 0.0, 1000).at(0)).isEqualTo(0.1);
    }
  }
}
