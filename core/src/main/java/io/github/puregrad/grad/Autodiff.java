package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.function.Function;

/**
 * Automatic differentiation of {@link Expr} graphs. Backpropagation, the chain rule on numbers, is
 * written once, in {@link #sweep}: {@link Trace}, {@link NonFinite} and the gradient check read its
 * steps, and the faster walk of {@link #backward(Expr)} is tested equal to it, to the bit.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Expr y = x.pow(3);                       // x^3
 * Autodiff.backward(y).get(x);             // 12.0 = 3 x^2
 * }</pre>
 */
public final class Autodiff {
  /** A listener to the sweep's chain-rule steps, told each step's numbers after it is taken. */
  interface Step {
    void take(int node, int k, int operand, double upstream, double local, double total);
  }

  static final Step QUIET = (node, k, operand, upstream, local, total) -> {};

  private Autodiff() {}

  /**
   * {@return d output / d node for every node of its graph}: the sweep's numbers, to the bit, from
   * a faster walk that builds no {@link Graph} ({@code PagedWalk}), or the sweep where ids are
   * sparse
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

  /** {@return reverse mode on {@code graph}: the sweep} */
  public static Gradients backward(Graph graph) {
    return Gradients.byPosition(graph, sweep(graph, QUIET));
  }

  /** {@return d output / d node for every node of {@code graph}, by topological position} */
  static double[] sweep(Graph graph, Step step) {
    double[] grads = new double[graph.size()];
    grads[graph.size() - 1] = 1.0; // d output / d output
    // Backwards through the topological order: every user of a node comes after it, so by the
    // time the sweep reaches a node, its gradient has received every contribution it will get
    for (int p = graph.size() - 1; p >= 0; p--) {
      Expr node = graph.node(p);
      for (int k = 0; k < node.arity(); k++) {
        int q = graph.operandPosition(p, k);
        double local = node.partial(k);
        grads[q] += grads[p] * local; // the chain rule: d out/d operand += d out/d node · local
        step.take(p, k, q, grads[p], local, grads[q]); // total: the operand's gradient so far
      }
    }
    return grads;
  }

  /**
   * {@return {@code f} traced once at {@code x0} and compiled}: its value and gradient at any x, to
   * the bit those of {@link Transforms#valueAndGrad}, from JVM bytecode generated for the traced
   * tape (or its interpreter: {@link Compiled#backend()}). {@link Compiled#trace} with a shorter
   * name; read what tracing assumes there.
   *
   * <pre>{@code
   * Compiled df = Autodiff.compile(v -> v.get(0).mul(v.get(1)), Vector.of(1.0, 2.0));
   * double[] gradient = new double[2];
   * df.valueAndGrad(new double[] {3.0, 4.0}, gradient);   // 12.0; gradient = [4.0, 3.0]
   * }</pre>
   */
  public static Compiled compile(
      Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> x0) {
    return Compiled.trace(f, x0);
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
