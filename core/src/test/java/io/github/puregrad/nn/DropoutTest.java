package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.data.Digits;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Checkpoint;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.TrainConfig;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DropoutTest {

  private static final Vector<Expr> ONES = Vector.fill(1000, () -> Expr.of(1.0));

  @Nested
  class Masks {
    @Test
    void shouldKeepAboutOneMinusTheRateScaledUp() {
      Vector<Double> out = Dropout.of(0.25, 7).forward(ONES).map(Expr::value);
      long kept = out.count(v -> v != 0.0);
      assertThat(out).allSatisfy(v -> assertThat(v).isIn(0.0, 1 / 0.75));
      assertThat(kept).isBetween(700L, 800L);
    }

    @Test
    void shouldDrawTheSameMaskFromTheSameKeyAndInputs() {
      assertThat(Dropout.of(0.5, 7).forward(ONES).map(Expr::value))
          .isEqualTo(Dropout.of(0.5, 7).forward(ONES).map(Expr::value));
    }

    @Test
    void shouldDrawANewMaskAfterEachStep() {
      Dropout first = Dropout.of(0.5, 7);
      Dropout next = first.withValues(Vector.empty());
      assertThat(next.key()).isNotEqualTo(first.key());
      assertThat(next.forward(ONES).map(Expr::value))
          .isNotEqualTo(first.forward(ONES).map(Expr::value));
    }

    @Test
    void shouldPassThroughInInference() {
      Sequential net = Sequential.of(Act.RELU, Dropout.of(0.5, 7)).inference();
      assertThat(net.forward(ONES).map(Expr::value)).containsOnly(1.0);
    }

    @Test
    void shouldSwitchOffDropoutInNestedSequentials() {
      Sequential net = Sequential.of(Sequential.of(Dropout.of(0.5, 7)), Act.RELU);
      assertThat(net.inference().forward(ONES).map(Expr::value)).containsOnly(1.0);
      assertThat(net.inference().inference()).isEqualTo(net.inference());
    }

    @Test
    void shouldRejectARateOfOne() {
      assertThatThrownBy(() -> Dropout.of(1.0, 7))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a rate in [0, 1), got 1.0");
    }
  }

  /** Training with dropout as a fold: the seed fixes the run, checkpoints included. */
  @Nested
  class Replay {
    private final Dataset data = Digits.train().slice(0, 32);
    private final Trainer<Sequential, Sgd.Velocity> trainer =
        Trainer.<Sequential, Sgd.Velocity>of(
                Objective.crossEntropy(), Sgd.of(Schedule.constant(0.1)).withMomentum(0.9))
            .withConfig(TrainConfig.builder().batchSize(16).seed(5).build());

    private Sequential net() {
      SplittableRandom random = new SplittableRandom(11);
      return Sequential.of(
          Dense.of(64, 12, random), Act.RELU, Dropout.of(0.5, 99), Dense.of(12, 10, random));
    }

    @Test
    void shouldReplayBitForBitFromTheSameSeed() {
      List<Double> first = new ArrayList<>();
      List<Double> second = new ArrayList<>();
      Sequential a = trainer.fit(net(), data, 2, e -> first.add(e.loss())).get().next();
      Sequential b = trainer.fit(net(), data, 2, e -> second.add(e.loss())).get().next();

      assertThat(second).isEqualTo(first);
      assertThat(b.parameters().map(Expr.Leaf::value))
          .isEqualTo(a.parameters().map(Expr.Leaf::value));
    }

    @Test
    void shouldReplayBitForBitWhenStoppedAndResumed() {
      Checkpoint<Sequential, Sgd.Velocity> straight =
          trainer.run(trainer.start(net()), data, 3, e -> {}).get();
      Checkpoint<Sequential, Sgd.Velocity> stopped =
          trainer.run(trainer.start(net()), data, 1, e -> {}).get();
      Checkpoint<Sequential, Sgd.Velocity> resumed = trainer.run(stopped, data, 3, e -> {}).get();

      assertThat(resumed.model().parameters().map(Expr.Leaf::value))
          .isEqualTo(straight.model().parameters().map(Expr.Leaf::value));
      assertThat(resumed.model().layers().get(2)).isEqualTo(straight.model().layers().get(2));
    }

    @Test
    void shouldTrainTheSameOnTheTracedObjective() {
      // with a Dropout in training the traced objective builds the graph of each example
      Trainer<Sequential, Sgd.Velocity> traced =
          Trainer.<Sequential, Sgd.Velocity>of(
                  Objective.crossEntropyTraced(), Sgd.of(Schedule.constant(0.1)).withMomentum(0.9))
              .withConfig(TrainConfig.builder().batchSize(16).seed(5).build());
      Sequential a = trainer.fit(net(), data, 2).get().next();
      Sequential b = traced.fit(net(), data, 2).get().next();

      assertThat(b.parameters().map(Expr.Leaf::value))
          .isEqualTo(a.parameters().map(Expr.Leaf::value));
    }
  }
}
