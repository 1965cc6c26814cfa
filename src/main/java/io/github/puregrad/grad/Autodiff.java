package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.Function1;
import io.vavr.Tuple2;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.function.Function;

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
    } catch (PagedWalk.Sparse sparse) {
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

  // -- function transforms: one-line delegates, so that the engine stays small (decision 0044)

  /** {@return x -> ∇f(x)}; see {@link Transforms#grad}. */
  public static Function1<Vector<Double>, Vector<Double>> grad(
      Function<? super Vector<Expr>, ? extends Expr> f) {
    return Transforms.grad(f);
  }

  /** {@return x -> (f(x), ∇f(x))}; see {@link Transforms#valueAndGrad}. */
  public static Function1<Vector<Double>, Tuple2<Double, Vector<Double>>> valueAndGrad(
      Function<? super Vector<Expr>, ? extends Expr> f) {
    return Transforms.valueAndGrad(f);
  }

  /** {@return x -> the Hessian of f at x}; see {@link Transforms#hessian}. */
  public static Function1<Vector<Double>, Vector<Vector<Double>>> hessian(
      Function<? super Vector<Expr>, ? extends Expr> f) {
    return Transforms.hessian(f);
  }

  /** {@return x -> the Jacobian of g at x}; see {@link Transforms#jacobian}. */
  public static Function1<Vector<Double>, Vector<Vector<Double>>> jacobian(
      Function<? super Vector<Expr>, ? extends Seq<? extends Expr>> g) {
    return Transforms.jacobian(g);
  }

  /** {@return f traced once at {@code at}, like {@code jax.jit}}; see {@link Compiled}. */
  public static Compiled compile(
      Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> at) {
    return Compiled.trace(f, at);
  }
}
