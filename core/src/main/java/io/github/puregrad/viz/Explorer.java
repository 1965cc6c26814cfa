package io.github.puregrad.viz;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.expr.UnaryOp;
import io.github.puregrad.grad.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An interactive backprop explorer: one self-contained HTML page (inline CSS, JavaScript and SVG,
 * nothing loaded from the network, so it works from {@code file://}) that steps through the forward
 * pass and then the backward pass of an expression, node by node, and lets the student change a
 * leaf and watch every value and gradient follow.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Explorer.write(x.mul(x).tanh().withLabel("o"), Path.of("o.html"));   // open it in a browser
 * String page = Explorer.of(x.mul(x).tanh());                          // the same page as text
 * }</pre>
 *
 * <p>The graph is drawn left to right as in the {@link Dot} picture ({@link Layout}): a box per
 * value ({@code label | data | grad}) with its operation in an ellipse on its left, named by {@link
 * Expr#label()} or, without one, as {@link Trace} names it. Steps 1 to {@code n} compute the {@code
 * n} nodes in topological order; step {@code n + 1} seeds the output's gradient with 1; every later
 * step is one edge of {@link Trace#edges()}, in order. A backward step highlights the node whose
 * rule is applied ({@code aria-current="step"}) and shows that rule as its operation writes it
 * ({@code ∂o/∂n = 1 − o² = 0.5}, {@link Trace#localDerivative}), the product with the upstream
 * gradient, and the sum into the receiving node ({@code −6 + −2 = −8}); a node the pass has not
 * reached yet shows {@code grad —}. {@code page.html#step=N} opens at step N.
 *
 * <p>The numbers are the library's ({@link Trace}'s) until the student edits a leaf's value or
 * presses the gradient-step button (checked leaves {@code += rate × grad}, as the lecture's {@code
 * a.data += 0.01 * a.grad}); then the page recomputes the forward values and the backward sweep by
 * the built-in operations' rules, in the library's order. A graph with a user-defined operation,
 * whose rules are Java functions, is shown but not edited.
 *
 * <p>Graphs of more than {@link #MAX_NODES} nodes are refused: a page with thousands of boxes and
 * steps is no longer something to step through. Nothing here recurses over the graph, so even a
 * chain of a million nodes gets that message rather than a stack overflow.
 */
public final class Explorer {
  /** The largest graph the explorer draws: a few thousand boxes still scroll smoothly. */
  public static final int MAX_NODES = 2_000;

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
    private final Layout layout;

    Page(Trace trace) {
      this.trace = trace;
      this.graph = trace.graph();
      this.layout = new Layout(graph);
    }

    String html() {
      int n = graph.size();
      String title = "backprop explorer: " + formula(n - 1);
      StringBuilder out = new StringBuilder(8192 + n * 900);
      out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<title>puregrad ")
          .append(escape(title))
          .append("</title>\n<style>\n")
          .append(STYLE)
          .append("</style>\n</head>\n<body>\n<header>\n<h1>")
          .append(escape(title))
          .append("</h1>\n")
          .append(CONTROLS)
          .append("<svg id=\"graph\" width=\"")
          .append(layout.width())
          .append("\" height=\"")
          .append(layout.height())
          .append("\" role=\"img\" aria-label=\"the computational graph\">\n")
          .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
          .append(" markerUnits=\"userSpaceOnUse\" markerWidth=\"8\" markerHeight=\"8\"")
          .append(
              " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
      for (int p = 0; p < n; p++) {
        for (int k = 0; k < graph.node(p).arity(); k++) {
          out.append("<path class=\"edge\" id=\"e")
              .append(p)
              .append('-')
              .append(k)
              .append("\" d=\"")
              .append(layout.edge(p, k))
              .append("\" marker-end=\"url(#arrow)\"/>\n");
        }
      }
      for (int p = 0; p < n; p++) {
        node(out, p);
      }
      out.append("</svg>\n</main>\n<script>\n");
      data(out);
      out.append(SCRIPT).append("</script>\n</body>\n</html>\n");
      return out.toString();
    }

    /** "o = tanh(n)" for an operation, the name alone for a leaf. */
    private String formula(int p) {
      return graph.node(p).arity() == 0 ? trace.name(p) : trace.name(p) + " = " + trace.formula(p);
    }

    /** A box ({@code label | data | grad}, filled in by the script) and its operation's ellipse. */
    private void node(StringBuilder out, int p) {
      Expr node = graph.node(p);
      int x = layout.x(p);
      int y = layout.y(p);
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
        int cy = y + Layout.BOX_H / 2;
        out.append("<ellipse class=\"op\" cx=\"")
            .append(x + Layout.OP_R)
            .append("\" cy=\"")
            .append(cy)
            .append("\" rx=\"")
            .append(Layout.OP_R)
            .append("\" ry=\"13\"/>\n<text class=\"op\" x=\"")
            .append(x + Layout.OP_R)
            .append("\" y=\"")
            .append(cy + 4)
            .append(squeezed(node.symbol()))
            .append('>')
            .append(escape(shorten(node.symbol(), 8)))
            .append("</text>\n<path class=\"link\" d=\"M")
            .append(x + 2 * Layout.OP_R)
            .append(',')
            .append(cy)
            .append(" H")
            .append(x + Layout.BOX_X)
            .append("\"/>\n");
      }
      int bx = x + Layout.BOX_X;
      out.append("<rect x=\"")
          .append(bx)
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(Layout.BOX_W)
          .append("\" height=\"")
          .append(Layout.BOX_H)
          .append("\" rx=\"4\"/>\n")
          .append(text("label", bx, y + 15, shorten(trace.name(p), LABEL_CHARS)))
          .append(text("data", bx, y + 32, "data"))
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

    /**
     * The nodes and steps for the script. Every number is the library's ({@code Trace}'s), written
     * with {@code Double.toString}, which the browser reads back to the same double; the page
     * computes only after the student edits a leaf, by the operations' rules in {@code OPS}.
     */
    private void data(StringBuilder out) {
      int n = graph.size();
      out.append("const NODES = [\n");
      for (int p = 0; p < n; p++) {
        Expr node = graph.node(p);
        out.append("{name: ").append(js(trace.name(p)));
        out.append(", formula: ").append(js(node.arity() == 0 ? "" : trace.formula(p)));
        out.append(", value: ").append(number(node.value()));
        out.append(", op: ").append(opKey(node)).append(", operands: [");
        for (int k = 0; k < node.arity(); k++) {
          out.append(k == 0 ? "" : ", ").append(graph.operandPosition(p, k));
        }
        out.append("], rules: [");
        for (int k = 0; k < node.arity(); k++) {
          out.append(k == 0 ? "" : ", ").append(js(trace.localDerivative(p, k)));
        }
        out.append("], parameter: ").append(node.arity() == 0 && !node.label().isEmpty());
        out.append("},\n");
      }
      out.append("];\nconst STEPS = [\n");
      for (int p = 0; p < n; p++) {
        out.append("{kind: 'forward', node: ").append(p).append("},\n");
      }
      out.append("{kind: 'seed', node: ").append(n - 1).append("},\n");
      double[] sums = new double[n];
      for (Trace.Edge edge : trace.edges()) {
        int q = graph.positionOf(edge.operand());
        out.append("{kind: 'backward', from: ")
            .append(graph.positionOf(edge.node()))
            .append(", index: ")
            .append(edge.index())
            .append(", node: ")
            .append(q)
            .append(", upstream: ")
            .append(number(edge.upstream()))
            .append(", local: ")
            .append(number(edge.local()))
            .append(", product: ")
            .append(number(edge.contribution()))
            .append(", old: ")
            .append(number(sums[q]))
            .append(", accumulated: ")
            .append(number(edge.total())) // the sweep's own sum, not added up again here
            .append("},\n");
        sums[q] = edge.total();
      }
      out.append("];\n");
    }
  }

  /** A double as JavaScript reads it back: NaN and the infinities by name. */
  private static String number(double x) {
    return Double.isNaN(x)
        ? "NaN"
        : Double.isInfinite(x) ? (x > 0 ? "Infinity" : "-Infinity") : Double.toString(x);
  }

  /**
   * {@return the key of the node's operation in the script's {@code OPS}, or null where the page
   * cannot compute it (a user-defined operation: its rules are Java functions)}
   */
  private static String opKey(Expr node) {
    if (node instanceof Expr.Unary u) {
      UnaryOp op = u.op();
      if (UnaryOp.BUILT_IN.contains(op)) {
        return js(op.symbol());
      }
      return POWER.matcher(op.symbol()).matches() && isPower(op) ? js(op.symbol()) : "null";
    }
    if (node instanceof Expr.Binary b) {
      return BinaryOp.BUILT_IN.contains(b.op()) ? js(b.op().symbol()) : "null";
    }
    return "null";
  }

  private static final Pattern POWER = Pattern.compile("\\^-?\\d+(\\.\\d+)?(E-?\\d+)?");

  /** {@code UnaryOp.pow(n)}, whose functions are new lambdas each time: known by its text. */
  private static boolean isPower(UnaryOp op) {
    UnaryOp power = UnaryOp.pow(Double.parseDouble(op.symbol().substring(1)));
    return power.symbol().equals(op.symbol())
        && power.dfText().equals(op.dfText())
        && Double.compare(power.apply(1.5), op.apply(1.5)) == 0
        && Double.compare(power.partial(1.5, op.apply(1.5)), op.partial(1.5, op.apply(1.5))) == 0;
  }

  /** Past four characters, a name is squeezed to fit the ellipse: "myexp", "sigmoid". */
  private static String squeezed(String symbol) {
    return symbol.codePointCount(0, symbol.length()) <= 4
        ? "\""
        : "\" textLength=\"" + (2 * Layout.OP_R - 6) + "\" lengthAdjust=\"spacingAndGlyphs\"";
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

  /** The step buttons, the panel that explains the step, and the leaves the student may change. */
  private static final String CONTROLS =
      """
      <nav aria-label="steps">
      <button type="button" id="back">&#9664; Back</button>
      <button type="button" id="next">Next &#9654;</button>
      <span id="counter">step 1</span>
      <span class="hint">or the arrow keys &#8592; &#8594; (Home, End); link to a step with #step=N</span>
      </nav>
      <section id="panel" aria-live="polite">
      <p id="phase"></p>
      <p id="what"></p>
      <p id="rule"></p>
      <p id="product"></p>
      <p id="sum"></p>
      </section>
      <section id="edit" aria-label="change the leaves">
      <p class="hint">Change a leaf's value (Enter or leave the field) and every value and gradient is \
      computed again. Gradient step: each checked leaf += rate &#215; grad, as the lecture's \
      <code>a.data += 0.01 * a.grad</code> (a negative rate descends).</p>
      <div id="leaves"></div>
      <div class="stepper"><label for="rate">rate</label>
      <input id="rate" type="text" inputmode="decimal" value="0.01" size="7">
      <button type="button" id="step">Gradient step</button>
      <button type="button" id="reset">Reset</button>
      <span id="moved"></span></div>
      <p id="message" role="alert"></p>
      </section>
      </header>
      <main>
      """;

  private static final String STYLE =
      """
      body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa;
        height: 100vh; display: flex; flex-direction: column; }
      header { flex: none; background: #fff; border-bottom: 1px solid #ccc; padding: 8px 16px; }
      h1 { font-size: 16px; margin: 0 0 6px; font-family: ui-monospace, monospace; }
      nav, .stepper, #leaves { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
      button { font: inherit; padding: 4px 14px; border: 1px solid #888; border-radius: 4px;
        background: #f0f0f0; cursor: pointer; }
      button:disabled { opacity: 0.4; cursor: default; }
      #counter { font-weight: 600; font-variant-numeric: tabular-nums; }
      .hint { color: #666; font-size: 12px; margin: 4px 0; }
      #panel { margin-top: 6px; }
      #panel p { margin: 2px 0; font-family: ui-monospace, monospace; min-height: 1.4em; }
      #phase { font-weight: 600; }
      #rule { color: #b03a00; }
      #edit { margin-top: 6px; border-top: 1px dashed #ccc; }
      #leaves { margin: 4px 0; }
      .leaf { font-family: ui-monospace, monospace; white-space: nowrap; }
      input[type=text] { font: 13px ui-monospace, monospace; padding: 2px 4px; }
      input[aria-invalid=true] { outline: 2px solid #c00; }
      #moved { font-family: ui-monospace, monospace; font-weight: 600; }
      #message { color: #c00; margin: 2px 0; min-height: 1.2em; }
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
      .node.receiving rect { fill: #e8f0fc; stroke: #1c5fb8; stroke-width: 2.5; stroke-dasharray: 5 3; }
      .node[aria-current="step"] rect { fill: #fff4d6; stroke: #d9480f; stroke-width: 3; }
      .node[aria-current="step"] ellipse.op { fill: #ffd8a8; stroke: #d9480f; stroke-width: 3; }
      """;

  /**
   * The page's behaviour. {@code render} shows step {@code current} by replaying the steps before
   * it; {@code recompute} is the library's forward pass and backward sweep ({@code Autodiff.sweep})
   * over the operations' rules in {@code OPS}, in the same order, so its numbers are the library's
   * up to the last bit of the browser's {@code Math} functions. Loops only, no recursion.
   */
  private static final String SCRIPT =
      """
      // the built-in operations' rules: [y = f(x), dy/dx (x, y)] and [y = f(a, b), ∂y/∂k (k, a, b, y)]
      const UNARY = {
        exp: [Math.exp, (x, y) => y],
        log: [Math.log, (x, y) => 1 / x],
        tanh: [Math.tanh, (x, y) => 1 - y * y],
        relu: [x => x <= 0 ? 0 : x, (x, y) => x <= 0 ? 0 : 1],
        sigmoid: [x => { const e = Math.exp(-Math.abs(x)); return x >= 0 ? 1 / (1 + e) : e / (1 + e); },
          (x, y) => y * (1 - y)],
        sin: [Math.sin, (x, y) => Math.cos(x)],
        cos: [Math.cos, (x, y) => -Math.sin(x)],
        sqrt: [Math.sqrt, (x, y) => 1 / (2 * y)],
        abs: [Math.abs, (x, y) => Math.sign(x)],
      };
      const BINARY = {
        '+': [(a, b) => a + b, () => 1],
        '*': [(a, b) => a * b, (k, a, b) => k === 0 ? b : a],
        '/': [(a, b) => a / b, (k, a, b, y) => k === 0 ? 1 / b : -y / b],
        '^': [Math.pow, (k, a, b, y) => k === 0 ? (b === 0 ? 0 : b * Math.pow(a, b - 1))
          : (a === 0 && b >= 0 ? 0 : y * Math.log(a))],
      };
      const unary = key => {
        if (!key.startsWith('^')) return UNARY[key];
        const n = Number(key.slice(1)); // x^n for a constant n
        return [x => Math.pow(x, n), x => n === 0 ? 0 : n * Math.pow(x, n - 1)];
      };
      const N = NODES.length;
      const FORWARD = N;
      const OUT = NODES[N - 1].name;
      const LEAVES = NODES.map((node, p) => p).filter(p => NODES[p].operands.length === 0);
      const USER = NODES.find(node => node.operands.length > 0 && node.op === null);
      let values = NODES.map(node => node.value);
      let steps = STEPS; // the library's numbers, until the student changes a leaf
      let current = 0;
      const $ = id => document.getElementById(id);
      // as Trace prints numbers: integers without ".0", others to 6 significant digits
      const num = x => !Number.isFinite(x) ? String(x)
        : Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x)
        : x.toPrecision(6).replace(/(\\.\\d*?)0+$/, '$1').replace(/\\.$/, '');
      function recompute() {
        const v = values.slice();
        NODES.forEach((node, p) => {
          const a = node.operands.map(q => v[q]);
          if (a.length === 1) v[p] = unary(node.op)[0](a[0]);
          if (a.length === 2) v[p] = BINARY[node.op][0](a[0], a[1]);
        });
        const g = NODES.map(() => 0);
        g[N - 1] = 1;
        const out = STEPS.slice(0, FORWARD + 1);
        for (let p = N - 1; p >= 0; p--) {
          const ops = NODES[p].operands;
          ops.forEach((q, k) => {
            const local = ops.length === 1 ? unary(NODES[p].op)[1](v[q], v[p])
              : BINARY[NODES[p].op][1](k, v[ops[0]], v[ops[1]], v[p]);
            const old = g[q];
            g[q] += g[p] * local;
            out.push({kind: 'backward', from: p, index: k, node: q, upstream: g[p], local,
              product: g[p] * local, old, accumulated: g[q]});
          });
        }
        values = v;
        steps = out;
      }
      function gradients(upTo) {
        const grads = NODES.map(() => null);
        for (let s = FORWARD; s <= upTo; s++) {
          const t = steps[s];
          grads[t.node] = t.kind === 'seed' ? 1 : t.accumulated;
        }
        return grads;
      }
      const say = (id, text) => { $(id).textContent = text; };
      function render() {
        const step = steps[current];
        const backward = current >= FORWARD;
        const grads = gradients(current);
        const at = step.kind === 'backward' ? step.from : step.node; // the node whose rule applies
        NODES.forEach((node, p) => {
          const g = $('n' + p);
          const pending = !backward && p > current;
          g.classList.toggle('pending', pending);
          g.classList.toggle('receiving', step.kind === 'backward' && step.node === p);
          if (p === at) g.setAttribute('aria-current', 'step');
          else g.removeAttribute('aria-current');
          g.setAttribute('data-value', String(values[p]));
          g.querySelector('text.data').textContent = pending ? 'data' : 'data ' + num(values[p]);
          if (grads[p] === null) g.removeAttribute('data-grad');
          else g.setAttribute('data-grad', String(grads[p]));
          g.querySelector('text.grad').textContent = 'grad ' + (grads[p] === null ? '\\u2014'
            : num(grads[p]));
        });
        document.querySelectorAll('.edge.active').forEach(e => e.classList.remove('active'));
        const node = NODES[step.node];
        ['phase', 'what', 'rule', 'product', 'sum'].forEach(id => say(id, ''));
        const panel = $('panel');
        ['upstream', 'local', 'product', 'old', 'accumulated'].forEach(k => {
          if (step[k] === undefined) panel.removeAttribute('data-' + k);
          else panel.setAttribute('data-' + k, String(step[k]));
        });
        if (step.kind === 'forward') {
          say('phase', 'forward pass: compute ' + node.name);
          say('what', node.formula === ''
            ? node.name + ' is a leaf: its value is given, ' + num(values[step.node])
            : node.name + ' = ' + node.formula + ' = ' + num(values[step.node]));
        } else if (step.kind === 'seed') {
          say('phase', 'backward pass: start at the output');
          say('what', 'grad ' + OUT + ' = \\u2202' + OUT + '/\\u2202' + OUT + ' = 1');
        } else {
          const from = NODES[step.from];
          const d = '\\u2202' + from.name + '/\\u2202' + node.name;
          const rule = from.rules[step.index];
          $('e' + step.from + '-' + step.index).classList.add('active');
          say('phase', 'backward pass: the rule of ' + from.name + ' = ' + from.formula);
          say('what', 'grad ' + node.name + ' += grad ' + from.name + ' \\u00d7 ' + d);
          say('rule', d + ' = ' + (rule === num(step.local) ? '' : rule + ' = ') + num(step.local));
          say('product', 'grad ' + from.name + ' \\u00d7 ' + d + ' = ' + num(step.upstream)
            + ' \\u00d7 ' + num(step.local) + ' = ' + num(step.product));
          say('sum', 'grad ' + node.name + ' = ' + num(step.old) + ' + ' + num(step.product)
            + ' = ' + num(step.accumulated));
        }
        say('counter', 'step ' + (current + 1) + ' of ' + steps.length
          + (backward ? ' (backward)' : ' (forward)'));
        $('back').disabled = current === 0;
        $('next').disabled = current === steps.length - 1;
        $('n' + at).scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const hash = '#step=' + (current + 1);
        if (location.hash !== hash) {
          try { history.replaceState(null, '', hash); } catch (e) { /* some file:// viewers */ }
        }
      }
      function go(step) {
        current = Math.max(0, Math.min(steps.length - 1, step));
        render();
      }
      function fromHash() {
        const m = /^#step=(\\d+)$/.exec(location.hash);
        go(m ? parseInt(m[1], 10) - 1 : 0);
      }
      // the leaves: a field per leaf, checked when it is a parameter (a leaf with a name)
      LEAVES.forEach(p => {
        const label = document.createElement('label');
        label.className = 'leaf';
        label.innerHTML = '<input type="checkbox" class="parameter"> <span></span> '
          + '<input type="text" class="value" inputmode="decimal" size="17">';
        label.querySelector('span').textContent = NODES[p].name;
        label.querySelector('.parameter').checked = NODES[p].parameter;
        label.querySelector('.parameter').dataset.pos = p;
        const field = label.querySelector('.value');
        field.dataset.pos = p;
        field.id = 'leaf' + p;
        field.addEventListener('change', () => edit(p, field));
        $('leaves').appendChild(label);
      });
      const finite = text => text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : null;
      function showLeaves() {
        LEAVES.forEach(p => { $('leaf' + p).value = String(values[p]); });
      }
      function edit(p, field) {
        const x = finite(field.value);
        field.setAttribute('aria-invalid', String(x === null));
        if (x === null) {
          say('message', NODES[p].name + ': "' + field.value + '" is not a finite number');
          return;
        }
        say('message', '');
        values[p] = x;
        recompute();
        render();
      }
      $('step').addEventListener('click', () => {
        const rate = finite($('rate').value);
        $('rate').setAttribute('aria-invalid', String(rate === null));
        if (rate === null) {
          say('message', 'rate: "' + $('rate').value + '" is not a finite number');
          return;
        }
        say('message', '');
        const grads = gradients(steps.length - 1);
        const before = values[N - 1];
        document.querySelectorAll('.parameter:checked').forEach(box => {
          const p = Number(box.dataset.pos);
          values[p] += rate * grads[p];
        });
        recompute();
        showLeaves();
        say('moved', OUT + ': ' + num(before) + ' \\u2192 ' + num(values[N - 1]));
        render();
      });
      $('reset').addEventListener('click', () => {
        values = NODES.map(node => node.value);
        steps = STEPS;
        showLeaves();
        say('moved', '');
        say('message', '');
        render();
      });
      if (USER !== undefined) {
        document.querySelectorAll('#edit input, #edit button').forEach(e => { e.disabled = true; });
        say('message', 'the page cannot compute ' + USER.formula + ', a user-defined operation'
          + ' (its rules are Java functions): change the leaves in Java and write the page again');
      }
      $('next').addEventListener('click', () => go(current + 1));
      $('back').addEventListener('click', () => go(current - 1));
      document.addEventListener('keydown', e => {
        if (e.altKey || e.ctrlKey || e.metaKey || e.target.tagName === 'INPUT') return;
        const to = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0,
          End: steps.length - 1 }[e.key];
        if (to !== undefined) { e.preventDefault(); go(to); }
      });
      window.addEventListener('hashchange', fromHash);
      showLeaves();
      fromHash();
      """;
}
