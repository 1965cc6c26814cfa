package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Tape;
import io.github.puregrad.nn.Loss;
import io.github.puregrad.nn.Model;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A per-example loss traced once and replayed for each example of a batch (issue 24): what {@link
 * Objective#crossEntropyTraced()} computes.
 *
 * <pre>{@code
 * Evaluation sum = PerExample.crossEntropy(model, batch);   // Σ over the rows, as one surrogate
 * }</pre>
 */
final class PerExample {
  private PerExample() {}

  /**
   * The last tape traced, with what it was traced for: the model's description and parameter ids (a
   * model and every {@code withValues} of it share them).
   */
  record Memo(String model, Vector<Long> ids, Tape tape) {}

  /**
   * {@return the memo's tape if it is the tape of {@code one}: traced for this model's description
   * and parameters, and giving {@code one}'s loss and logits to the last bit at {@code one}'s
   * values; else null}. Tracing is most of a step's cost (Graph and Tape build their indexes), so
   * the tape is reused from batch to batch, checked each time against the one graph that is built
   * anyway, as the trainer's own tape is.
   */
  private static @Nullable Tape memo(
      AtomicReference<Memo> memo,
      Model<?> model,
      Vector<Expr.Leaf> parameters,
      Expr one,
      Vector<Expr> logits,
      double[] values) {
    Memo last = memo.get();
    if (last == null
        || !last.model().equals(model.toString())
        || !last.ids().equals(parameters.map(Expr.Leaf::id))
        || last.tape().variables().size() != values.length) {
      return null;
    }
    Tape.Result check = last.tape().evaluate(values);
    if (Double.doubleToLongBits(check.value()) != Double.doubleToLongBits(one.value())) {
      return null;
    }
    Vector<Double> seen = check.observed();
    for (int k = 0; k < logits.size(); k++) {
      if (Double.doubleToLongBits(seen.get(k)) != Double.doubleToLongBits(logits.get(k).value())) {
        return null;
      }
    }
    return last.tape();
  }

  /**
   * {@return Σ over the rows of the cross-entropy of {@code model}'s logits, with the number of
   * rows classified right as "accuracy"; the loss a surrogate node of that value and gradient}
   */
  static Evaluation crossEntropy(Model<?> model, Dataset part, AtomicReference<Memo> memo) {
    Vector<Expr.Leaf> parameters = model.parameters();
    int p = parameters.size();
    int width = part.inputSize();
    // one example's graph, its inputs and one-hot target as variables: the tape of every row
    Vector<Expr.Leaf> inputs = part.inputs().head().map(Expr::of);
    Vector<Expr> logits = model.forward(inputs);
    int classes = logits.size();
    Vector<Expr.Leaf> target = Vector.range(0, classes).map(k -> Expr.of(0.0));
    Expr one = Loss.crossEntropy(logits, target);
    double[] values = new double[p + width + classes];
    for (int j = 0; j < p; j++) {
      values[j] = parameters.get(j).value();
    }
    for (int i = 0; i < width; i++) {
      values[p + i] = inputs.get(i).value();
    }
    Tape tape = memo(memo, model, parameters, one, logits, values);
    if (tape == null) {
      tape = Tape.trace(one, parameters.appendAll(inputs).appendAll(target), logits).tiered();
      memo.set(new Memo(model.toString(), parameters.map(Expr.Leaf::id), tape));
    }
    Tape.Workspace workspace = tape.workspace();
    double loss = 0;
    double[] gradient = new double[p];
    double correct = 0;
    for (int row = 0; row < part.size(); row++) {
      Vector<Double> x = part.inputs().get(row);
      for (int i = 0; i < width; i++) {
        values[p + i] = x.get(i);
      }
      int label = Objective.classIndex(part.targets().get(row));
      if (label >= classes) {
        throw new IllegalArgumentException(
            "expected a target in [0, " + classes + "), got " + label);
      }
      for (int k = 0; k < classes; k++) {
        values[p + width + k] = k == label ? 1.0 : 0.0;
      }
      Tape.Result result = tape.evaluate(workspace, values);
      loss += result.value();
      for (int j = 0; j < p; j++) {
        gradient[j] += result.at(j);
      }
      Vector<Double> scores = result.observed();
      int best = 0;
      for (int k = 1; k < classes; k++) {
        best = scores.get(k) > scores.get(best) ? k : best;
      }
      correct += best == label ? 1 : 0;
    }
    if (!Double.isFinite(loss) || !Arrays.stream(gradient).allMatch(Double::isFinite)) {
      // a leaf cannot hold a non-finite number: the graph names the node and parameter instead
      return Objective.crossEntropy().sum(model, part);
    }
    // L + Σ_j G_j·(p_j - v_j): value L (each p_j - v_j is 0), ∂/∂p_j = G_j, both exact
    Expr surrogate = Expr.of(loss);
    for (int j = 0; j < p; j++) {
      Expr.Leaf parameter = parameters.get(j);
      surrogate = surrogate.add(parameter.sub(parameter.value()).mul(gradient[j]));
    }
    return new Evaluation(surrogate, LinkedHashMap.of("accuracy", correct));
  }
}
