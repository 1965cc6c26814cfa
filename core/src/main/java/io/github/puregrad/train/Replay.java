package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Tape;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A tape carried from one training step to the next over the same batch, with what replaying it
 * needs: the scratch arrays it evaluates into, and, for a {@link Objective#traceable traceable}
 * objective, the function from its observed values to the metrics (decision 0047).
 *
 * <p>The workspace is mutable scratch owned by one run of epochs: epochs are computed one after the
 * other, each once, and a step copies out every number it keeps.
 *
 * @param tape the loss, traced as a function of the model's parameters
 * @param workspace the arrays the next evaluation overwrites
 * @param batch the batch the tape was traced on (its values are constants in the tape), if the
 *     objective is traceable; null: the objective runs at each step
 * @param metricsOf the metrics from the observed values
 */
record Replay(
    Tape tape,
    Tape.Workspace workspace,
    @Nullable Dataset batch,
    Function<Vector<Double>, Map<String, Double>> metricsOf) {

  /**
   * {@return a new tape of {@code evaluation}'s loss, with its own workspace}, compiled to bytecode
   * once it has been replayed 1,000 times ({@link Tape#tiered()})
   */
  static Replay trace(
      Evaluation evaluation, Vector<Expr.Leaf> parameters, @Nullable Dataset traceable) {
    Tape tape = Tape.trace(evaluation.loss(), parameters, evaluation.observed()).tiered();
    return new Replay(tape, tape.workspace(), traceable, evaluation.metricsOf());
  }

  /** {@return whether the tape has these parameters as its variables (the same ids)} */
  boolean hasVariables(Vector<Expr.Leaf> parameters) {
    Vector<Expr.Leaf> variables = tape.variables();
    if (variables.size() != parameters.size()) {
      return false;
    }
    for (int i = 0; i < variables.size(); i++) {
      if (variables.get(i).id() != parameters.get(i).id()) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return whether a step may evaluate this tape instead of running the objective}: the objective
   * promised one shape ({@link Objective#traceable}), and the batch and the parameters are the ones
   * traced
   */
  @SuppressWarnings("ReferenceEquality") // the very batch traced, not an equal one: O(1)
  boolean replaces(Vector<Expr.Leaf> parameters, Dataset batch) {
    return batch == this.batch && hasVariables(parameters);
  }
}
