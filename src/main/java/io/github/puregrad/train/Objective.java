package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Loss;
import io.github.puregrad.nn.Model;
import io.vavr.collection.Vector;

/**
 * The loss (and metrics) of a model on a batch: the function training minimises.
 *
 * <pre>{@code
 * Objective<Model<?>> lecture = Objective.sumOfSquares();   // for any model
 * Objective<Model<?>> moons = Objective.hinge(1e-4);         // micrograd's moons loss
 * Objective<Mlp> custom = (model, batch) -> Evaluation.of(model.parameters().head().pow(2));
 * }</pre>
 *
 * @param <M> the model type
 */
@FunctionalInterface
public interface Objective<M> {

  /** {@return the loss of {@code model} on {@code batch}, with any metrics} */
  Evaluation evaluate(M model, Dataset batch);

  // -- static API

  /** {@return Σ (output - target)² over the batch: the lecture's loss} */
  static Objective<Model<?>> sumOfSquares() {
    return (model, batch) ->
        Evaluation.of(Loss.sumOfSquares(outputs(model, batch), batch.targets()));
  }

  /**
   * {@return micrograd's moons loss: the mean hinge loss over the batch (labels -1 or +1) plus
   * {@code alpha · Σ p²}, with the fraction of points whose output has the label's sign as {@code
   * "accuracy"}}
   */
  static Objective<Model<?>> hinge(double alpha) {
    return (model, batch) -> {
      Vector<Expr> scores = outputs(model, batch);
      Expr loss = Loss.hinge(scores, batch.targets()).add(Loss.l2(alpha, model.parameters()));
      int correct =
          scores
              .zipWith(batch.targets(), (s, y) -> (y > 0) == (s.value() > 0) ? 1 : 0)
              .sum()
              .intValue();
      return Evaluation.of(loss).withMetric("accuracy", (double) correct / batch.size());
    };
  }

  /** The first output of {@code model} for every row of {@code batch}. */
  private static Vector<Expr> outputs(Model<?> model, Dataset batch) {
    return batch.inputs().map(row -> model.forward(row.map(Expr::of)).head());
  }
}
