package io.github.puregrad.viz;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.grad.Gradients;

/**
 * A Mermaid flowchart of a computational graph, to paste into Markdown (GitHub renders a {@code
 * ```mermaid} block): the same boxes, operation circles and edges as {@link Dot}.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * String chart = Mermaid.of(Autodiff.backward(x.mul(x)));
 * // flowchart LR
 * //   v0["x | data 2.0000 | grad 4.0000"]
 * //   ...
 * }</pre>
 *
 * <p>Deterministic and iterative, like {@link Dot}; node names are topological positions.
 */
public final class Mermaid {
  private Mermaid() {}

  // -- static API

  /** {@return a flowchart of the graph of {@code output}, with data but no gradients} */
  public static String of(Expr output) {
    return render(Labels.of(output));
  }

  /** {@return a flowchart of {@code graph}, with data but no gradients} */
  public static String of(Graph graph) {
    return render(Labels.of(graph));
  }

  /** {@return a flowchart of the graph {@code grads} belongs to, with data and gradients} */
  public static String of(Gradients grads) {
    return render(Labels.of(grads));
  }

  private static String render(Labels labels) {
    Graph graph = labels.graph();
    long nodes = graph.size();
    StringBuilder out = new StringBuilder(Labels.capacity(nodes, 24));
    out.append("flowchart LR\n");
    StringBuilder part = new StringBuilder();
    for (int p = 0; p < graph.size(); p++) {
      part.setLength(0);
      String value = Labels.valueName(p);
      part.append("  ")
          .append(value)
          .append("[\"")
          .append(text(String.join(" | ", labels.fields(p))))
          .append("\"]\n");
      Expr node = graph.node(p);
      if (node.arity() > 0) {
        String op = Labels.opName(p);
        part.append("  ").append(op).append("((\"").append(text(node.symbol())).append("\"))\n");
        for (int k = 0; k < node.arity(); k++) {
          part.append("  ")
              .append(Labels.valueName(graph.operandPosition(p, k)))
              .append(" --> ")
              .append(op)
              .append('\n');
        }
        part.append("  ").append(op).append(" --> ").append(value).append('\n');
      }
      Labels.append(out, part, nodes, Labels.MAX_TEXT);
    }
    return out.toString();
  }

  /**
   * Mermaid's entity codes for what would end or confuse a quoted label: quotes, the entity mark,
   * angle brackets (HTML) and the backtick (a label starting with one is read as Markdown); control
   * characters become visible pictures.
   */
  private static String text(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    raw.codePoints()
        .map(Labels::visible)
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("#quot;");
                case '#' -> out.append("#35;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '`' -> out.append("#96;");
                case '&' -> out.append("#amp;");
                default -> out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
