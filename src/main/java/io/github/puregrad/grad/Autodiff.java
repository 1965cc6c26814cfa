package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.Map;

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
   * Reverse mode: the derivative of {@code output} with respect to every node of its graph.
   *
   * <p>Pure: it reads the graph and builds a new {@link Gradients}; calling it again gives the same
   * answer. O(nodes + edges), no recursion.
   */
  public static Gradients backward(Expr output) {
    return backward(Graph.of(output));
  }

  /** Reverse mode on a graph already in topological order; see {@link #backward(Expr)}. */
  public static Gradients backward(Graph graph) {
    double[] grads = new double[graph.size()];
    int last = graph.size() - 1;
    grads[last] = 1.0; // d output / d output
    ChainRule rule = new ChainRule(graph, grads);
    for (int p = last; p >= 0; p--) {
      // every user of node p comes after it, so grads[p] is complete here
      rule.position = p;
      graph.node(p).accept(rule);
    }
    return new Gradients(graph, grads);
  }

  /**
   * Forward mode: the directional derivative of {@code output} along {@code tangents}, in one
   * forward sweep with dual numbers (JAX's {@code jvp}).
   *
   * <pre>{@code
   * Expr x = Expr.of(2.0, "x");
   * Expr y = Expr.of(3.0, "y");
   * Autodiff.jvp(x.mul(y), HashMap.of(x, 1.0));           // 3.0 = d(xy)/dx
   * Autodiff.jvp(x.mul(y), HashMap.of(x, 1.0, y, 1.0));   // 5.0 = d(xy)/dx + d(xy)/dy
   * }</pre>
   *
   * <p>Leaves without a tangent have tangent 0; a leaf the output does not depend on is allowed and
   * changes nothing. It agrees with reverse mode: {@code jvp(f, v) = sum over leaves of
   * backward(f).get(leaf) * v(leaf)}. O(nodes + edges), no recursion.
   *
   * @throws IllegalArgumentException if a key is not a leaf or a tangent is not finite
   */
  public static double jvp(Expr output, Map<? extends Expr, Double> tangents) {
    return Jvp.of(output, tangents);
  }

  /**
   * The chain rule at one node: d out/d operand += d out/d node * d node/d operand, so a node used
   * twice adds up. A visitor rather than {@code partial(k)} on an {@code Expr}: one megamorphic
   * call per node, after which each {@code partial} is a call on a known record type, inlined.
   * Returns the arity (a cached {@code Integer}, nothing is allocated).
   */
  private static final class ChainRule implements Expr.Visitor<Integer> {
    private final Graph graph;
    private final double[] grads;
    int position;

    ChainRule(Graph graph, double[] grads) {
      this.graph = graph;
      this.grads = grads;
    }

    private Integer unary(double partial) {
      grads[graph.operandPosition(position, 0)] += grads[position] * partial;
      return 1;
    }

    private Integer binary(double left, double right) {
      grads[graph.operandPosition(position, 0)] += grads[position] * left;
      grads[graph.operandPosition(position, 1)] += grads[position] * right;
      return 2;
    }

    @Override
    public Integer leaf(Expr.Leaf node) {
      return 0;
    }

    @Override
    public Integer add(Expr.Add node) {
      return binary(node.partial(0), node.partial(1));
    }

    @Override
    public Integer mul(Expr.Mul node) {
      return binary(node.partial(0), node.partial(1));
    }

    @Override
    public Integer pow(Expr.Pow node) {
      return unary(node.partial(0));
    }

    @Override
    public Integer powExpr(Expr.PowExpr node) {
      return binary(node.partial(0), node.partial(1));
    }

    @Override
    public Integer exp(Expr.Exp node) {
      return unary(node.partial(0));
    }

    @Override
    public Integer log(Expr.Log node) {
      return unary(node.partial(0));
    }

    @Override
    public Integer tanh(Expr.Tanh node) {
      return unary(node.partial(0));
    }

    @Override
    public Integer relu(Expr.Relu node) {
      return unary(node.partial(0));
    }

    @Override
    public Integer sigmoid(Expr.Sigmoid node) {
      return unary(node.partial(0));
    }
  }
}
