package io.github.puregrad.grad;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backpropagation as data: every chain-rule step of a backward pass, in the order {@link
 * Autodiff#backward} takes them, for study and for tests.
 *
 * <pre>{@code
 * Expr x = Expr.of(3.0, "x");
 * Trace trace = Trace.of(x.mul(x).tanh());
 * trace.edges();      // 3 edges: tanh -> x*x, then x*x -> x twice
 * trace.render();     // the forward values, one line per step, the gradients
 * }</pre>
 *
 * <p>A step is one edge from a node to one of its operands: the node's upstream gradient d output /
 * d node (complete by then, since every user of the node comes later in topological order), the
 * local derivative d node / d operand, and their product, the contribution added to the operand's
 * gradient. The gradient of a node is the sum of the contributions it receives (1 for the output),
 * which is what {@code backward} computes.
 *
 * @param graph the graph that was differentiated
 * @param edges the chain-rule steps, one per edge, output first
 */
public record Trace(Graph graph, Vector<Trace.Edge> edges) {
  public Trace {
    Objects.requireNonNull(graph, "graph is null");
    Objects.requireNonNull(edges, "edges is null");
  }

  // -- static API

  /** {@return the trace of the backward pass of {@code output}: the sweep's steps, as data} */
  public static Trace of(Expr output) {
    Objects.requireNonNull(output, "output is null");
    Graph graph = Graph.of(output);
    List<Edge> edges = new ArrayList<>();
    Autodiff.sweep(
        graph,
        (p, k, q, upstream, local, total) ->
            edges.add(new Edge(graph.node(p), k, graph.node(q), upstream, local, total)));
    return new Trace(graph, Vector.ofAll(edges));
  }

  /**
   * One chain-rule step along one edge of the graph: {@code grad(operand) += upstream * local}.
   *
   * @param node the node whose gradient flows back
   * @param index which operand of {@code node}, from 0
   * @param operand the operand receiving the contribution
   * @param upstream d output / d node
   * @param local d node / d operand
   * @param total the operand's gradient after this step: the sum of its contributions so far
   */
  public record Edge(
      Expr node, int index, Expr operand, double upstream, double local, double total) {
    public Edge {
      Objects.requireNonNull(node, "node is null");
      Objects.requireNonNull(operand, "operand is null");
    }

    /** {@return upstream * local: what this step adds to the operand's gradient} */
    public double contribution() {
      return upstream * local;
    }
  }

  // -- non-static API

  /** {@return the gradients the steps add up to, as {@link Autodiff#backward} gives them} */
  public Gradients gradients() {
    double[] grads = new double[graph.size()];
    grads[graph.size() - 1] = 1.0;
    for (Edge step : edges) { // each operand's gradient is its last step's total
      grads[graph.positionOf(step.operand())] = step.total();
    }
    return Gradients.byPosition(graph, grads);
  }

  /**
   * {@return a plain-text account of the backward pass}: the forward values, then one numbered line
   * per step, then every leaf's gradient. Nodes are named by their labels; unlabelled, a leaf (a
   * constant) is {@code c<position>}, an operation {@code v<position>}.
   */
  public String render() {
    StringBuilder text = new StringBuilder("forward\n");
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      text.append("  ").append(name(graph, p)).append(" = ");
      if (node.arity() > 0) {
        text.append(formula(graph, p)).append(" = ");
      }
      text.append(number(node.value())).append('\n');
    }
    String out = name(graph, graph.size() - 1);
    text.append("backward, each node's grad = d").append(out).append("/d(node)\n");
    text.append("  grad ").append(out).append(" = 1\n");
    int n = 0;
    for (Edge step : edges) {
      String node = name(graph, graph.positionOf(step.node()));
      String operand = name(graph, graph.positionOf(step.operand()));
      text.append(
          String.format(
              Locale.ROOT,
              "  %d. %s = %s: grad %s += grad %s * d%s/d%s = %s * %s = %s%n",
              ++n,
              node,
              formula(graph, graph.positionOf(step.node())),
              operand,
              node,
              node,
              operand,
              number(step.upstream()),
              number(step.local()),
              number(step.contribution())));
    }
    text.append("gradients\n");
    Gradients grads = gradients();
    for (int p = 0; p < graph.size(); p++) {
      if (graph.node(p).arity() == 0) {
        text.append("  grad ").append(name(graph, p)).append(" = ");
        text.append(number(grads.at(p))).append('\n');
      }
    }
    return text.toString();
  }

  /**
   * {@return the name {@link #render()} gives the node at topological {@code position}}: its label;
   * without one, {@code c<position>} for a leaf, {@code v<position>} for an operation; for pictures
   * that must agree with the text.
   */
  public String name(int position) {
    return name(graph, position);
  }

  /**
   * {@return the operation at topological {@code position} applied to its operands' names, as
   * {@link #render()} writes it} ({@code "x1 * w1"}, {@code "tanh(v8)"}; a leaf's symbol for a
   * leaf)
   */
  public String formula(int position) {
    return formula(graph, position);
  }

  // a variable of a dfText is a letter on its own: the x of "cos x", not the one of "exp"
  private static final Pattern VARIABLE =
      Pattern.compile("(?<![\\p{L}\\d_])[xyab](?![\\p{L}\\d_])");

  /**
   * {@return the local derivative ∂node/∂operand k of the node at {@code position} as text in the
   * nodes' names}: the operation's {@code dfText} ({@code "1 − o²"} for {@code o = tanh(n)}), or,
   * for an operation that gives none, its name ({@code "myexp′(n)"}, {@code "∂hypot/∂x"})
   */
  public String localDerivative(int position, int k) {
    Expr node = graph.node(position);
    Objects.checkIndex(k, node.arity());
    String text;
    if (node instanceof Expr.Unary u) {
      text = u.op().dfText().isEmpty() ? u.op().symbol() + "′(x)" : u.op().dfText();
    } else {
      BinaryOp op = ((Expr.Binary) node).op();
      text = op.dfText().isEmpty() ? "∂" + op.symbol() + "/∂" + "ab".charAt(k) : op.dfText().get(k);
    }
    Map<String, String> names = new HashMap<>();
    names.put("y", name(graph, position));
    for (int j = 0; j < node.arity(); j++) {
      names.put(
          node.arity() == 1 ? "x" : j == 0 ? "a" : "b",
          name(graph, graph.operandPosition(position, j)));
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(names.getOrDefault(m.group(), m.group())));
    }
    return m.appendTail(out).toString();
  }

  @Override
  public String toString() {
    return "Trace[edges=" + edges.size() + ", output=" + graph.output() + "]";
  }

  /** A node's label; without one, {@code c<p>} for a leaf, {@code v<p>} for an operation. */
  static String name(Graph graph, int p) {
    Expr node = graph.node(p);
    if (!node.label().isEmpty()) {
      return node.label();
    }
    return node.arity() == 0 ? "c" + p : "v" + p;
  }

  /** The operation at {@code p} applied to its operands' names: "x * w", "tanh(v4)", "v2^2". */
  static String formula(Graph graph, int p) {
    Expr node = graph.node(p);
    return formula(node, k -> name(graph, graph.operandPosition(p, k)));
  }

  /** {@code node}'s operation applied to the names of its operands, by the operation's notation. */
  static String formula(Expr node, java.util.function.IntFunction<String> operand) {
    if (node instanceof Expr.Binary b) {
      return b.op().format(operand.apply(0), operand.apply(1));
    }
    if (node instanceof Expr.Unary u) {
      return u.op().format(operand.apply(0));
    }
    return node.symbol(); // a leaf: no operation
  }

  /** Short, stable numbers: integers without ".0", others to 6 significant digits. */
  static String number(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    if (!Double.isFinite(x)) {
      return Double.toString(x);
    }
    String s = String.format(Locale.ROOT, "%.6g", x);
    return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
