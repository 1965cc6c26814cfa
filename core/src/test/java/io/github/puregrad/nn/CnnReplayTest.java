package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.puregrad.data.Dataset;
import io.github.puregrad.data.Digits;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.TrainConfig;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The digits CNN against PyTorch: the same model, initial parameters, batches and SGD with momentum
 * as {@code bench/src/main/python/cnn_replay.py}, whose numbers are in {@code cnn-replay.json}.
 */
class CnnReplayTest {
  private static final double RELATIVE_PERCENT = 1e-7; // 1e-9 relative

  static Sequential cnn(SplittableRandom random) {
    return Sequential.of(
        Conv2d.of(1, 8, 8, 8, 3, 1, 0, random),
        Act.RELU,
        MaxPool2d.of(8, 6, 6, 2),
        Dense.of(72, 10, random));
  }

  @Nested
  class PyTorchReplay {
    @Test
    void shouldMatchPyTorchLossesOnEveryStepOnTheTape() throws IOException {
      replay(Objective.crossEntropyTraced(), read().get("steps").asInt(), true);
    }

    @Test
    void shouldMatchPyTorchLossesOnTheFirstStepsAsOneGraph() throws IOException {
      // the eager engine builds 230,000 nodes a step: three steps show it, the tape does all 20
      replay(Objective.crossEntropy(), 3, false);
    }

    private void replay(Objective<? super Sequential> objective, int steps, boolean last)
        throws IOException {
      JsonNode golden = read();
      Sequential model = cnn(new SplittableRandom(0)).withValues(numbers(golden.get("initial")));
      Trainer<Sequential, Sgd.Velocity> trainer =
          Trainer.of(objective, Sgd.of(Schedule.constant(0.1)).withMomentum(0.9));
      Sgd.Velocity state = trainer.start(model).state();
      Dataset train = Digits.train();
      List<Double> losses = new ArrayList<>();

      for (int k = 0; k < steps; k++) {
        Trainer.Step<Sequential, Sgd.Velocity> step =
            trainer.step(model, state, train.slice(32 * k, 32 * k + 32)).get();
        losses.add(step.loss());
        model = step.model();
        state = step.state();
      }

      Vector<Double> expected = numbers(golden.get("losses"));
      for (int k = 0; k < steps; k++) {
        assertThat(losses.get(k))
            .as("loss of step %d", k)
            .isCloseTo(expected.get(k), withinPercentage(RELATIVE_PERCENT));
      }
      if (last) {
        Vector<Double> end = numbers(golden.get("final"));
        Vector<Double> actual = model.parameters().map(p -> p.value());
        for (int i = 0; i < end.size(); i++) {
          // a parameter near 0 after 20 steps is a difference of larger ones: absolute, 1e-12
          assertThat(actual.get(i)).as("parameter %d", i).isCloseTo(end.get(i), within(end, i));
        }
      }
    }
  }

  @Nested
  class Training {
    @Test
    void shouldLowerTheLossWithMiniBatches() {
      Trainer<Sequential, Sgd.Velocity> trainer =
          Trainer.<Sequential, Sgd.Velocity>of(
                  Objective.crossEntropyTraced(), Sgd.of(Schedule.constant(0.1)).withMomentum(0.9))
              .withConfig(TrainConfig.builder().batchSize(16).seed(3).build());
      Dataset few = Digits.train().slice(0, 64);
      List<Double> losses = new ArrayList<>();

      trainer.fit(cnn(new SplittableRandom(5)), few, 4, epoch -> losses.add(epoch.loss()));

      assertThat(losses).hasSize(4);
      assertThat(losses.get(3)).isLessThan(losses.get(0) * 0.8);
    }
  }

  @Nested
  class TracedObjective {
    @Test
    void shouldTraceAgainForAnotherModel() {
      Objective<io.github.puregrad.nn.Model<?>> shared = Objective.crossEntropyTraced();
      Dataset batch = Digits.train().slice(0, 8);
      Sequential relu = cnn(new SplittableRandom(1));
      Sequential tanh =
          new Sequential(relu.layers().update(1, Act.TANH)); // the same parameters, tanh

      double first = shared.evaluate(relu, batch).loss().value();
      double second = shared.evaluate(tanh, batch).loss().value();

      assertThat(first)
          .isEqualTo(Objective.crossEntropyTraced().evaluate(relu, batch).loss().value());
      assertThat(second)
          .isEqualTo(Objective.crossEntropyTraced().evaluate(tanh, batch).loss().value())
          .isNotEqualTo(first);
    }

    @Test
    void shouldGiveTheEagerLossAndAccuracy() {
      Dataset batch = Digits.train().slice(0, 16);
      Sequential model = cnn(new SplittableRandom(2));
      var eager = Objective.crossEntropy().evaluate(model, batch);
      var traced = Objective.crossEntropyTraced().evaluate(model, batch);

      assertThat(traced.loss().value())
          .isCloseTo(eager.loss().value(), withinPercentage(RELATIVE_PERCENT));
      assertThat(traced.metrics()).isEqualTo(eager.metrics());
    }
  }

  private static org.assertj.core.data.Offset<Double> within(Vector<Double> values, int i) {
    return org.assertj.core.data.Offset.offset(Math.max(1e-12, Math.abs(values.get(i)) * 1e-9));
  }

  private static JsonNode read() throws IOException {
    try (InputStream in = CnnReplayTest.class.getResourceAsStream("/cnn-replay.json")) {
      if (in == null) {
        throw new IllegalStateException("cnn-replay.json is not on the test class path");
      }
      return new ObjectMapper().readTree(in);
    }
  }

  private static Vector<Double> numbers(JsonNode array) {
    List<Double> numbers = new ArrayList<>();
    array.forEach(n -> numbers.add(n.asDouble()));
    return Vector.ofAll(numbers);
  }
}
