package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.Map;
import java.util.Objects;

/**
 * Automatic differentiation of {@link Expr} graphs.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Expr y = x.pow(3);                       // x^3
 * Autodiff.backward(y).get(x);             // 12.0 = 3 x^2
 * }</pre>
 */
public final class Autodiff {
  private Autodiff() {}

  /**
   * {@return d output / d node for every node of its graph}: reverse mode, pure, no recursion. It
   * computes what {@link #backward(Graph)} computes, to the bit, by a faster walk of the same order
   * that builds no {@link Graph} ({@code PagedWalk}, tested equal to the sweep); where the graph's
   * ids are too sparse for that walk, it runs the sweep itself.
   */
  public static Gradients backward(Expr output) {
    Objects.requireNonNull(output, "output is null");
    try {
      PagedWalk walk = PagedWalk.run(output);
      return new Gradients(output, () -> Graph.of(output), walk::gradient);
    } catch (PagedWalk.Declined declined) {
      return backward(Graph.of(output));
    }
  }

  /**
   * {@return reverse mode on {@code graph}}: the chain rule applied once per edge, from the output
   * back through the topological order ({@code Sweep}, the engine's reading path).
   */
  public static Gradients backward(Graph graph) {
    return Gradients.byPosition(graph, Sweep.run(graph, Sweep.QUIET));
  }

  /**
   * {@return the derivative of {@code output} along the leaves' {@code tangents}}: forward mode,
   * JAX's {@code jvp}. As in PyTorch, a node that depends on no leaf with a tangent contributes
   * nothing, not 0 times a local derivative that may be infinite. {@code jvp(x.mul(y),
   * HashMap.of(x, 1.0))} is y.
   */
  public static double jvp(Expr output, Map<? extends Expr, Double> tangents) {
    return Jvp.of(output, tangents);
  }
}
