package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.Map;
import java.util.Objects;

/**
 * Forward mode: dual numbers carried along the topological order. Every node's tangent is the sum
 * over its operands of {@code partial(k) * tangent(operand k)}, so one sweep gives the directional
 * derivative of the output along the tangents of the leaves.
 */
final class Jvp {
  private Jvp() {}

  /** {@return d output along {@code tangents}; see {@link Autodiff#jvp}} */
  static double of(Expr output, Map<? extends Expr, Double> tangents) {
    Objects.requireNonNull(output, "output is null");
    Graph graph = Graph.of(output);
    double[] tangent = seed(graph, tangents);
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      if (node.arity() > 0) {
        double sum = 0.0;
        for (int k = 0; k < node.arity(); k++) {
          sum += node.partial(k) * tangent[graph.operandPosition(p, k)];
        }
        tangent[p] = sum;
      }
    }
    return tangent[graph.size() - 1];
  }

  /**
   * {@return the tangents by position in {@code graph}, 0 for leaves without one}
   *
   * @throws IllegalArgumentException for a key that is not a leaf or a tangent that is not finite
   */
  static double[] seed(Graph graph, Map<? extends Expr, Double> tangents) {
    Objects.requireNonNull(tangents, "tangents is null");
    double[] seeded = new double[graph.size()];
    tangents.forEach(
        (node, tangent) -> {
          Objects.requireNonNull(node, "tangents has a null key");
          if (!(node instanceof Expr.Leaf)) {
            throw new IllegalArgumentException(
                "expected tangents for leaves only, got one for " + node);
          }
          if (tangent == null || !Double.isFinite(tangent)) {
            throw new IllegalArgumentException(
                "expected a finite tangent for " + node + ", got " + tangent);
          }
          int p = graph.positionOf(node);
          if (p >= 0) { // a leaf the output does not depend on contributes nothing
            seeded[p] = tangent;
          }
        });
    return seeded;
  }
}
