package io.github.puregrad.check;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.grad.Autodiff;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.immutables.value.Value;

/**
 * Compares gradients with central finite differences, leaf by leaf: by default the gradients of
 * {@link Autodiff#backward}, or any gradients you claim (a hand-written derivative, symbolic or
 * forward-mode results).
 *
 * <pre>{@code
 * Expr x = Expr.of(0.7, "x");
 * GradCheck.Report report = GradCheck.of(x.tanh().mul(x));
 * report.passed();        // true
 * report.describe();      // one line per leaf: analytic, numeric, relative error
 *
 * GradCheck loose = GradCheck.builder().relative(1e-3).absolute(1e-6).step(1e-4).build();
 * loose.check(x.tanh(), leaf -> 1 - Math.tanh(leaf.value()) * Math.tanh(leaf.value()));
 * }</pre>
 *
 * <p>For a leaf with value v the step is {@code h = step * max(1, |v|)}, so it grows with the
 * value's magnitude and the relative perturbation stays near {@code step}; the numeric derivative
 * is {@code (f(v + h) - f(v - h)) / 2h}, evaluated by rebuilding the graph with the one leaf moved.
 * A leaf passes when {@code |analytic - numeric| <= absolute + relative * max(|analytic|,
 * |numeric|)}; a NaN or infinite number on either side fails. An operation whose {@code f} does not
 * give its node's value again for the same operands (it is not deterministic) is an {@link
 * IllegalArgumentException} naming it, before any difference is taken.
 *
 * @param relative the relative tolerance; default {@code 1e-5}
 * @param absolute the absolute tolerance, for gradients near zero; default {@code 1e-7}
 * @param step the relative finite-difference step; default {@code 1e-6}, which balances the
 *     truncation error (order h²) against rounding (order 1e-16 / h) for values near 1
 */
@Value.Builder
public record GradCheck(double relative, double absolute, double step) {

  /** Checks with tolerance {@code 1e-5} relative and {@code 1e-7} absolute, step {@code 1e-6}. */
  public static final GradCheck DEFAULT = new GradCheck(1e-5, 1e-7, 1e-6);

  public GradCheck {
    if (!(relative >= 0) || !(absolute >= 0) || Double.isInfinite(relative + absolute)) {
      throw new IllegalArgumentException(
          "tolerances must be finite non-negative numbers, got relative "
              + relative
              + " and absolute "
              + absolute);
    }
    if (!(step > 0) || !(step < 1)) {
      throw new IllegalArgumentException("step must be a number in (0, 1), got " + step);
    }
  }

  // -- static API

  /** {@return the check of {@code output}'s backward pass at default tolerances} */
  public static Report of(Expr output) {
    return DEFAULT.check(output);
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    // the defaults set here rather than with @Value.Default, as in ExprGenerator.builder()
    return new Builder().from(DEFAULT);
  }

  /**
   * A builder of checks: {@code relative}, {@code absolute} and {@code step}, then {@code build}.
   */
  public static final class Builder extends GradCheckBuilder {
    Builder() {}
  }

  // -- non-static API

  /** {@return the check of {@link Autodiff#backward} for every leaf of {@code output}'s graph} */
  public Report check(Expr output) {
    Objects.requireNonNull(output, "output is null");
    Graph graph = Graph.of(output);
    return check(graph, Autodiff.backward(graph)::get); // the sweep's gradients, on this graph
  }

  /**
   * {@return the check of {@code gradients}, your claimed d output / d leaf, for every leaf of
   * {@code output}'s graph}
   */
  public Report check(Expr output, ToDoubleFunction<Expr.Leaf> gradients) {
    Objects.requireNonNull(output, "output is null");
    Objects.requireNonNull(gradients, "gradients is null");
    return check(Graph.of(output), gradients);
  }

  private Report check(Graph graph, ToDoubleFunction<Expr.Leaf> gradients) {
    Rebuild.requireDeterministic(graph);
    Vector<LeafCheck> leaves = Vector.empty();
    for (int p = 0; p < graph.size(); p++) {
      if (graph.node(p) instanceof Expr.Leaf leaf) {
        double h = step * Math.max(1.0, Math.abs(leaf.value()));
        double up = Rebuild.value(graph, l -> l.id() == leaf.id() ? leaf.value() + h : l.value());
        double down = Rebuild.value(graph, l -> l.id() == leaf.id() ? leaf.value() - h : l.value());
        double numeric = (up - down) / (2 * h);
        double analytic = gradients.applyAsDouble(leaf);
        double error = Math.abs(analytic - numeric);
        boolean ok = error <= absolute + relative * Math.max(Math.abs(analytic), Math.abs(numeric));
        leaves = leaves.append(new LeafCheck(leaf, analytic, numeric, ok));
      }
    }
    return new Report(graph.output(), this, leaves);
  }

  /**
   * One leaf's result.
   *
   * @param leaf the leaf
   * @param analytic the gradient under test
   * @param numeric the central finite difference
   * @param passed whether the two agree within the tolerances
   */
  public record LeafCheck(Expr.Leaf leaf, double analytic, double numeric, boolean passed) {
    public LeafCheck {
      Objects.requireNonNull(leaf, "leaf is null");
    }

    /** {@return |analytic - numeric| / max(|analytic|, |numeric|), or 0 when both are 0} */
    public double relativeError() {
      double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
      return scale == 0 ? 0 : Math.abs(analytic - numeric) / scale;
    }

    /** {@return the leaf's label, or its id when it has none (a constant)} */
    public String name() {
      return leaf.label().isEmpty() ? "#" + leaf.id() : leaf.label();
    }

    @Override
    public String toString() {
      return String.format(
          "%s leaf '%s' (value %s): analytic %s, numeric %s, relative error %.3g",
          passed ? "ok  " : "FAIL", name(), leaf.value(), analytic, numeric, relativeError());
    }
  }

  /**
   * The results for every leaf, in topological order.
   *
   * @param output the expression checked
   * @param check the tolerances and step used
   * @param leaves one result per leaf
   */
  public record Report(Expr output, GradCheck check, Vector<LeafCheck> leaves) {
    public Report {
      Objects.requireNonNull(output, "output is null");
      Objects.requireNonNull(check, "check is null");
      Objects.requireNonNull(leaves, "leaves is null");
    }

    /** {@return whether every leaf passed} */
    public boolean passed() {
      return leaves.forAll(LeafCheck::passed);
    }

    /** {@return the leaves that failed} */
    public Vector<LeafCheck> failures() {
      return leaves.filter(leaf -> !leaf.passed());
    }

    /** {@return one line per leaf} */
    public String describe() {
      return leaves.mkString("\n");
    }

    /** {@return what failed and why, for a test failure: the failed leaves, then all of them} */
    public String failureMessage() {
      return String.format(
          "gradients of %s do not match central finite differences"
              + " (relative %s, absolute %s, step %s) for %d of %d leaves:%n%s%nall leaves:%n%s",
          output,
          check.relative(),
          check.absolute(),
          check.step(),
          failures().size(),
          leaves.size(),
          failures().mkString("\n"),
          describe());
    }
  }
}
