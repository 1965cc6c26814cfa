package io.github.puregrad.viz;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.grad.Gradients;

/**
 * Graphviz DOT text of a computational graph, micrograd's {@code draw_dot}: one record-shaped box
 * per value ({@code label | data 2.0000 | grad -1.5000}), a small ellipse per operation, edges left
 * to right.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Expr y = x.mul(x).tanh();
 * String plain = Dot.of(y);                          // data only
 * String withGrads = Dot.of(Autodiff.backward(y));   // data and grad
 * Graphviz.installed().write(withGrads, Path.of("y.svg"));
 * }</pre>
 *
 * <p>The text is deterministic: nodes are named {@code v0, v1, ...} by topological position (ops
 * {@code v4op} after the value they compute), so the same graph always gives the same text. The
 * export walks the {@link Graph}'s order, never recursing, so graphs of any depth export. An
 * operand used twice ({@code x * x}) gets two edges, one per operand slot.
 */
public final class Dot {
  private Dot() {}

  // -- static API

  /** {@return DOT text of the graph of {@code output}, with data but no gradients} */
  public static String of(Expr output) {
    return render(Labels.of(output));
  }

  /** {@return DOT text of {@code graph}, with data but no gradients} */
  public static String of(Graph graph) {
    return render(Labels.of(graph));
  }

  /** {@return DOT text of the graph {@code grads} belongs to, with data and gradients} */
  public static String of(Gradients grads) {
    return render(Labels.of(grads));
  }

  private static String render(Labels labels) {
    Graph graph = labels.graph();
    long nodes = graph.size();
    StringBuilder out = new StringBuilder(Labels.capacity(nodes, 45));
    out.append("digraph puregrad {\n");
    out.append("  graph [rankdir=LR];\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
    StringBuilder part = new StringBuilder();
    for (int p = 0; p < graph.size(); p++) {
      part.setLength(0);
      String value = Labels.valueName(p);
      part.append("  ").append(value).append(" [shape=record, label=\"{ ");
      String[] fields = labels.fields(p);
      for (int f = 0; f < fields.length; f++) {
        part.append(f == 0 ? "" : " | ").append(recordField(fields[f]));
      }
      part.append(" }\"];\n");
      Expr node = graph.node(p);
      if (node.arity() > 0) {
        String op = Labels.opName(p);
        part.append("  ")
            .append(op)
            .append(" [shape=ellipse, height=0.3, label=\"")
            .append(quoted(node.symbol()))
            .append("\"];\n");
        part.append("  ").append(op).append(" -> ").append(value).append(";\n");
        for (int k = 0; k < node.arity(); k++) {
          part.append("  ")
              .append(Labels.valueName(graph.operandPosition(p, k)))
              .append(" -> ")
              .append(op)
              .append(";\n");
        }
      }
      Labels.append(out, part, nodes, Labels.MAX_TEXT - 2);
    }
    return out.append("}\n").toString();
  }

  /** A record field: besides the quoting, braces, bars and angle brackets are structure. */
  private static String recordField(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .map(Labels::visible)
        .forEach(
            c -> {
              if ("{}|<>\"\\".indexOf(c) >= 0) {
                out.append('\\');
              }
              out.appendCodePoint(c);
            });
    return out.toString();
  }

  /** A quoted string: quotes and backslashes escaped, control characters made visible. */
  private static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .map(Labels::visible)
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                out.append('\\');
              }
              out.appendCodePoint(c);
            });
    return out.toString();
  }
}
