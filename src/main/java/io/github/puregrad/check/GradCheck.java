package io.github.puregrad.check;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.vavr.collection.Vector;

/**
 * Compares {@link Autodiff#backward} with central finite differences, leaf by leaf.
 *
 * <pre>{@code
 * Expr x = Expr.of(0.7, "x");
 * GradCheck.Report report = GradCheck.of(x.tanh().mul(x));
 * report.passed();        // true
 * report.describe();      // one line per leaf: analytic, numeric, relative error
 * }</pre>
 *
 * <p>The step for a leaf with value v is {@code h = 1e-6 * max(1, |v|)}; a leaf passes when {@code
 * |analytic - numeric| <= absolute + relative * max(|analytic|, |numeric|)}.
 *
 * @param relative the relative tolerance
 * @param absolute the absolute tolerance, for gradients near zero
 */
public record GradCheck(double relative, double absolute) {
  /** Checks with tolerance {@code 1e-5} relative and {@code 1e-7} absolute. */
  public static final GradCheck DEFAULT = new GradCheck(1e-5, 1e-7);

  public GradCheck {
    if (!(relative >= 0) || !(absolute >= 0)) {
      throw new IllegalArgumentException(
          "tolerances must be non-negative numbers, got relative "
              + relative
              + " and absolute "
              + absolute);
    }
  }

  /** {@return the check of {@code output} against finite differences at default tolerances} */
  public static Report of(Expr output) {
    return DEFAULT.check(output);
  }

  /** {@return the check of every leaf of {@code output}'s graph} */
  public Report check(Expr output) {
    Graph graph = Graph.of(output);
    Gradients grads = Autodiff.backward(graph);
    Vector<Leaf> leaves = Vector.empty();
    for (int p = 0; p < graph.size(); p++) {
      if (graph.node(p) instanceof Expr.Leaf leaf) {
        double h = 1e-6 * Math.max(1.0, Math.abs(leaf.value()));
        double up = Rebuild.value(graph, l -> l.id() == leaf.id() ? leaf.value() + h : l.value());
        double down = Rebuild.value(graph, l -> l.id() == leaf.id() ? leaf.value() - h : l.value());
        double numeric = (up - down) / (2 * h);
        double analytic = grads.at(p);
        double error = Math.abs(analytic - numeric);
        boolean ok = error <= absolute + relative * Math.max(Math.abs(analytic), Math.abs(numeric));
        leaves = leaves.append(new Leaf(leaf, analytic, numeric, ok));
      }
    }
    return new Report(leaves);
  }

  /**
   * One leaf's result.
   *
   * @param leaf the leaf
   * @param analytic the gradient from {@link Autodiff#backward}
   * @param numeric the central finite difference
   * @param passed whether the two agree within the tolerances
   */
  public record Leaf(Expr.Leaf leaf, double analytic, double numeric, boolean passed) {
    /** {@return |analytic - numeric| / max(|analytic|, |numeric|), or 0 when both are 0} */
    public double relativeError() {
      double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
      return scale == 0 ? 0 : Math.abs(analytic - numeric) / scale;
    }

    @Override
    public String toString() {
      return String.format(
          "%s leaf '%s' (value %s): analytic %s, numeric %s, relative error %.3g",
          passed ? "ok  " : "FAIL", leaf.label(), leaf.value(), analytic, numeric, relativeError());
    }
  }

  /**
   * The results for every leaf, in topological order.
   *
   * @param leaves one result per leaf
   */
  public record Report(Vector<Leaf> leaves) {
    /** {@return whether every leaf passed} */
    public boolean passed() {
      return leaves.forAll(Leaf::passed);
    }

    /** {@return the leaves that failed} */
    public Vector<Leaf> failures() {
      return leaves.filter(leaf -> !leaf.passed());
    }

    /** {@return one line per leaf} */
    public String describe() {
      return leaves.mkString("\n");
    }
  }
}
