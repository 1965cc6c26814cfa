package io.github.puregrad.viz;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.grad.Gradients;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the text exports share: the graph to draw, its gradients if any, and the words in a box.
 * Nodes are named by topological position, not by id, so the same graph gives the same text.
 */
final class Labels {
  private final Graph graph;
  private final @Nullable Gradients grads;

  private Labels(Graph graph, @Nullable Gradients grads) {
    this.graph = graph;
    this.grads = grads;
  }

  static Labels of(Expr output) {
    return new Labels(Graph.of(Objects.requireNonNull(output, "output is null")), null);
  }

  static Labels of(Graph graph) {
    return new Labels(Objects.requireNonNull(graph, "graph is null"), null);
  }

  static Labels of(Gradients grads) {
    Objects.requireNonNull(grads, "grads is null");
    return new Labels(grads.graph(), grads);
  }

  Graph graph() {
    return graph;
  }

  /** {@return the fields of the value box at {@code position}: label, data and maybe grad} */
  String[] fields(int position) {
    Expr node = graph.node(position);
    String label = node instanceof Expr.Leaf leaf ? leaf.label() : "";
    String data = "data " + number(node.value());
    return grads == null
        ? new String[] {label, data}
        : new String[] {label, data, "grad " + number(grads.at(position))};
  }

  static String valueName(int position) {
    return "v" + position;
  }

  static String opName(int position) {
    return "v" + position + "op";
  }

  /** micrograd's {@code %.4f}, with a '.' whatever the default locale. */
  static String number(double x) {
    return String.format(Locale.ROOT, "%.4f", x);
  }
}
