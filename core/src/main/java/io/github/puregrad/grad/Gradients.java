package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.Lazy;
import io.vavr.Tuple;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The immutable result of {@link Autodiff#backward}: d output / d node for every node of the graph,
 * looked up by {@link Expr#id()}, so a parameter's {@link Expr.Leaf#withValue} copy finds it too.
 *
 * <pre>{@code
 * Expr a = Expr.of(-4.0, "a");
 * Expr b = Expr.of(2.0, "b");
 * Gradients grads = Autodiff.backward(a.mul(b));
 * grads.get(a);   // 2.0
 * grads.get(b);   // -4.0
 * }</pre>
 */
public final class Gradients {
  private final Expr output;
  private final Lazy<Graph> graph; // built on first use where the walk placed no positions
  private final ToDoubleFunction<Expr> byNode; // reads numbers nothing writes after construction

  /** {@code byNode} gives each node's gradient; {@code graph} is computed once, when asked. */
  Gradients(Expr output, Supplier<Graph> graph, ToDoubleFunction<Expr> byNode) {
    this.output = output;
    this.graph = Lazy.of(graph);
    this.byNode = byNode;
  }

  /** {@return the gradients {@code grads}, by topological position in {@code graph}} */
  static Gradients byPosition(Graph graph, double[] grads) {
    return new Gradients(
        graph.output(),
        () -> graph,
        node -> {
          int p = graph.positionOf(node);
          return p < 0 ? 0.0 : grads[p];
        });
  }

  /** {@return d output / d node; 0.0 for a node the output does not depend on} */
  public double get(Expr node) {
    return byNode.applyAsDouble(node);
  }

  /** {@return the gradient at topological position {@code position} of {@link #graph()}} */
  public double at(int position) {
    return get(graph().node(position));
  }

  /** {@return the expression that was differentiated} */
  public Expr output() {
    return output;
  }

  /** {@return the graph these gradients belong to (walked on the first call, if need be)} */
  public Graph graph() {
    return graph.get();
  }

  /** {@return every node with its gradient, in topological order (built on each call, O(n))} */
  public Map<Expr, Double> asMap() {
    return LinkedHashMap.ofEntries(graph().nodes().map(node -> Tuple.of(node, get(node))));
  }

  @Override
  public String toString() {
    return "Gradients[output=" + output + "]";
  }
}
