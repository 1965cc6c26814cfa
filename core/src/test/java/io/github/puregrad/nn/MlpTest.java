package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MlpTest {

  private static Mlp lectureModel(long seed) {
    return Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(seed));
  }

  @Nested
  class Shape {
    @Test
    void shouldHave41ParametersWhen3To4To4To1() {
      assertThat(lectureModel(1).parameters()).hasSize(41); // 4*(3+1) + 4*(4+1) + 1*(4+1)
    }

    @Test
    void shouldHave337ParametersWhen2To16To16To1() {
      Mlp moons =
          Mlp.of(
              2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(1));
      assertThat(moons.parameters()).hasSize(337); // 16*3 + 16*17 + 17
    }

    @Test
    void shouldDescribeItselfLikeMicrograd() {
      assertThat(lectureModel(1)).hasToString("MLP(3, [4, 4, 1])");
    }

    @Test
    void shouldRejectLayersThatDoNotConnect() {
      SplittableRandom random = new SplittableRandom(1);
      Vector<Layer> layers =
          Vector.of(
              Layer.of(3, 4, Activation.TANH, random), Layer.of(5, 1, Activation.TANH, random));
      assertThatThrownBy(() -> new Mlp(layers))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("layer 1: expected 4 inputs, got 5");
    }
  }

  @Nested
  class Initialisation {
    @Test
    void shouldBuildTheSameParametersWhenTheSeedIsTheSame() {
      assertThat(lectureModel(42).parameters().map(Expr::value))
          .isEqualTo(lectureModel(42).parameters().map(Expr::value));
    }

    @Test
    void shouldBuildDifferentParametersWhenTheSeedDiffers() {
      assertThat(lectureModel(42).parameters().map(Expr::value))
          .isNotEqualTo(lectureModel(43).parameters().map(Expr::value));
    }

    @Test
    void shouldDrawWeightsInMinusOneToOneAndStartBiasesAtZero() {
      Mlp model =
          Mlp.of(
              2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(7));
      Vector<Neuron> neurons = model.layers().flatMap(Layer::neurons);
      assertThat(neurons.flatMap(Neuron::weights).map(Expr::value))
          .allSatisfy(w -> assertThat(w).isBetween(-1.0, 1.0));
      assertThat(neurons.map(n -> n.bias().value())).containsOnly(0.0);
    }

    @Test
    void shouldUseTanhEverywhereByDefault() {
      assertThat(lectureModel(1).layers().flatMap(Layer::neurons).map(Neuron::activation))
          .containsOnly(Activation.TANH);
    }

    @Test
    void shouldUseTheOutputActivationOnlyInTheLastLayer() {
      Mlp model =
          Mlp.of(2, List.of(3, 3, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(1));
      assertThat(model.layers().map(l -> l.neurons().head().activation()))
          .containsExactly(Activation.RELU, Activation.RELU, Activation.LINEAR);
    }
  }

  @Nested
  class Forward {
    @Test
    void shouldComputeEachNeuronAsActivationOfBiasPlusWeightedInputs() {
      Mlp model = lectureModel(3);
      Vector<Double> hidden = Vector.of(0.5, -1.0, 2.0);
      Neuron first = model.layers().head().neurons().head();
      double expected =
          Math.tanh(
              first.bias().value()
                  + first.weights().get(0).value() * 0.5
                  - first.weights().get(1).value()
                  + first.weights().get(2).value() * 2.0);
      Vector<Expr> out = model.layers().head().forward(hidden.map(Expr::of));
      assertThat(out.head().value()).isCloseTo(expected, within(1e-15));
    }

    @Test
    void shouldGiveTheSameOutputForDoublesAndExprs() {
      Mlp model = lectureModel(3);
      assertThat(model.apply(2.0, 3.0, -1.0).value())
          .isEqualTo(model.apply(Vector.of(Expr.of(2.0), Expr.of(3.0), Expr.of(-1.0))).value());
    }

    @Test
    void shouldRejectTheWrongNumberOfInputs() {
      assertThatThrownBy(() -> lectureModel(1).apply(1.0, 2.0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 3 inputs, got 2");
    }

    @Test
    void shouldRefuseApplyWhenThereAreSeveralOutputs() {
      Mlp model = Mlp.of(2, List.of(2), new SplittableRandom(1));
      assertThatThrownBy(() -> model.apply(1.0, 2.0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldReturnEveryOutputFromForward() {
      Mlp model = Mlp.of(2, List.of(3), new SplittableRandom(1));
      assertThat(model.forward(1.0, 2.0)).hasSize(3);
    }
  }

  @Nested
  class Persistence {
    @Test
    void shouldLeaveTheOldModelUnchangedWhenValuesAreReplaced() {
      Mlp model = lectureModel(5);
      Vector<Double> before = model.parameters().map(Expr::value);
      model.withValues(before.map(v -> v + 1.0));
      assertThat(model.parameters().map(Expr::value)).isEqualTo(before);
    }

    @Test
    void shouldKeepParameterIdsWhenValuesAreReplaced() {
      Mlp model = lectureModel(5);
      Mlp next = model.withValues(Vector.fill(41, 0.25));
      assertThat(next.parameters().map(Expr::id)).isEqualTo(model.parameters().map(Expr::id));
      assertThat(next.parameters().map(Expr::value)).containsOnly(0.25);
    }

    @Test
    void shouldReadGradientsThroughTheUpdatedParameters() {
      Mlp model = lectureModel(5);
      Gradients grads = Autodiff.backward(model.apply(1.0, 2.0, 3.0));
      Mlp next = model.withValues(model.parameters().map(p -> p.value() + 0.5));
      assertThat(next.parameters().map(grads::get)).isEqualTo(model.parameters().map(grads::get));
    }

    @Test
    void shouldSetValuesInMicrogradOrder() {
      Mlp model =
          Mlp.of(2, List.of(1), new SplittableRandom(1)).withValues(Vector.of(5.0, 7.0, -3.0));
      Neuron neuron = model.layers().head().neurons().head();
      assertThat(neuron.weights().map(Expr::value)).containsExactly(5.0, 7.0);
      assertThat(neuron.bias().value()).isEqualTo(-3.0);
    }

    @Test
    void shouldRejectTheWrongNumberOfValues() {
      assertThatThrownBy(() -> lectureModel(1).withValues(Vector.fill(40, 0.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 41 parameter values for MLP(3, [4, 4, 1]), got 40");
    }
  }

  @Nested
  class Gradient {
    /** Central differences on every parameter of a small tanh MLP under a squared loss. */
    @Test
    void shouldMatchFiniteDifferencesOnEveryParameter() {
      Mlp model = Mlp.of(3, List.of(3, 2, 1), new SplittableRandom(11));
      Gradients grads = Autodiff.backward(loss(model));
      Vector<Double> values = model.parameters().map(Expr::value);
      double h = 1e-6;
      for (int i = 0; i < values.size(); i++) {
        double up = loss(model.withValues(values.update(i, values.get(i) + h))).value();
        double down = loss(model.withValues(values.update(i, values.get(i) - h))).value();
        assertThat(grads.get(model.parameters().get(i)))
            .as("parameter %d", i)
            .isCloseTo((up - down) / (2 * h), within(1e-7));
      }
    }

    private Expr loss(Mlp model) {
      return Loss.sumOfSquares(
          Vector.of(model.apply(2.0, 3.0, -1.0), model.apply(0.5, 1.0, 1.0)), Vector.of(1.0, -1.0));
    }
  }
}
