package io.github.puregrad.check;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import java.util.function.ToDoubleFunction;

/** Re-evaluates a graph with other leaf values, by rebuilding it through the public factories. */
final class Rebuild {
  private Rebuild() {}

  /** {@return the value of {@code graph}'s output when each leaf holds {@code values(leaf)}} */
  static double value(Graph graph, ToDoubleFunction<Expr.Leaf> values) {
    Expr[] rebuilt = new Expr[graph.size()];
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      if (node instanceof Expr.Binary b) {
        rebuilt[p] = operand(rebuilt, graph, p, 0).apply(b.op(), operand(rebuilt, graph, p, 1));
      } else if (node instanceof Expr.Unary u) {
        rebuilt[p] = operand(rebuilt, graph, p, 0).apply(u.op());
      } else {
        Expr.Leaf leaf = (Expr.Leaf) node;
        rebuilt[p] = leaf.withValue(values.applyAsDouble(leaf));
      }
    }
    return rebuilt[rebuilt.length - 1].value();
  }

  private static Expr operand(Expr[] rebuilt, Graph graph, int p, int k) {
    return rebuilt[graph.operandPosition(p, k)];
  }
}
