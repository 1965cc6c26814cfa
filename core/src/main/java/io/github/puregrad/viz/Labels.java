package io.github.puregrad.viz;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.grad.Gradients;
import java.util.Arrays;
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

  /**
   * {@return the fields of the value box at {@code position}: its label if it has one (an unnamed
   * node draws no empty field), data, and grad when there are gradients}
   */
  String[] fields(int position) {
    Expr node = graph.node(position);
    String data = "data " + number(node.value());
    String[] fields =
        grads == null
            ? new String[] {node.label(), data}
            : new String[] {node.label(), data, "grad " + number(grads.at(position))};
    return node.label().isEmpty() ? Arrays.copyOfRange(fields, 1, fields.length) : fields;
  }

  static String valueName(int position) {
    return "v" + position;
  }

  static String opName(int position) {
    return "v" + position + "op";
  }

  /** The longest text a String holds on common JVMs (an array of at most this many elements). */
  static final long MAX_TEXT = Integer.MAX_VALUE - 8;

  /**
   * {@return the initial capacity for the text of {@code nodes} nodes of at least {@code perNode}
   * characters each}
   *
   * @throws IllegalArgumentException if even that much text would not fit in a String
   */
  static int capacity(long nodes, int perNode) {
    long least = 64 + nodes * perNode;
    if (least > MAX_TEXT) {
      throw tooLarge(nodes);
    }
    return (int) least;
  }

  /**
   * Appends {@code part} to {@code out}, the text of a graph of {@code nodes} nodes, unless the
   * text would grow past {@code limit} characters: a clear error instead of the builder's {@code
   * NegativeArraySizeException} or {@code OutOfMemoryError} when its length overflows.
   */
  static void append(StringBuilder out, CharSequence part, long nodes, long limit) {
    if ((long) out.length() + part.length() > limit) {
      throw tooLarge(nodes);
    }
    out.append(part);
  }

  private static IllegalArgumentException tooLarge(long nodes) {
    return new IllegalArgumentException(
        "a graph of "
            + nodes
            + " nodes is too large to export as text: more than "
            + MAX_TEXT
            + " characters, the most a String holds");
  }

  /**
   * {@return {@code c} as something every viewer shows: a control character as its Unicode "control
   * picture" (NUL as U+2400), a line break as a space, a lone surrogate as U+FFFD, anything else as
   * it is}
   */
  static int visible(int c) {
    if (c == '\n' || c == 0x2028 || c == 0x2029) {
      return ' ';
    }
    if (c < 0x20) {
      return 0x2400 + c; // NUL would end a C string in Graphviz; ESC would drive a terminal
    }
    if (c == 0x7F) {
      return 0x2421;
    }
    if (Character.isSurrogate((char) c)) {
      return 0xFFFD; // a lone surrogate: no encoding can write it, so UTF-8 output would fail
    }
    return Character.isISOControl(c) ? 0xFFFD : c;
  }

  /** micrograd's {@code %.4f}, with a '.' whatever the default locale. */
  static String number(double x) {
    return String.format(Locale.ROOT, "%.4f", x);
  }
}
