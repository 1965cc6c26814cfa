package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Tape;
import io.github.puregrad.nn.Loss;
import io.github.puregrad.nn.Model;
import io.github.puregrad.nn.Sequential;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

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

  /**
   * {@return whether this objective may be replayed on a tape with no records built (decision
   * 0047)}: true promises that {@link #evaluate} builds a graph of one shape for every model of one
   * structure on one batch, whatever the parameter values (no branch on a value, as the built-in
   * objectives), and that its metrics are {@link Evaluation#of(Expr, Vector,
   * java.util.function.Function) functions of observed nodes' values}. False (the default) keeps
   * the records: the objective runs at every step and the tape only replaces the walk and the
   * backward pass.
   */
  default boolean traceable() {
    return false;
  }

  // -- static API

  /** {@return Σ (output - target)² over the batch: the lecture's loss} */
  static Separable<Model<?>> sumOfSquares() {
    return new Separable<>() {
      @Override
      public Evaluation sum(Model<?> model, Dataset part) {
        return Evaluation.of(Loss.sumOfSquares(outputs(model, part), part.targets()));
      }

      @Override
      public Expr total(Model<?> model, Expr sum, int size) {
        return sum;
      }

      @Override
      public boolean traceable() {
        return true;
      }

      @Override
      public String toString() {
        return "Objective.sumOfSquares()";
      }
    };
  }

  /**
   * {@return micrograd's moons loss: the mean hinge loss over the batch (labels -1 or +1) plus
   * {@code alpha · Σ p²}, with the fraction of points whose output has the label's sign as {@code
   * "accuracy"}}
   */
  static Separable<Model<?>> hinge(double alpha) {
    return new Separable<>() {
      @Override
      public Evaluation sum(Model<?> model, Dataset part) {
        Vector<Expr> scores = outputs(model, part);
        Vector<Double> ys = part.targets();
        return Evaluation.of(
            Loss.hingeSum(scores, ys),
            scores,
            values -> // the number of points whose score has the label's sign
            LinkedHashMap.of(
                    "accuracy",
                    values
                        .zipWith(ys, (s, y) -> (y > 0) == (s > 0) ? 1.0 : 0.0)
                        .sum()
                        .doubleValue()));
      }

      @Override
      public boolean traceable() {
        return true;
      }

      @Override
      public Expr total(Model<?> model, Expr sum, int size) {
        return sum.mul(1.0 / size).add(Loss.l2(alpha, model.parameters()));
      }

      @Override
      public String toString() {
        return "Objective.hinge(" + alpha + ")";
      }
    };
  }

  /**
   * {@return the mean softmax cross-entropy over the batch ({@link Loss#crossEntropy}, PyTorch's
   * {@code F.cross_entropy}), for a model with one output (a logit) per class and targets that are
   * class indices 0, 1, ...; with the fraction of rows whose largest logit is the target's as
   * {@code "accuracy"}}
   *
   * <pre>{@code
   * var trainer = Trainer.of(Objective.crossEntropy(), Sgd.of(Schedule.constant(0.1)));
   * }</pre>
   */
  static Separable<Model<?>> crossEntropy() {
    return new Separable<>() {
      @Override
      public Evaluation sum(Model<?> model, Dataset part) {
        Vector<Vector<Expr>> logits = part.inputs().map(row -> model.forward(row.map(Expr::of)));
        Vector<Integer> classes = part.targets().map(Objective::classIndex);
        Expr sum = Loss.crossEntropy(logits.head(), classes.head());
        for (int i = 1; i < logits.size(); i++) {
          sum = sum.add(Loss.crossEntropy(logits.get(i), classes.get(i)));
        }
        int width = logits.head().size();
        return Evaluation.of(
            sum,
            logits.flatMap(row -> row),
            values -> { // the number of rows whose first largest logit is the target's
              double correct = 0;
              for (int row = 0; row < classes.size(); row++) {
                int best = 0;
                for (int k = 1; k < width; k++) {
                  best = values.get(row * width + k) > values.get(row * width + best) ? k : best;
                }
                correct += best == classes.get(row) ? 1 : 0;
              }
              return LinkedHashMap.of("accuracy", correct);
            });
      }

      @Override
      public Expr total(Model<?> model, Expr sum, int size) {
        return sum.mul(1.0 / size);
      }

      @Override
      public boolean traceable() {
        return true;
      }

      @Override
      public String toString() {
        return "Objective.crossEntropy()";
      }
    };
  }

  /**
   * {@return {@link #crossEntropy()} computed on a tape: the same loss, gradients (to about 1e-15
   * relative: the sums over a batch run in another order) and accuracy, much faster on a model that
   * is the same graph for every example, such as a CNN}
   *
   * <p>For each batch (each chunk, with threads) it builds the graph of one example with the
   * parameters, the example's inputs and its one-hot target as the variables of a {@link Tape},
   * then replays that tape for every example, summing losses and gradients in row order: no node is
   * built for the other examples. The loss handed to the trainer is the sum's value with the summed
   * gradient attached, {@code L + Σ_j G_j·(p_j - v_j)} at p = v: its value is L and its gradient G,
   * exactly.
   *
   * <p>The objective keeps the last tape (its one piece of mutable state, an {@code
   * AtomicReference}): at each batch it still builds the graph of one example, and replays the kept
   * tape only if that tape was traced for the same model (its description and parameter ids) and
   * gives that graph's loss and logits to the last bit; otherwise it traces again.
   *
   * <p>Only for models whose graph depends on the inputs through their operations alone (relu and
   * max are recomputed on the tape; a constant built from an input's value is not). A {@code
   * Sequential} with a {@code Dropout} in training draws a mask per example from its inputs, so it
   * is evaluated as {@link #crossEntropy()} does.
   *
   * <pre>{@code
   * var trainer = Trainer.of(Objective.crossEntropyTraced(), Sgd.of(Schedule.constant(0.1)))
   *     .withConfig(TrainConfig.builder().batchSize(32).build());
   * }</pre>
   */
  static Separable<Model<?>> crossEntropyTraced() {
    Separable<Model<?>> eager = crossEntropy();
    // the last tape, reused while it still is the tape of the model: see PerExample.memo
    AtomicReference<PerExample.Memo> memo = new AtomicReference<>();
    return new Separable<>() {
      @Override
      public Evaluation sum(Model<?> model, Dataset part) {
        // a Dropout in training, at any depth, is the one layer inference() changes
        if (model instanceof Sequential s && !s.inference().equals(s)) {
          return eager.sum(model, part);
        }
        return PerExample.crossEntropy(model, part, memo);
      }

      @Override
      public Expr total(Model<?> model, Expr sum, int size) {
        return eager.total(model, sum, size);
      }

      @Override
      public String toString() {
        return "Objective.crossEntropyTraced()";
      }
    };
  }

  /** {@return the class index a target names: a whole number from 0} */
  static int classIndex(double target) {
    if (!(target >= 0 && target == Math.rint(target) && target <= Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "expected a class index 0, 1, ... as target, got " + target);
    }
    return (int) target;
  }

  /** The first output of {@code model} for every row of {@code batch}. */
  private static Vector<Expr> outputs(Model<?> model, Dataset batch) {
    return batch.inputs().map(row -> model.forward(row.map(Expr::of)).head());
  }

  /**
   * An objective that is a sum over the examples, then a function of that sum: {@code loss =
   * total(Σ_i term(x_i, y_i))}, such as a mean plus a penalty on the parameters. The sum can then
   * be taken over parts of a batch on several threads and the parts added afterwards, which is how
   * {@link TrainConfig#threads() data-parallel training} works.
   *
   * <pre>{@code
   * Objective.Separable<Model<?>> meanSquaredError =
   *     new Objective.Separable<>() {
   *       public Evaluation sum(Model<?> model, Dataset part) {
   *         Vector<Expr> outputs = part.inputs().map(x -> model.forward(x.map(Expr::of)).head());
   *         return Evaluation.of(Loss.sumOfSquares(outputs, part.targets()));   // Σ (o - y)²
   *       }
   *
   *       public Expr total(Model<?> model, Expr sum, int size) {
   *         return sum.mul(1.0 / size);                                          // the mean
   *       }
   *     };
   * }</pre>
   *
   * <p>With threads, {@link #sum} is called on several threads at once, so it must not change
   * shared state; building expressions from the model and the rows, as the built-in objectives do,
   * is safe.
   *
   * <p>{@link #evaluate} builds the loss of a batch as one graph, {@code total(sum(batch))}.
   * Metrics are sums over the examples in {@link #sum} (e.g. the number classified correctly) and
   * means over the batch in {@link #evaluate} (the accuracy).
   *
   * @param <M> the model type
   */
  interface Separable<M> extends Objective<M> {

    /**
     * {@return the sum of the per-example terms over the rows of {@code part}, in row order, with
     * each metric summed over those rows}
     */
    Evaluation sum(M model, Dataset part);

    /**
     * {@return the loss of a batch of {@code size} examples whose terms add up to {@code sum}}
     *
     * <p>It may use the model's parameters (a penalty), but not the examples.
     */
    Expr total(M model, Expr sum, int size);

    /** {@return {@code total(sum(batch))}, with each metric's mean over the batch} */
    @Override
    default Evaluation evaluate(M model, Dataset batch) {
      Objects.requireNonNull(batch, "batch is null");
      Evaluation sum = sum(model, batch);
      int size = batch.size();
      return sum.map(total(model, sum.loss(), size), s -> s / size);
    }
  }
}
