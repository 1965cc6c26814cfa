package io.github.puregrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data-parallel gradients ({@link TrainConfig#threads()}): the same results to the last bit
 * whatever the number of threads, and the one-graph gradient to 1e-12 relative.
 */
class DataParallelTest {
  private static final Dataset MOONS = MicrogradMoons.data();
  private static final Mlp MODEL = MicrogradMoons.model();

  private static TrainConfig threads(int n) {
    return TrainConfig.builder().threads(n).build();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class ThreadCount {
    private Vector<Epoch<Mlp>> one = Vector.empty();
    private Vector<Epoch<Mlp>> two = Vector.empty();
    private Vector<Epoch<Mlp>> three = Vector.empty();

    @BeforeAll
    void train() {
      one = epochs(1);
      two = epochs(2);
      three = epochs(3);
    }

    private Vector<Epoch<Mlp>> epochs(int threads) {
      return MicrogradMoons.trainer(threads(threads))
          .epochs(MODEL, MOONS)
          .take(15)
          .map(Either::get)
          .toVector();
    }

    private Vector<Double> losses(Vector<Epoch<Mlp>> run) {
      return run.map(Epoch::loss);
    }

    private Vector<Double> finalParameters(Vector<Epoch<Mlp>> run) {
      return run.last().next().parameters().map(Expr::value);
    }

    @Test
    void shouldGiveTheSameLossCurveToTheLastBitWithOneTwoAndThreeThreads() {
      assertThat(losses(two)).isEqualTo(losses(one));
      assertThat(losses(three)).isEqualTo(losses(one));
    }

    @Test
    void shouldGiveTheSameModelToTheLastBitWithOneTwoAndThreeThreads() {
      assertThat(finalParameters(two)).isEqualTo(finalParameters(one));
      assertThat(finalParameters(three)).isEqualTo(finalParameters(one));
    }

    @Test
    void shouldGiveTheSameAccuraciesAsOneGraph() {
      Vector<Epoch<Mlp>> single =
          MicrogradMoons.trainer(TrainConfig.fullBatch())
              .epochs(MODEL, MOONS)
              .take(15)
              .map(Either::get)
              .toVector();
      assertThat(two.map(e -> e.metric("accuracy").get()))
          .isEqualTo(single.map(e -> e.metric("accuracy").get()));
    }
  }

  @Nested
  class AgainstOneGraph {
    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 3, 8, 100})
    void shouldMatchTheOneGraphGradientTo1e12Relative(int chunkSize) {
      TrainConfig config = TrainConfig.builder().threads(2).chunkSize(chunkSize).build();
      Vector<Double> parallel =
          Pass.of(Objective.hinge(1e-4), config, MODEL, MOONS, Vector.empty()).get().gradients();
      Gradients single = Autodiff.backward(Objective.hinge(1e-4).evaluate(MODEL, MOONS).loss());
      for (int i = 0; i < parallel.size(); i++) {
        double expected = single.get(MODEL.parameters().get(i));
        assertThat(parallel.get(i))
            .as("parameter %d", i)
            .isCloseTo(expected, within(1e-12 * Math.abs(expected)));
      }
    }

    @Test
    void shouldMatchTheOneGraphLossTo1e12Relative() {
      double parallel =
          Pass.of(Objective.hinge(1e-4), threads(2), MODEL, MOONS, Vector.empty()).get().loss();
      double single = Objective.hinge(1e-4).evaluate(MODEL, MOONS).loss().value();
      assertThat(parallel).isCloseTo(single, within(1e-12 * single));
    }

    @Test
    void shouldMatchTheOneGraphGradientOfTheLectureLoss() {
      Mlp lecture = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(1337));
      TrainConfig config = TrainConfig.builder().threads(2).chunkSize(1).build();
      Vector<Double> parallel =
          Pass.of(Objective.sumOfSquares(), config, lecture, Dataset.lecture(), Vector.empty())
              .get()
              .gradients();
      Gradients single =
          Autodiff.backward(Objective.sumOfSquares().evaluate(lecture, Dataset.lecture()).loss());
      for (int i = 0; i < parallel.size(); i++) {
        double expected = single.get(lecture.parameters().get(i));
        assertThat(parallel.get(i))
            .as("parameter %d", i)
            .isCloseTo(expected, within(1e-12 * Math.abs(expected)));
      }
    }

    @Test
    @Tag("slow") // end to end, 100 training steps, as MoonsReplayTest: PIT leaves it out
    void shouldStillFollowMicrogradsLossCurveForTheHundredSteps() throws Exception {
      Dataset micrograd = MoonsReplayTest.curve();
      Vector<Double> losses =
          MicrogradMoons.trainer(threads(2))
              .epochs(MODEL, MOONS)
              .take(100)
              .map(e -> e.get().loss())
              .toVector();
      for (int k = 0; k < 100; k++) {
        double expected = micrograd.inputs().get(k).get(1);
        assertThat(losses.get(k))
            .as("step %d", k)
            .isCloseTo(expected, within(1e-9 * Math.abs(expected)));
      }
    }
  }

  @Nested
  class Edges {
    @Test
    void shouldRejectAnObjectiveThatIsNotASumOverExamples() {
      Objective<Mlp> opaque = (m, batch) -> Evaluation.of(m.parameters().head());
      assertThatThrownBy(() -> new Trainer<>(opaque, Sgd.of(Schedule.constant(0.1)), threads(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "expected an Objective.Separable (a sum over examples) for data-parallel training");
    }

    @Test
    void shouldTrainWhenThereAreMoreThreadsThanChunks() {
      // the lecture's 4 examples make one chunk of 8
      Trainer<Mlp, Sgd.Velocity> trainer =
          new Trainer<>(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)), threads(3));
      Mlp lecture = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(1));
      Trainer<Mlp, Sgd.Velocity> oneGraph =
          Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)));
      double single = oneGraph.fit(lecture, Dataset.lecture(), 3).get().loss();
      assertThat(trainer.fit(lecture, Dataset.lecture(), 3).get().loss())
          .isCloseTo(single, within(1e-12 * single));
    }

    @Test
    void shouldPassOnAnExceptionThrownOnAnotherThread() {
      Mlp threeInputs = Mlp.of(3, List.of(1), new SplittableRandom(1));
      Trainer<Mlp, Sgd.Velocity> trainer =
          new Trainer<>(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)), threads(2));
      assertThatThrownBy(() -> trainer.fit(threeInputs, MOONS, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 3 inputs, got 2");
    }

    @Test
    void shouldStopWithADivergenceWhenTheLossBecomesNaN() {
      // loss log(w) per chunk, one chunk; SGD at 0.5 from w = 1: w goes 1, 0.5, -0.5
      Objective.Separable<Mlp> logOfWeight =
          new Objective.Separable<>() {
            @Override
            public Evaluation sum(Mlp model, Dataset part) {
              return Evaluation.of(model.parameters().head().log());
            }

            @Override
            public Expr total(Mlp model, Expr sum, int size) {
              return sum;
            }
          };
      Mlp start =
          Mlp.of(1, List.of(1), Activation.LINEAR, Activation.LINEAR, new SplittableRandom(1))
              .withValues(Vector.of(1.0, 0.0));
      Trainer<Mlp, Sgd.Velocity> trainer =
          new Trainer<>(logOfWeight, Sgd.of(Schedule.constant(0.5)), threads(2));
      Divergence<Mlp> divergence = trainer.fit(start, Dataset.lecture(), 10).getLeft();
      assertThat(divergence.reason()).isEqualTo(new Divergence.Reason.NonFiniteLoss(Double.NaN));
      assertThat(divergence.epoch()).isEqualTo(2);
    }

    @Test
    void shouldRejectZeroThreads() {
      assertThatThrownBy(() -> threads(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected at least 1 thread, got 0");
    }

    @Test
    void shouldRejectAChunkSizeOfZero() {
      assertThatThrownBy(() -> TrainConfig.builder().threads(2).chunkSize(0).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a chunk size of at least 1, got 0");
    }

    @Test
    void shouldAverageMetricsOverTheWholeBatch() {
      Evaluation single = Objective.hinge(1e-4).evaluate(MODEL, MOONS);
      Pass pass = Pass.of(Objective.hinge(1e-4), threads(2), MODEL, MOONS, Vector.empty()).get();
      assertThat(pass.metrics()).isEqualTo(single.metrics());
    }
  }
}
