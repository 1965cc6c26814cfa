package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;

/**
 * The result of {@link Symbolic#backward}: d output / d node for every node of the graph, each as
 * an {@link Expr} built from the same node kinds, so it can be evaluated, printed or differentiated
 * again. Immutable.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Derivatives d = Symbolic.backward(x.pow(3));
 * Expr dx = d.get(x);   // 3 x^2, itself an expression in x
 * dx.value();           // 12.0
 * }</pre>
 */
public final class Derivatives {
  private final Graph graph;
  private final Expr[] adjoints; // by topological position; null where the derivative is 0

  Derivatives(Graph graph, Expr[] adjoints) {
    this.graph = graph;
    this.adjoints = adjoints;
  }

  /**
   * {@return d output / d node as an expression; a new constant 0 for a node the output does not
   * depend on}
   */
  public Expr get(Expr node) {
    int position = graph.positionOf(node);
    return position < 0 ? Expr.of(0.0) : at(position);
  }

  /** {@return the derivative at topological position {@code position} of {@link #graph()}} */
  public Expr at(int position) {
    Expr adjoint = adjoints[position];
    return adjoint == null ? Expr.of(0.0) : adjoint;
  }

  /** {@return the graph these derivatives belong to} */
  public Graph graph() {
    return graph;
  }

  @Override
  public String toString() {
    return "Derivatives[size=" + adjoints.length + ", output=" + graph.output() + "]";
  }
}
