package io.github.puregrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.data.Csv;
import io.github.puregrad.data.Dataset;
import io.github.puregrad.data.Moons;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * micrograd's {@code demo.ipynb}, replayed from its own data and initial weights, against the
 * losses and accuracies micrograd printed ({@code micrograd-moons-curve.csv}):
 *
 * <pre>
 * model = MLP(2, [16, 16, 1])  # relu hidden, linear output
 * losses = [(1 + -yi*scorei).relu() for yi, scorei in zip(yb, scores)]
 * data_loss = sum(losses) * (1.0 / len(losses))
 * reg_loss = alpha * sum((p*p for p in model.parameters()))    # alpha = 1e-4
 * learning_rate = 1.0 - 0.9*k/100                               # 100 steps
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow") // end to end, 100 training steps: PIT leaves it out
class MoonsReplayTest {
  private Vector<Epoch<Mlp>> epochs;
  private Vector<Vector<Double>> curve; // step, loss, accuracy

  @BeforeAll
  void replay() throws IOException {
    Dataset data = Moons.micrograd();
    Mlp model =
        Mlp.of(2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(0))
            .withValues(Moons.microgradInit());
    Trainer<Mlp, Sgd.Velocity> trainer =
        Trainer.of(Objective.hinge(1e-4), Sgd.of(Schedule.linear(1.0, 0.1, 100)));
    epochs = trainer.epochs(model, data).take(100).map(Either::get).toVector();
    Dataset micrograd = curve();
    curve = micrograd.inputs().zipWith(micrograd.targets(), Vector::append);
  }

  @Test
  void shouldMatchMicrogradsLossAtEveryOneOfTheHundredSteps() {
    assertThat(curve).hasSize(100);
    for (int k = 0; k < 100; k++) {
      double expected = curve.get(k).get(1);
      assertThat(epochs.get(k).loss())
          .as("step %d", k)
          .isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    }
  }

  @Test
  void shouldMatchMicrogradsAccuracyAtEveryStep() {
    for (int k = 0; k < 100; k++) {
      assertThat(epochs.get(k).metric("accuracy").get())
          .as("step %d", k)
          .isCloseTo(curve.get(k).get(2), within(1e-12));
    }
  }

  @Test
  void shouldStartAtMicrogradsFirstLossExactly() {
    assertThat(epochs.head().loss()).isEqualTo(0.8958441028683222);
  }

  @Test
  void shouldEndAtFullAccuracy() {
    assertThat(epochs.last().metric("accuracy").get()).isEqualTo(1.0);
  }

  /** {@return micrograd's printed curve: step and loss as inputs, accuracy as the target} */
  static Dataset curve() throws IOException {
    return Csv.dataset("curve", resource("micrograd-moons-curve.csv"));
  }

  static Vector<String> resource(String name) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(MoonsReplayTest.class.getResourceAsStream("/moons/" + name)),
                StandardCharsets.UTF_8))) {
      return Vector.ofAll(reader.lines());
    }
  }
}
