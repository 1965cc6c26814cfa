package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;

/**
 * Automatic differentiation of {@link Expr} graphs.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Expr y = x.pow(3);                       // x^3
 * Autodiff.backward(y).get(x);             // 12.0 = 3 x^2
 * }</pre>
 */
public final class Autodiff {
  private Autodiff() {}

  /**
   * Reverse mode: the derivative of {@code output} with respect to every node of its graph.
   *
   * <p>Pure: it reads the graph and builds a new {@link Gradients}; calling it again gives the same
   * answer. O(nodes + edges), no recursion.
   */
  public static Gradients backward(Expr output) {
    return backward(Graph.of(output));
  }

  /** Reverse mode on a graph already in topological order; see {@link #backward(Expr)}. */
  public static Gradients backward(Graph graph) {
    double[] grads = new double[graph.size()];
    int last = graph.size() - 1;
    grads[last] = 1.0; // d output / d output
    for (int p = last; p >= 0; p--) {
      // every user of node p comes after it, so grads[p] is complete here: the chain rule,
      // d out/d operand += d out/d node * d node/d operand, and a node used twice adds up
      Expr node = graph.node(p);
      for (int k = 0; k < node.arity(); k++) {
        grads[graph.operandPosition(p, k)] += grads[p] * node.partial(k);
      }
    }
    return new Gradients(graph, grads);
  }
}
