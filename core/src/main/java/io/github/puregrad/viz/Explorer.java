package io.github.puregrad.viz;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.grad.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An interactive backprop explorer: one self-contained HTML page (inline CSS, JavaScript and SVG,
 * nothing loaded from the network, so it works from {@code file://}) that steps through the forward
 * pass and then the backward pass of an expression, node by node.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Explorer.write(x.mul(x).tanh(), Path.of("x.html"));   // open it in a browser; Next, Back, ← →
 * String page = Explorer.of(x.mul(x).tanh());          // the same page as text
 * }</pre>
 *
 * <p>The graph is laid out left to right as in the {@link Dot} picture: a box per value ({@code
 * label | data | grad}) with its operation in an ellipse on its left. Step 1 to {@code n} compute
 * the {@code n} nodes in topological order; step {@code n + 1} seeds the output's gradient with 1;
 * every later step is one edge of {@link Trace#edges()}, in order: the page shows the upstream
 * gradient, the local derivative, their product and the gradient accumulated so far in the operand,
 * which is the node the step marks with {@code aria-current="step"}. All numbers are Trace's,
 * written into the page, so the page and {@code Trace} cannot disagree. {@code page.html#step=N}
 * opens at step N (past the end: the last step).
 *
 * <p>Graphs of more than {@link #MAX_NODES} nodes are refused: a page with thousands of boxes and
 * steps is no longer something to step through. Nothing here recurses over the graph, so even a
 * chain of a million nodes gets that message rather than a stack overflow.
 */
public final class Explorer {
  /** The largest graph the explorer draws: a few thousand boxes still scroll smoothly. */
  public static final int MAX_NODES = 2_000;

  // the layout, in SVG pixels: a column per rank, a row per node of the rank
  private static final int BOX_W = 132;
  private static final int BOX_H = 54;
  private static final int OP_R = 20; // half the width of an operation's ellipse: "tanh" fits
  private static final int BOX_X = 2 * OP_R + 14; // the box starts right of its operation ellipse
  private static final int GAP_X = 56; // between a box and the next column's operation
  private static final int GAP_Y = 22;
  private static final int COL_W = BOX_X + BOX_W + GAP_X;
  private static final int ROW_H = BOX_H + GAP_Y;
  private static final int MARGIN = 12;
  private static final int LABEL_CHARS = 16;

  private Explorer() {}

  // -- static API

  /**
   * {@return the explorer page for the graph of {@code output}}
   *
   * @throws IllegalArgumentException if the graph has more than {@link #MAX_NODES} nodes
   */
  public static String of(Expr output) {
    Objects.requireNonNull(output, "output is null");
    int size = Graph.of(output).size();
    if (size > MAX_NODES) {
      throw new IllegalArgumentException(
          "a graph of "
              + size
              + " nodes is too large for the explorer (at most "
              + MAX_NODES
              + "): use Trace.of(output).render() or Dot.of(output) instead");
    }
    return new Page(Trace.of(output)).html();
  }

  /**
   * Writes the explorer page for the graph of {@code output} to {@code file}, creating its
   * directory if needed.
   *
   * @return {@code file}
   * @throws IllegalArgumentException if the graph has more than {@link #MAX_NODES} nodes
   * @throws UncheckedIOException if the file cannot be written
   */
  public static Path write(Expr output, Path file) {
    Objects.requireNonNull(file, "file is null");
    String html = of(output);
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** One page: the layout of a traced graph, then its text. */
  private static final class Page {
    private final Trace trace;
    private final Graph graph;
    private final int[] rank;
    private final int[] row;
    private final int[] rowsInRank;
    private final int rows;

    Page(Trace trace) {
      this.trace = trace;
      this.graph = trace.graph();
      int n = graph.size();
      rank = ranks(graph);
      int ranks = Arrays.stream(rank).max().orElse(0) + 1;
      rowsInRank = new int[ranks];
      row = new int[n];
      // within a rank, topological order: operands of one node end up next to each other
      for (int p = 0; p < n; p++) {
        row[p] = rowsInRank[rank[p]]++;
      }
      rows = Arrays.stream(rowsInRank).max().orElse(1);
    }

    /**
     * A node's rank is its column: an operation one right of its furthest operand, a leaf one left
     * of its nearest user, as Graphviz places them. One loop each way over the topological order.
     */
    private static int[] ranks(Graph graph) {
      int n = graph.size();
      int[] rank = new int[n];
      for (int p = 0; p < n; p++) {
        for (int k = 0; k < graph.node(p).arity(); k++) {
          rank[p] = Math.max(rank[p], rank[graph.operandPosition(p, k)] + 1);
        }
      }
      int[] nearestUser = new int[n];
      Arrays.fill(nearestUser, Integer.MAX_VALUE);
      for (int p = 0; p < n; p++) {
        for (int k = 0; k < graph.node(p).arity(); k++) {
          int q = graph.operandPosition(p, k);
          nearestUser[q] = Math.min(nearestUser[q], rank[p]);
        }
      }
      for (int p = 0; p < n; p++) {
        if (graph.node(p).arity() == 0 && nearestUser[p] != Integer.MAX_VALUE) {
          rank[p] = nearestUser[p] - 1;
        }
      }
      return rank;
    }

    private int x(int p) {
      return MARGIN + rank[p] * COL_W;
    }

    /** The top of the node's box; each column is centred on the tallest. */
    private int y(int p) {
      return MARGIN + (rows - rowsInRank[rank[p]]) * ROW_H / 2 + row[p] * ROW_H;
    }

    String html() {
      int n = graph.size();
      int width = 2 * MARGIN + (maxRank() + 1) * COL_W - GAP_X;
      int height = 2 * MARGIN + rows * ROW_H - GAP_Y;
      String title = "backprop explorer: " + formula(n - 1);
      StringBuilder out = new StringBuilder(4096 + n * 700);
      out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<title>puregrad ")
          .append(escape(title))
          .append("</title>\n<style>\n")
          .append(STYLE)
          .append("</style>\n</head>\n<body>\n<header>\n<h1>")
          .append(escape(title))
          .append("</h1>\n<nav aria-label=\"steps\">\n")
          .append("<button type=\"button\" id=\"back\">&#9664; Back</button>\n")
          .append("<span id=\"counter\">step 1</span>\n")
          .append("<button type=\"button\" id=\"next\">Next &#9654;</button>\n")
          .append("<span class=\"hint\">or the arrow keys &#8592; &#8594; (Home, End);")
          .append(" link to a step with #step=N</span>\n</nav>\n")
          .append("<p class=\"hint\"><span class=\"key current\"></span> the step's node:")
          .append(" computed, or receiving a gradient;")
          .append(" <span class=\"key source\"></span> the node passing its gradient back</p>\n")
          .append("<section id=\"panel\" aria-live=\"polite\">\n")
          .append("<p id=\"phase\"></p>\n<p id=\"what\"></p>\n<dl>\n")
          .append(field("value", "value"))
          .append(field("upstream", "upstream gradient"))
          .append(field("local", "local derivative"))
          .append(field("product", "product"))
          .append(field("accumulated", "gradient so far"))
          .append("</dl>\n</section>\n</header>\n<main>\n")
          .append("<svg id=\"graph\" width=\"")
          .append(width)
          .append("\" height=\"")
          .append(height)
          .append("\" role=\"img\" aria-label=\"the computational graph\">\n")
          .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
          .append(
              " markerUnits=\"userSpaceOnUse\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
          .append("<path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
      edges(out);
      for (int p = 0; p < n; p++) {
        node(out, p);
      }
      out.append("</svg>\n</main>\n<script>\n");
      data(out);
      out.append(SCRIPT).append("</script>\n</body>\n</html>\n");
      return out.toString();
    }

    /** "v9 = tanh(v8)" for an operation, the name alone for a leaf. */
    private String formula(int p) {
      return graph.node(p).arity() == 0 ? trace.name(p) : trace.name(p) + " = " + trace.formula(p);
    }

    private int maxRank() {
      return rowsInRank.length - 1;
    }

    private static String field(String id, String term) {
      return "<div class=\"field\" id=\"f-"
          + id
          + "\"><dt>"
          + term
          + "</dt><dd id=\""
          + id
          + "\"></dd></div>\n";
    }

    /** One path per operand slot, from the operand's box to the node's operation ellipse. */
    private void edges(StringBuilder out) {
      for (int p = 0; p < graph.size(); p++) {
        Expr node = graph.node(p);
        for (int k = 0; k < node.arity(); k++) {
          int q = graph.operandPosition(p, k);
          int x1 = x(q) + BOX_X + BOX_W;
          int y1 = y(q) + BOX_H / 2;
          int x2 = x(p);
          int y2 = y(p) + BOX_H / 2 + (node.arity() == 2 ? (2 * k - 1) * 6 : 0);
          int bend = Math.max(24, (x2 - x1) / 2);
          out.append("<path class=\"edge\" id=\"e")
              .append(p)
              .append('-')
              .append(k)
              .append("\" d=\"M")
              .append(x1)
              .append(',')
              .append(y1)
              .append(" C")
              .append(x1 + bend)
              .append(',')
              .append(y1)
              .append(' ')
              .append(x2 - bend)
              .append(',')
              .append(y2)
              .append(' ')
              .append(x2)
              .append(',')
              .append(y2)
              .append("\" marker-end=\"url(#arrow)\"/>\n");
        }
      }
    }

    private void node(StringBuilder out, int p) {
      Expr node = graph.node(p);
      int x = x(p);
      int y = y(p);
      String name = trace.name(p);
      boolean leaf = node.arity() == 0;
      out.append("<g class=\"node\" id=\"n")
          .append(p)
          .append("\" data-pos=\"")
          .append(p)
          .append("\" data-leaf=\"")
          .append(leaf)
          .append("\">\n<title>")
          .append(escape(formula(p)))
          .append("</title>\n");
      if (!leaf) {
        int cy = y + BOX_H / 2;
        out.append("<ellipse class=\"op\" cx=\"")
            .append(x + OP_R)
            .append("\" cy=\"")
            .append(cy)
            .append("\" rx=\"")
            .append(OP_R)
            .append("\" ry=\"13\"/>\n<text class=\"op\" x=\"")
            .append(x + OP_R)
            .append("\" y=\"")
            .append(cy + 4)
            .append("\">")
            .append(escape(shorten(node.symbol(), 4)))
            .append("</text>\n<path class=\"link\" d=\"M")
            .append(x + 2 * OP_R)
            .append(',')
            .append(cy)
            .append(" H")
            .append(x + BOX_X)
            .append("\"/>\n");
      }
      int bx = x + BOX_X;
      out.append("<rect x=\"")
          .append(bx)
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(BOX_W)
          .append("\" height=\"")
          .append(BOX_H)
          .append("\" rx=\"4\"/>\n")
          .append(text("label", bx, y + 15, shorten(name, LABEL_CHARS)))
          .append(text("data", bx, y + 32, "data " + Labels.number(node.value())))
          .append(text("grad", bx, y + 48, "grad"))
          .append("</g>\n");
    }

    private static String text(String kind, int x, int y, String text) {
      return "<text class=\""
          + kind
          + "\" x=\""
          + (x + 8)
          + "\" y=\""
          + y
          + "\">"
          + escape(text)
          + "</text>\n";
    }

    /** The nodes and steps for the script: every number is Trace's, not recomputed in the page. */
    private void data(StringBuilder out) {
      int n = graph.size();
      out.append("const NODES = [\n");
      for (int p = 0; p < n; p++) {
        Expr node = graph.node(p);
        out.append("{name: ")
            .append(js(trace.name(p)))
            .append(", formula: ")
            .append(js(node.arity() == 0 ? "" : trace.formula(p)))
            .append(", value: ")
            .append(node.value())
            .append("},\n");
      }
      out.append("];\nconst STEPS = [\n");
      for (int p = 0; p < n; p++) {
        out.append("{kind: 'forward', node: ").append(p).append("},\n");
      }
      out.append("{kind: 'seed', node: ").append(n - 1).append("},\n");
      for (Trace.Edge edge : trace.edges()) {
        int p = graph.positionOf(edge.node());
        int q = graph.positionOf(edge.operand());
        out.append("{kind: 'backward', from: ")
            .append(p)
            .append(", index: ")
            .append(edge.index())
            .append(", node: ")
            .append(q)
            .append(", upstream: ")
            .append(edge.upstream())
            .append(", local: ")
            .append(edge.local())
            .append(", product: ")
            .append(edge.contribution())
            .append(", accumulated: ")
            .append(edge.total()) // the sweep's own sum, not added up again here
            .append("},\n");
      }
      out.append("];\n");
    }
  }

  /** At most {@code max} characters, the rest as an ellipsis (the full text is in the title). */
  private static String shorten(String text, int max) {
    return text.codePointCount(0, text.length()) <= max
        ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "\u2026";
  }

  /** Text for an HTML or SVG element or attribute: markup characters as entities. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .map(Labels::visible)
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /**
   * A JavaScript string literal that is safe inside a {@code <script>} element: quotes and
   * backslashes escaped, and {@code <}, {@code >}, {@code &} as {@code \\u} escapes so that a label
   * {@code </script>} cannot end the script.
   */
  static String js(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints()
        .map(Labels::visible)
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else if (c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                out.append("\\u").append(String.format(Locale.ROOT, "%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }

  private static final String STYLE =
      """
      body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa;
        height: 100vh; display: flex; flex-direction: column; }
      header { flex: none; background: #fff; border-bottom: 1px solid #ccc; padding: 8px 16px; }
      h1 { font-size: 16px; margin: 0 0 6px; font-family: ui-monospace, monospace; }
      nav { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
      button { font: inherit; padding: 4px 14px; border: 1px solid #888; border-radius: 4px;
        background: #f0f0f0; cursor: pointer; }
      button:disabled { opacity: 0.4; cursor: default; }
      #counter { font-weight: 600; display: inline-block; min-width: 13em; }
      .hint { color: #666; font-size: 12px; margin: 4px 0 0; }
      .key { display: inline-block; width: 14px; height: 9px; vertical-align: middle;
        border: 2.5px solid #d9480f; background: #fff4d6; }
      .key.source { border: 2.5px dashed #1c5fb8; background: #fff; }
      #panel { margin-top: 6px; min-height: 5.5em; }
      #panel p { margin: 2px 0; font-family: ui-monospace, monospace; }
      #phase { font-weight: 600; }
      dl { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 4px 0 0; }
      .field { display: flex; gap: 6px; }
      .field[hidden] { display: none; }
      dt { color: #555; }
      dt::after { content: ":"; }
      dd { margin: 0; font-family: ui-monospace, monospace; font-weight: 600; }
      main { flex: 1; min-height: 0; padding: 12px; overflow: auto; } /* only the graph scrolls */
      svg { display: block; }
      .edge { fill: none; stroke: #999; stroke-width: 1.2; }
      .edge.active { stroke: #d9480f; stroke-width: 3; }
      #arrow path { fill: #999; }
      .link { stroke: #999; }
      rect { fill: #fff; stroke: #555; stroke-width: 1; }
      ellipse.op { fill: #eef; stroke: #555; }
      text { font: 12px ui-monospace, monospace; fill: #222; }
      text.op { text-anchor: middle; font-weight: 600; font-size: 11px; }
      text.label { font-weight: 700; }
      text.grad { fill: #1c5fb8; }
      .node.pending { opacity: 0.3; }
      .node.pending text.data { visibility: hidden; }
      .node.source rect { stroke: #1c5fb8; stroke-width: 2.5; stroke-dasharray: 5 3; }
      .node[aria-current="step"] rect { fill: #fff4d6; stroke: #d9480f; stroke-width: 3; }
      .node[aria-current="step"] ellipse.op { stroke: #d9480f; stroke-width: 2; }
      """;

  /**
   * The page's behaviour: show step {@code current} by replaying the steps before it (a loop, so a
   * long backward pass is no deeper on the stack than a short one).
   */
  private static final String SCRIPT =
      """
      const FORWARD = NODES.length;
      let current = 0;
      const $ = id => document.getElementById(id);
      const show = (id, text) => {
        $('f-' + id).hidden = text === null;
        $(id).textContent = text === null ? '' : String(text);
      };
      const fixed = x => Number.isFinite(x) ? x.toFixed(4) : String(x);
      function render() {
        const step = STEPS[current];
        const backward = current > FORWARD - 1;
        const grads = NODES.map(() => 0);
        for (let s = FORWARD; s <= current; s++) {
          const t = STEPS[s];
          grads[t.node] = t.kind === 'seed' ? 1 : t.accumulated;
        }
        NODES.forEach((node, p) => {
          const g = $('n' + p);
          g.classList.toggle('pending', !backward && p > current);
          g.classList.toggle('source', step.kind === 'backward' && step.from === p);
          if (p === step.node) g.setAttribute('aria-current', 'step');
          else g.removeAttribute('aria-current');
          const grad = g.querySelector('text.grad');
          if (backward) {
            g.setAttribute('data-grad', String(grads[p]));
            grad.textContent = 'grad ' + fixed(grads[p]);
          } else {
            g.removeAttribute('data-grad');
            grad.textContent = 'grad';
          }
        });
        document.querySelectorAll('.edge.active').forEach(e => e.classList.remove('active'));
        const node = NODES[step.node];
        ['value', 'upstream', 'local', 'product', 'accumulated'].forEach(id => show(id, null));
        if (step.kind === 'forward') {
          $('phase').textContent = 'forward pass: compute ' + node.name;
          $('what').textContent = node.formula === ''
            ? node.name + ' is a leaf: its value is given'
            : node.name + ' = ' + node.formula + ' = ' + fixed(node.value);
          show('value', node.value);
        } else if (step.kind === 'seed') {
          $('phase').textContent = 'backward pass: start at the output';
          $('what').textContent = 'grad ' + node.name + ' = d' + node.name + '/d' + node.name
            + ' = 1';
          show('accumulated', 1);
        } else {
          const from = NODES[step.from];
          $('e' + step.from + '-' + step.index).classList.add('active');
          $('phase').textContent = 'backward pass: ' + from.name + ' = ' + from.formula;
          $('what').textContent = 'grad ' + node.name + ' += grad ' + from.name + ' * d'
            + from.name + '/d' + node.name;
          show('upstream', step.upstream);
          show('local', step.local);
          show('product', step.product);
          show('accumulated', step.accumulated);
        }
        $('counter').textContent = 'step ' + (current + 1) + ' of ' + STEPS.length
          + (backward ? ' (backward)' : ' (forward)');
        $('back').disabled = current === 0;
        $('next').disabled = current === STEPS.length - 1;
        $('n' + step.node).scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const hash = '#step=' + (current + 1);
        if (location.hash !== hash) {
          try { history.replaceState(null, '', hash); } catch (e) { /* some file:// viewers */ }
        }
      }
      function go(step) {
        current = Math.max(0, Math.min(STEPS.length - 1, step));
        render();
      }
      function fromHash() {
        const m = /^#step=(\\d+)$/.exec(location.hash);
        go(m ? parseInt(m[1], 10) - 1 : 0);
      }
      $('next').addEventListener('click', () => go(current + 1));
      $('back').addEventListener('click', () => go(current - 1));
      document.addEventListener('keydown', e => {
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        const to = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0,
          End: STEPS.length - 1 }[e.key];
        if (to !== undefined) { e.preventDefault(); go(to); }
      });
      window.addEventListener('hashchange', fromHash);
      fromHash();
      """;
}
