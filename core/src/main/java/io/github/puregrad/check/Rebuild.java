package io.github.puregrad.check;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import java.util.function.ToDoubleFunction;

/** Re-evaluates a graph with other leaf values, by rebuilding it through the public factories. */
final class Rebuild {
  private Rebuild() {}

  /** {@return the value of {@code graph}'s output when each leaf holds {@code values(leaf)}} */
  static double value(Graph graph, ToDoubleFunction<Expr.Leaf> values) {
    Expr[] rebuilt = rebuild(graph, values);
    return rebuilt[rebuilt.length - 1].value();
  }

  /**
   * Checks that each operation gives again, for the same operands, the value its node holds; a
   * finite difference of a function that is not one would measure noise.
   *
   * @throws IllegalArgumentException naming the first operation that does not
   */
  static void requireDeterministic(Graph graph) {
    Expr[] rebuilt = rebuild(graph, Expr.Leaf::value);
    for (int p = 0; p < rebuilt.length; p++) {
      Expr node = graph.node(p);
      if (Double.compare(rebuilt[p].value(), node.value()) != 0) {
        throw new IllegalArgumentException(
            "operation '"
                + node.symbol()
                + "' gave "
                + node.value()
                + " when the graph was built and "
                + rebuilt[p].value()
                + " now, for the same operands: its f must be deterministic, since tapes,"
                + " symbolic derivatives and checks evaluate it again and need the node's value");
      }
    }
  }

  private static Expr[] rebuild(Graph graph, ToDoubleFunction<Expr.Leaf> values) {
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
    return rebuilt;
  }

  private static Expr operand(Expr[] rebuilt, Graph graph, int p, int k) {
    return rebuilt[graph.operandPosition(p, k)];
  }
}
