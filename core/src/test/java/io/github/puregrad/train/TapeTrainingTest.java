package io.github.puregrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.nn.Model;
import io.github.puregrad.optim.Adam;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Training with {@link TrainConfig#tape()}: the loss traced once and replayed gives the eager
 * engine's results to the last bit.
 */
class TapeTrainingTest {
  private static final TrainConfig TAPE = TrainConfig.builder().tape(true).build();

  private static Vector<Double> parameters(Mlp model) {
    return model.parameters().map(Expr::value);
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class MoonsReplay {
    private Vector<Epoch<Mlp>> eager = Vector.empty();
    private Vector<Epoch<Mlp>> taped = Vector.empty();

    @BeforeAll
    void train() {
      Dataset data = MicrogradMoons.data();
      Mlp model = MicrogradMoons.model();
      eager = epochs(MicrogradMoons.trainer(TrainConfig.fullBatch()), model, data, 100);
      taped = epochs(MicrogradMoons.trainer(TAPE), model, data, 100);
    }

    @Test
    void shouldGiveTheEagerLossesBitForBitAtEveryOneOfTheHundredSteps() {
      assertThat(taped.map(Epoch::loss)).hasSize(100).isEqualTo(eager.map(Epoch::loss));
    }

    @Test
    void shouldGiveTheEagerAccuraciesAtEveryStep() {
      assertThat(taped.map(e -> e.metric("accuracy").get()))
          .isEqualTo(eager.map(e -> e.metric("accuracy").get()));
    }

    @Test
    void shouldEndWithTheEagerModelBitForBit() {
      assertThat(parameters(taped.last().next())).isEqualTo(parameters(eager.last().next()));
    }
  }

  @Nested
  class SeedNet {
    private final Mlp model = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(1337));

    @Test
    void shouldGiveTheEagerLossesAndModelBitForBitWithSgd() {
      Sgd sgd = Sgd.of(Schedule.constant(0.1));
      Vector<Epoch<Mlp>> eager =
          epochs(Trainer.of(Objective.sumOfSquares(), sgd), model, Dataset.lecture(), 20);
      Vector<Epoch<Mlp>> taped =
          epochs(new Trainer<>(Objective.sumOfSquares(), sgd, TAPE), model, Dataset.lecture(), 20);
      assertThat(taped.map(Epoch::loss)).isEqualTo(eager.map(Epoch::loss));
      assertThat(parameters(taped.last().next())).isEqualTo(parameters(eager.last().next()));
    }

    @Test
    void shouldGiveTheEagerModelBitForBitWithAdam() {
      Adam adam = Adam.builder().learningRate(Schedule.constant(0.05)).build();
      Vector<Epoch<Mlp>> eager =
          epochs(Trainer.of(Objective.sumOfSquares(), adam), model, Dataset.lecture(), 20);
      Vector<Epoch<Mlp>> taped =
          epochs(new Trainer<>(Objective.sumOfSquares(), adam, TAPE), model, Dataset.lecture(), 20);
      assertThat(parameters(taped.last().next())).isEqualTo(parameters(eager.last().next()));
    }
  }

  @Nested
  class Reuse {
    private final Mlp model = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(5));

    @Test
    void shouldReplayTheSameTapeWhileTheGraphKeepsItsShape() {
      Pass first =
          Pass.of(Objective.sumOfSquares(), TAPE, model, Dataset.lecture(), Vector.empty()).get();
      Mlp moved = model.withValues(parameters(model).map(p -> p * 0.9));
      Pass second =
          Pass.of(Objective.sumOfSquares(), TAPE, moved, Dataset.lecture(), first.tapes()).get();
      assertThat(second.tapes()).hasSize(1);
      assertThat(second.tapes().head().get()).isSameAs(first.tapes().head().get());
    }

    @Test
    void shouldTraceAgainWhenTheObjectiveBuildsAnotherShape() {
      // w² while w > 0.5, then 3w: a graph of another shape, which the stale tape would get wrong
      Objective<Mlp> kinked =
          (m, batch) -> {
            Expr w = m.parameters().head();
            return Evaluation.of(w.value() > 0.5 ? w.mul(w) : w.mul(3.0));
          };
      Mlp start =
          Mlp.of(1, List.of(1), Activation.LINEAR, Activation.LINEAR, new SplittableRandom(1))
              .withValues(Vector.of(1.0, 0.0));
      Sgd sgd = Sgd.of(Schedule.constant(0.1));
      Dataset one = Dataset.lecture().slice(0, 1);
      Vector<Epoch<Mlp>> eager = epochs(Trainer.of(kinked, sgd), start, one, 8);
      Vector<Epoch<Mlp>> taped = epochs(new Trainer<>(kinked, sgd, TAPE), start, one, 8);
      assertThat(taped.map(Epoch::loss)).isEqualTo(eager.map(Epoch::loss));
      assertThat(parameters(taped.last().next())).isEqualTo(parameters(eager.last().next()));
    }

    @Test
    void shouldTraceAgainForAModelWithOtherParameters() {
      Pass first =
          Pass.of(Objective.sumOfSquares(), TAPE, model, Dataset.lecture(), Vector.empty()).get();
      Mlp other = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(6));
      Vector<Option<Replay>> tapes =
          Pass.of(Objective.sumOfSquares(), TAPE, other, Dataset.lecture(), first.tapes())
              .get()
              .tapes();
      assertThat(tapes.head().get()).isNotSameAs(first.tapes().head().get());
      assertThat(tapes.head().get().tape().variables()).isEqualTo(other.parameters());
    }

    @Test
    void shouldGiveTheThreadedResultsBitForBitWithOneTapePerChunk() {
      TrainConfig threads = TrainConfig.builder().threads(2).chunkSize(16).build();
      TrainConfig threadsAndTape =
          TrainConfig.builder().threads(2).chunkSize(16).tape(true).build();
      Mlp moons = MicrogradMoons.model();
      Vector<Epoch<Mlp>> plain =
          epochs(MicrogradMoons.trainer(threads), moons, MicrogradMoons.data(), 5);
      Vector<Epoch<Mlp>> taped =
          epochs(MicrogradMoons.trainer(threadsAndTape), moons, MicrogradMoons.data(), 5);
      assertThat(taped.map(Epoch::loss)).isEqualTo(plain.map(Epoch::loss));
      assertThat(parameters(taped.last().next())).isEqualTo(parameters(plain.last().next()));
    }

    @Test
    void shouldKeepOneTapePerChunk() {
      TrainConfig config = TrainConfig.builder().threads(2).chunkSize(16).tape(true).build();
      Pass pass =
          Pass.of(
                  Objective.hinge(1e-4),
                  config,
                  MicrogradMoons.model(),
                  MicrogradMoons.data(),
                  Vector.empty())
              .get();
      assertThat(pass.tapes()).hasSize(7).allMatch(Option::isDefined); // 6 of 16, 1 of 4
    }

    @Test
    void shouldRejectATapeWithMiniBatches() {
      assertThatThrownBy(() -> TrainConfig.builder().tape(true).batchSize(16).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "expected full-batch training with a tape (every mini-batch is a new graph), got a"
                  + " batch size of 16");
    }
  }

  @Nested
  class RecordFree {
    private final Mlp model = MicrogradMoons.model();
    private final Dataset data = MicrogradMoons.data();
    private final Sgd sgd = Sgd.of(Schedule.constant(0.1));

    /** micrograd's moons loss, counting the calls that build records. */
    private Objective<Mlp> counted(AtomicInteger calls, boolean traceable) {
      Objective<Model<?>> hinge = Objective.hinge(1e-4);
      return new Objective<>() {
        @Override
        public Evaluation evaluate(Mlp m, Dataset batch) {
          calls.incrementAndGet();
          return hinge.evaluate(m, batch);
        }

        @Override
        public boolean traceable() {
          return traceable;
        }
      };
    }

    @Test
    void shouldBuildRecordsOnlyAtTheFirstStepWhenTheObjectiveIsTraceable() {
      AtomicInteger calls = new AtomicInteger();
      Vector<Epoch<Mlp>> taped =
          epochs(new Trainer<>(counted(calls, true), sgd, TAPE), model, data, 5);
      Vector<Epoch<Mlp>> eager = epochs(Trainer.of(Objective.hinge(1e-4), sgd), model, data, 5);

      assertThat(calls.get()).isEqualTo(1);
      assertThat(taped.map(Epoch::loss)).isEqualTo(eager.map(Epoch::loss));
      assertThat(taped.map(e -> e.metric("accuracy").get()))
          .isEqualTo(eager.map(e -> e.metric("accuracy").get()));
    }

    @Test
    void shouldRunTheObjectiveAtEveryStepWhenItIsNotTraceable() {
      AtomicInteger calls = new AtomicInteger();
      epochs(new Trainer<>(counted(calls, false), sgd, TAPE), model, data, 5);

      assertThat(calls.get()).isEqualTo(5);
    }

    @Test
    void shouldRunTheObjectiveAgainOnAnotherBatch() {
      AtomicInteger calls = new AtomicInteger();
      Objective<Mlp> objective = counted(calls, true);
      Pass first = Pass.of(objective, TAPE, model, data, Vector.empty()).get();
      Dataset copy = new Dataset(data.inputs(), data.targets()); // equal, not the same

      Pass second = Pass.of(objective, TAPE, model, copy, first.tapes()).get();

      assertThat(calls.get()).isEqualTo(2);
      assertThat(second.loss()).isEqualTo(first.loss());
    }

    @Test
    void shouldGiveTheMetricsFromTheTapesObservedValues() {
      Pass first = Pass.of(Objective.hinge(1e-4), TAPE, model, data, Vector.empty()).get();
      Mlp moved = model.withValues(parameters(model).map(p -> p * 0.5));

      Pass replayed = Pass.of(Objective.hinge(1e-4), TAPE, moved, data, first.tapes()).get();
      Pass eager =
          Pass.of(Objective.hinge(1e-4), TrainConfig.fullBatch(), moved, data, Vector.empty())
              .get();

      assertThat(replayed.metrics()).isEqualTo(eager.metrics());
      assertThat(replayed.gradients()).isEqualTo(eager.gradients());
    }
  }

  private static <S> Vector<Epoch<Mlp>> epochs(
      Trainer<Mlp, S> trainer, Mlp model, Dataset data, int n) {
    return trainer.epochs(model, data).take(n).map(Either::get).toVector();
  }
}
