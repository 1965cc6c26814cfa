package io.github.puregrad.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.nn.Model;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.vavr.collection.List;
import io.vavr.collection.Stream;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrainerTest {

  private static final Trainer<Mlp, Sgd.Velocity> LECTURE =
      Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)));

  private static final Dataset ONE = Dataset.lecture().slice(0, 1);

  private static Mlp lectureModel(long seed) {
    return Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(seed));
  }

  private static <M> Vector<Double> losses(Stream<Either<Divergence<M>, Epoch<M>>> run, int n) {
    return run.take(n).map(e -> e.get().loss()).toVector();
  }

  @Nested
  class Lecture {
    @Test
    void shouldLowerTheLossEveryEpochFor20EpochsAtLearningRateOneTenth() {
      Vector<Double> losses = losses(LECTURE.epochs(lectureModel(1337), Dataset.lecture()), 20);
      for (int k = 1; k < 20; k++) {
        assertThat(losses.get(k)).as("epoch %d", k).isLessThan(losses.get(k - 1));
      }
    }

    @Test
    void shouldRepeatTheLossCurveBitForBitWhenTheSeedIsTheSame() {
      assertThat(losses(LECTURE.epochs(lectureModel(7), Dataset.lecture()), 20))
          .isEqualTo(losses(LECTURE.epochs(lectureModel(7), Dataset.lecture()), 20));
    }

    @Test
    void shouldReportTheLossOfTheEpochsStartingModel() {
      Mlp model = lectureModel(3);
      Epoch<Mlp> first = LECTURE.epochs(model, Dataset.lecture()).head().get();
      Dataset data = Dataset.lecture();
      double expected = 0;
      for (int i = 0; i < data.size(); i++) {
        double[] x = data.inputs().get(i).toJavaStream().mapToDouble(d -> d).toArray();
        double error = model.apply(x).value() - data.targets().get(i);
        expected += error * error;
      }
      assertThat(first.loss()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
    }
  }

  @Nested
  class Persistence {
    @Test
    void shouldChainEachEpochsNextModelIntoTheFollowingEpoch() {
      Vector<Epoch<Mlp>> epochs =
          LECTURE.epochs(lectureModel(1), Dataset.lecture()).take(3).map(Either::get).toVector();
      assertThat(epochs.get(1).model()).isSameAs(epochs.get(0).next());
      assertThat(epochs.get(2).model()).isSameAs(epochs.get(1).next());
    }

    @Test
    void shouldKeepTheStartingModelUnchanged() {
      Mlp model = lectureModel(1);
      Vector<Double> before = model.parameters().map(Expr::value);
      LECTURE.fit(model, Dataset.lecture(), 5);
      assertThat(model.parameters().map(Expr::value)).isEqualTo(before);
    }

    @Test
    void shouldReturnTheLastOfTheRequestedEpochs() {
      assertThat(LECTURE.fit(lectureModel(1), Dataset.lecture(), 5).get().index()).isEqualTo(4);
    }
  }

  @Nested
  class Divergent {
    /** Loss log(w) with SGD at 0.5 from w = 1: w goes 1, 0.5, -0.5, where log is NaN. */
    private final Trainer<Mlp, Sgd.Velocity> logTrainer =
        Trainer.of(
            (Mlp m, Dataset batch) -> Evaluation.of(m.parameters().head().log()),
            Sgd.of(Schedule.constant(0.5)));

    private final Mlp start =
        Mlp.of(1, List.of(1), Activation.LINEAR, Activation.LINEAR, new SplittableRandom(1))
            .withValues(Vector.of(1.0, 0.0));

    @Test
    void shouldStopWithAnErrorValueWhenTheLossBecomesNaN() {
      Either<Divergence<Mlp>, Epoch<Mlp>> result = logTrainer.fit(start, ONE, 10);
      assertThat(result.getLeft().reason())
          .isEqualTo(new Divergence.Reason.NonFiniteLoss(Double.NaN));
      assertThat(result.getLeft().epoch()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheLastGoodModel() {
      Divergence<Mlp> divergence = logTrainer.fit(start, ONE, 10).getLeft();
      assertThat(divergence.lastGood().parameters().head().value()).isEqualTo(0.5);
      assertThat(divergence.model().parameters().head().value()).isEqualTo(-0.5);
    }

    @Test
    void shouldEndTheStreamAfterTheDivergence() {
      assertThat(logTrainer.epochs(start, ONE).take(10)).hasSize(3);
    }

    @Test
    void shouldStopWhenAGradientIsInfinite() {
      // d/dw of w^0.5 at w = 0 is 0.5 * 0^-0.5 = Infinity, while the loss itself is 0
      Trainer<Mlp, Sgd.Velocity> sqrt =
          Trainer.of(
              (Mlp m, Dataset batch) -> Evaluation.of(m.parameters().head().pow(0.5)),
              Sgd.of(Schedule.constant(0.1)));
      Mlp zero = start.withValues(Vector.of(0.0, 0.0));
      Divergence<Mlp> divergence = sqrt.fit(zero, ONE, 3).getLeft();
      assertThat(divergence.reason())
          .isEqualTo(
              new Divergence.Reason.NonFiniteGradient(0, "L0.n0.w0", Double.POSITIVE_INFINITY));
      assertThat(divergence.reason().message())
          .isEqualTo("gradient of parameter 0 (L0.n0.w0) is Infinity");
      assertThat(divergence.lastGood()).isSameAs(zero);
    }

    @Test
    void shouldStopWhenAnUpdateOverflows() {
      Trainer<Mlp, Sgd.Velocity> huge =
          Trainer.of(
              (Mlp m, Dataset batch) -> Evaluation.of(m.parameters().head().mul(-1e300)),
              Sgd.of(Schedule.constant(1e10)));
      Divergence<Mlp> divergence = huge.fit(start, ONE, 3).getLeft();
      assertThat(divergence.reason())
          .isEqualTo(
              new Divergence.Reason.NonFiniteParameter(0, "L0.n0.w0", Double.POSITIVE_INFINITY));
      assertThat(divergence.message())
          .isEqualTo(
              "training diverged in epoch 0, step 0: parameter 0 (L0.n0.w0) after the update is"
                  + " Infinity");
    }
  }

  @Nested
  class MiniBatches {
    private Trainer<Mlp, Sgd.Velocity> batched(int size, long seed, Schedule rate) {
      return new Trainer<>(
          Objective.sumOfSquares(),
          Sgd.of(rate),
          TrainConfig.builder().batchSize(size).seed(seed).build());
    }

    @Test
    void shouldTakeOneUpdatePerBatch() {
      // two batches of two: the rate is 0.1 for updates 0 and 1 (epoch 0) and 0 afterwards
      Trainer<Mlp, Sgd.Velocity> trainer = batched(2, 1, step -> step < 2 ? 0.1 : 0.0);
      Vector<Epoch<Mlp>> epochs =
          trainer.epochs(lectureModel(1), Dataset.lecture()).take(2).map(Either::get).toVector();
      assertThat(epochs.get(1).next().parameters().map(Expr::value))
          .isEqualTo(epochs.get(0).next().parameters().map(Expr::value));
      assertThat(epochs.get(0).next().parameters().map(Expr::value))
          .isNotEqualTo(epochs.get(0).model().parameters().map(Expr::value));
    }

    @Test
    void shouldRepeatARunWhenTheShuffleSeedIsTheSame() {
      Trainer<Mlp, Sgd.Velocity> trainer = batched(1, 9, Schedule.constant(0.05));
      assertThat(losses(trainer.epochs(lectureModel(2), Dataset.lecture()), 10))
          .isEqualTo(losses(trainer.epochs(lectureModel(2), Dataset.lecture()), 10));
    }

    @Test
    void shouldShuffleDifferentlyWhenTheSeedDiffers() {
      assertThat(
              losses(
                  batched(1, 9, Schedule.constant(0.05)).epochs(lectureModel(2), Dataset.lecture()),
                  10))
          .isNotEqualTo(
              losses(
                  batched(1, 10, Schedule.constant(0.05))
                      .epochs(lectureModel(2), Dataset.lecture()),
                  10));
    }
  }

  @Nested
  class Types {
    @Test
    void shouldInferTheTrainerFromItsArgumentsAlone() {
      var trainer = Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)));
      var last = trainer.fit(lectureModel(1), Dataset.lecture(), 20);

      assertThat(last.get().loss())
          .isEqualTo(LECTURE.fit(lectureModel(1), Dataset.lecture(), 20).get().loss());
    }

    @Test
    void shouldFitInTheChainedForm() {
      double loss =
          Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)))
              .fit(lectureModel(1), Dataset.lecture(), 20)
              .get()
              .loss();

      assertThat(loss).isEqualTo(LECTURE.fit(lectureModel(1), Dataset.lecture(), 20).get().loss());
    }

    @Test
    void shouldTakeMiniBatchesWithAConfig() {
      TrainConfig pairs = TrainConfig.builder().batchSize(2).seed(1).build();
      Trainer<Mlp, Sgd.Velocity> batched = LECTURE.withConfig(pairs);

      assertThat(batched.config()).isEqualTo(pairs);
      assertThat(batched.objective()).isSameAs(LECTURE.objective());
      assertThat(batched.optimizer()).isSameAs(LECTURE.optimizer());
    }

    @Test
    void shouldPrintAsTheCallsThatMadeIt() {
      assertThat(LECTURE.toString())
          .startsWith("Trainer[objective=Objective.sumOfSquares(), optimizer=Sgd[learningRate=")
          .contains("Schedule.constant(0.1)")
          .doesNotContain("Lambda");
      assertThat(Objective.hinge(1e-4).toString()).isEqualTo("Objective.hinge(1.0E-4)");
      assertThat(Schedule.cosine(0.1, 0.0, 100).toString())
          .isEqualTo("Schedule.cosine(0.1, 0.0, 100)");
    }
  }

  @Test
  void shouldTrainAnMlpWithAnObjectiveWrittenForAnyModel() {
    Objective<Model<?>> objective = Objective.sumOfSquares();
    Trainer<Mlp, Sgd.Velocity> trainer = Trainer.of(objective, Sgd.of(Schedule.constant(0.1)));
    assertThat(trainer.fit(lectureModel(1), Dataset.lecture(), 2).isRight()).isTrue();
  }
}
