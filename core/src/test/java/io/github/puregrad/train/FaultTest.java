package io.github.puregrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.nn.Model;
import io.github.puregrad.optim.Optimizer;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultTest {
  private static Mlp lectureModel() {
    return Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(1337));
  }

  @Nested
  class ProgrammingErrors {
    /** SGD with momentum whose first state is one velocity short: a bug, not a divergence. */
    private final Optimizer<Sgd.Velocity> shortState =
        new Optimizer<>() {
          private final Sgd sgd = Sgd.of(Schedule.constant(0.1)).withMomentum(0.9);

          @Override
          public Sgd.Velocity init(Model<?> model) {
            return new Sgd.Velocity(0, Vector.fill(model.parameters().size() - 1, 0.0));
          }

          @Override
          public Optimizer.Moved<Sgd.Velocity> move(
              Vector<Double> values, Vector<Double> gradients, Sgd.Velocity state) {
            return sgd.move(values, gradients, state);
          }
        };

    @Test
    void shouldThrowWhenTheOptimizerStateHasTheWrongSize() {
      Trainer<Mlp, Sgd.Velocity> trainer = Trainer.of(Objective.sumOfSquares(), shortState);
      assertThatThrownBy(() -> trainer.fit(lectureModel(), Dataset.lecture(), 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected optimizer state for 41 parameters, got 40");
    }
  }

  @Nested
  class StepResult {
    @Test
    void shouldReturnTheSameDivergenceTypeFromStepAsFromFit() {
      Trainer<Mlp, Sgd.Velocity> trainer =
          Trainer.of(
              (Mlp m, Dataset batch) -> Evaluation.of(m.parameters().head().log()),
              Sgd.of(Schedule.constant(0.1)));
      Mlp model = lectureModel().withValues(Vector.fill(41, -1.0));
      Divergence<Mlp> divergence =
          trainer.step(model, trainer.optimizer().init(model), Dataset.lecture()).getLeft();
      assertThat(divergence.reason()).isEqualTo(new Divergence.Reason.NonFiniteLoss(Double.NaN));
      assertThat(divergence.lastGood()).isSameAs(model);
    }
  }

  @Nested
  class EmptyBatch {
    @Test
    void shouldRejectAnEmptyBatchWithThreadsWithAClearMessage() {
      Trainer<Mlp, Sgd.Velocity> trainer =
          new Trainer<>(
              Objective.sumOfSquares(),
              Sgd.of(Schedule.constant(0.1)),
              TrainConfig.builder().threads(2).build());
      Mlp model = lectureModel();
      Dataset empty = Dataset.lecture().slice(0, 0);
      assertThatThrownBy(() -> trainer.step(model, trainer.optimizer().init(model), empty))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a batch of at least 1 example, got 0");
    }
  }

  @Nested
  class HiddenNaN {
    /**
     * A ReLU network whose first hidden neuron computes 2·1e308 + 2·(-1e308) on every row: Infinity
     * - Infinity = NaN before a ReLU. relu(NaN) is NaN (as PyTorch), so the loss is NaN and
     * training stops at once with the start model; when relu(NaN) was 0 the neuron looked dead and
     * all 20 epochs trained on with a finite loss.
     */
    @Test
    void shouldStopTrainingWhenANaNHidesBehindAReLU() {
      Dataset data =
          Dataset.of(
              new double[][] {{2.0, 2.0, -1.0}, {2.0, 2.0, 0.5}, {2.0, 2.0, 1.0}},
              new double[] {1.0, -1.0, 1.0});
      Mlp start =
          Mlp.of(3, List.of(4, 4, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(1));
      Vector<Double> values = start.parameters().map(Expr.Leaf::value).update(0, 1e308);
      Mlp model = start.withValues(values.update(1, -1e308));
      Trainer<Mlp, Sgd.Velocity> trainer =
          Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.01)));
      Divergence<Mlp> divergence = trainer.fit(model, data, 20).getLeft();
      assertThat(divergence.reason()).isInstanceOf(Divergence.Reason.NonFiniteLoss.class);
      assertThat(((Divergence.Reason.NonFiniteLoss) divergence.reason()).value()).isNaN();
      assertThat(divergence.lastGood()).isSameAs(model);
    }
  }
}
