package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;

/**
 * Backpropagation's reverse sweep, the chain rule on numbers, written once: {@link Autodiff},
 * {@link Trace}, {@link NonFinite} and the gradient check all take their gradients from here, and
 * the fast walk that {@link Autodiff#backward(Expr)} uses is tested equal to it, to the bit.
 *
 * <pre>{@code
 * Graph graph = Graph.of(x.mul(y));
 * double[] grads = Sweep.run(graph, Sweep.QUIET);   // by position: grads[graph.positionOf(x)] == y
 * }</pre>
 */
final class Sweep {
  /** One chain-rule step, as the sweep takes it: a listener sees them all, in order. */
  interface Step {
    /**
     * Called after {@code grads[operand] += upstream * local}.
     *
     * @param node the position of the node whose gradient flows back
     * @param k which operand of the node
     * @param operand the position of that operand
     * @param upstream d output / d node, complete by now
     * @param local d node / d operand, from the operation's rule
     * @param total the operand's gradient after this step
     */
    void take(int node, int k, int operand, double upstream, double local, double total);
  }

  /** A listener that listens to nothing. */
  static final Step QUIET = (node, k, operand, upstream, local, total) -> {};

  private Sweep() {}

  /** {@return d output / d node for every node of {@code graph}, by topological position} */
  static double[] run(Graph graph, Step step) {
    double[] grads = new double[graph.size()];
    grads[graph.size() - 1] = 1.0; // d output / d output
    // Backwards through the topological order: every user of a node comes after it, so by the
    // time the sweep reaches a node, its gradient has received every contribution it will get
    for (int p = graph.size() - 1; p >= 0; p--) {
      Expr node = graph.node(p);
      for (int k = 0; k < node.arity(); k++) {
        int q = graph.operandPosition(p, k);
        double local = node.partial(k);
        grads[q] += grads[p] * local; // the chain rule: d out/d operand += d out/d node · local
        step.take(p, k, q, grads[p], local, grads[q]);
      }
    }
    return grads;
  }
}
