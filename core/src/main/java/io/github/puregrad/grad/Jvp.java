package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.Map;
import java.util.Objects;

/**
 * Forward mode: dual numbers carried along the topological order. A node's tangent is the sum, over
 * its operands that have one, of {@code partial(k) * tangent(operand k)}; a node none of whose
 * operands has a tangent has none either, so an infinite local derivative away from the tangents
 * contributes nothing, as in PyTorch's and JAX's forward mode.
 */
final class Jvp {
  private Jvp() {}

  /** {@return d output along {@code tangents}; see {@link Autodiff#jvp}} */
  static double of(Expr output, Map<? extends Expr, Double> tangents) {
    Objects.requireNonNull(output, "output is null");
    Graph graph = Graph.of(output);
    double[] tangent = new double[graph.size()];
    boolean[] active = seed(graph, tangents, tangent);
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      double sum = 0.0;
      for (int k = 0; k < node.arity(); k++) {
        int q = graph.operandPosition(p, k);
        if (active[q]) {
          sum += node.partial(k) * tangent[q];
          active[p] = true;
        }
      }
      if (node.arity() > 0) {
        tangent[p] = sum;
      }
    }
    return tangent[graph.size() - 1];
  }

  /**
   * Writes the leaves' tangents into {@code tangent} by position in {@code graph}; {@return which
   * positions have one}.
   *
   * @throws IllegalArgumentException for a key that is not a leaf or a tangent that is not finite
   */
  static boolean[] seed(Graph graph, Map<? extends Expr, Double> tangents, double[] tangent) {
    Objects.requireNonNull(tangents, "tangents is null");
    boolean[] active = new boolean[graph.size()];
    tangents.forEach(
        (node, value) -> {
          Objects.requireNonNull(node, "tangents has a null key");
          if (!(node instanceof Expr.Leaf)) {
            throw new IllegalArgumentException(
                "expected tangents for leaves only, got one for " + node);
          }
          if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException(
                "expected a finite tangent for " + node + ", got " + value);
          }
          int p = graph.positionOf(node);
          if (p >= 0) { // a leaf the output does not depend on contributes nothing
            tangent[p] = value;
            active[p] = true;
          }
        });
    return active;
  }
}
