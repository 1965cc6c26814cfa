package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Tape;
import io.github.puregrad.nn.Loss;
import io.github.puregrad.nn.Model;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import java.util.Arrays;

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
   * {@return Σ over the rows of the cross-entropy of {@code model}'s logits, with the number of
   * rows classified right as "accuracy"; the loss a surrogate node of that value and gradient}
   */
  static Evaluation crossEntropy(Model<?> model, Dataset part) {
    Vector<Expr.Leaf> parameters = model.parameters();
    int p = parameters.size();
    int width = part.inputSize();
    // one example's graph, its inputs and one-hot target as variables: the tape of every row
    Vector<Expr.Leaf> inputs = part.inputs().head().map(Expr::of);
    Vector<Expr> logits = model.forward(inputs);
    int classes = logits.size();
    Vector<Expr.Leaf> target = Vector.range(0, classes).map(k -> Expr.of(0.0));
    Tape tape =
        Tape.trace(
            Loss.crossEntropy(logits, target),
            parameters.appendAll(inputs).appendAll(target),
            logits);
    Tape.Workspace workspace = tape.workspace();
    double[] values = new double[p + width + classes];
    for (int j = 0; j < p; j++) {
      values[j] = parameters.get(j).value();
    }
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
