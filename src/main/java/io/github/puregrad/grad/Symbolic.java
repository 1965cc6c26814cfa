package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Derivatives as expressions: reverse mode that builds, instead of numbers, an {@link Expr} for
 * each derivative, so it can be differentiated again (grad of grad, Hessians, Hessian-vector
 * products).
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Expr f = x.pow(3);
 * Expr df = Symbolic.grad(f, x);      // 3 x^2     -> 12.0
 * Expr ddf = Symbolic.grad(df, x);    // 6 x       -> 12.0
 * Expr dddf = Symbolic.grad(ddf, x);  // 6         -> 6.0
 * }</pre>
 *
 * <p><b>Size.</b> The derivative graph reuses the nodes of the input graph (a node's own value, its
 * operands) and adds a constant number of nodes per edge: the local derivative, its product with
 * the upstream derivative and, for a node used twice, a sum. So it is linear in the size of the
 * input graph, and differentiating k times multiplies the size by at most a constant each time,
 * never exponentially. Everything is loops over a {@link Graph}: no recursion.
 *
 * <p><b>Piecewise operations.</b> The derivative of {@code relu} is a constant 1 or 0 chosen from
 * the current value, as in numeric reverse mode; the derivative graph is exact wherever the operand
 * stays on the same side of the kink. See {@code docs/decisions/0031-symbolic-derivatives.md}.
 */
public final class Symbolic {
  private Symbolic() {}

  // -- static API

  /** {@return d output / d node, as an expression, for every node of {@code output}'s graph} */
  public static Derivatives backward(Expr output) {
    Objects.requireNonNull(output, "output is null");
    Graph graph = Graph.of(output);
    Expr[] adjoints = new Expr[graph.size()]; // null: no contribution yet
    Expr one = Expr.of(1.0);
    adjoints[graph.size() - 1] = one; // d output / d output
    for (int p = graph.size() - 1; p >= 0; p--) {
      Expr upstream = adjoints[p]; // complete: every user of node p comes after it
      Expr node = graph.node(p);
      for (int k = 0; upstream != null && k < node.arity(); k++) {
        Expr contribution = chain(graph, upstream, upstream == one, node.symbolicPartial(k));
        if (contribution != null) {
          int q = graph.operandPosition(p, k);
          adjoints[q] = adjoints[q] == null ? contribution : adjoints[q].add(contribution);
        }
      }
    }
    return new Derivatives(graph, adjoints);
  }

  /**
   * {@return upstream * local}, or null where that is exactly 0. A leaf that is not in the graph is
   * a constant that the operation's rule made (relu's 0 or 1, add's 1): multiplying by 1 is
   * skipped, and so is a product with 0 when upstream is finite (it would add exactly 0, as in
   * numeric reverse mode). Leaves of the graph are variables and are kept, for higher orders.
   */
  private static @Nullable Expr chain(Graph graph, Expr upstream, boolean unit, Expr local) {
    boolean constant = local instanceof Expr.Leaf && graph.positionOf(local) < 0;
    if (constant && local.value() == 1.0) {
      return upstream;
    }
    if (constant && local.value() == 0.0 && Double.isFinite(upstream.value())) {
      return null;
    }
    return unit ? local : upstream.mul(local);
  }

  /** {@return d output / d {@code variable} as an expression; see {@link #backward}} */
  public static Expr grad(Expr output, Expr variable) {
    Objects.requireNonNull(variable, "variable is null");
    return backward(output).get(variable);
  }

  /**
   * {@return the matrix of second derivatives d²output / (d variables[i] d variables[j])}, one
   * reverse pass over the derivative graph per variable; meant for a few variables.
   *
   * <pre>{@code
   * Expr x = Expr.of(1.0, "x");
   * Expr y = Expr.of(2.0, "y");
   * Symbolic.hessian(x.mul(x).add(x.mul(y).mul(3)), x, y);   // [[2, 3], [3, 0]]
   * }</pre>
   */
  public static Vector<Vector<Double>> hessian(Expr output, Expr... variables) {
    Objects.requireNonNull(variables, "variables is null");
    Derivatives first = backward(output);
    Vector<Expr> vars = Vector.of(variables);
    return vars.map(
        row -> {
          Gradients second = Autodiff.backward(first.get(row));
          return vars.map(second::get);
        });
  }

  /**
   * {@return the Hessian-vector product H v, read per leaf with {@link Gradients#get}}: the
   * gradient of {@code sum over leaves of grad(output, leaf) * v(leaf)}, one symbolic and one
   * numeric reverse pass, without forming H.
   *
   * <pre>{@code
   * Expr x = Expr.of(1.0, "x");
   * Expr y = Expr.of(2.0, "y");
   * Gradients hv = Symbolic.hvp(x.mul(x).mul(y), HashMap.of(x, 1.0));
   * hv.get(x);   // 4.0 = d²f/dx² * 1 = 2y
   * hv.get(y);   // 2.0 = d²f/dy dx * 1 = 2x
   * }</pre>
   *
   * @param vector the direction v, by leaf; leaves without an entry have 0
   * @throws IllegalArgumentException if a key is not a leaf or a component is not finite
   */
  public static Gradients hvp(Expr output, Map<? extends Expr, Double> vector) {
    Derivatives first = backward(output);
    double[] v = new double[first.graph().size()];
    Jvp.seed(first.graph(), vector, v);
    Expr dot = null;
    for (int p = 0; p < v.length; p++) {
      if (v[p] != 0.0) {
        Expr term = first.at(p).mul(v[p]);
        dot = dot == null ? term : dot.add(term);
      }
    }
    return Autodiff.backward(dot == null ? Expr.of(0.0) : dot);
  }
}
