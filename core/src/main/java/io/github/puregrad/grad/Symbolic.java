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
    Expr zero = Expr.of(0.0); // an adjoint known to be exactly 0, without a graph behind it
    adjoints[graph.size() - 1] = one; // d output / d output
    for (int p = graph.size() - 1; p >= 0; p--) {
      Expr upstream = adjoints[p]; // complete: every user of node p comes after it
      Expr node = graph.node(p);
      for (int k = 0; upstream != null && k < node.arity(); k++) {
        Expr local = localPartial(node, k);
        Expr contribution;
        if (upstream == zero) { // 0 * local is 0, but NaN for an infinite local, as in Autodiff
          contribution = Double.isFinite(local.value()) ? zero : zero.mul(local);
        } else if (isConstant(graph, local, 1.0)) {
          contribution = upstream;
        } else if (isConstant(graph, local, 0.0) && Double.isFinite(upstream.value())) {
          contribution = zero;
        } else {
          contribution = upstream == one ? local : upstream.mul(local);
        }
        int q = graph.operandPosition(p, k);
        Expr sum = adjoints[q];
        adjoints[q] =
            sum == null || sum == zero
                ? contribution
                : contribution == zero ? sum : sum.add(contribution);
      }
    }
    return new Derivatives(graph, adjoints);
  }

  /** {@return d node / d operand k as an expression: the operation row's {@code dfExpr}} */
  private static Expr localPartial(Expr node, int k) {
    if (node instanceof Expr.Unary u) {
      return ruleOf(u.op().dfExpr(), u.op()).apply(u.operand(), u);
    }
    Expr.Binary b = (Expr.Binary) node; // the loop asks only operations, and leaves have none
    return ruleOf(b.op().dfExpr(), b.op()).partial(k, b.left(), b.right(), b);
  }

  private static <R> R ruleOf(@Nullable R dfExpr, Object op) {
    if (dfExpr == null) {
      throw new UnsupportedOperationException(
          op + " has no derivative as an expression: give one to UnaryOp.of or BinaryOp.of");
    }
    return dfExpr;
  }

  /**
   * A leaf that is not in the graph is a constant that an operation's rule made (relu's 0 or 1,
   * add's 1), so multiplying by it can be skipped; a leaf of the graph is a variable and is kept,
   * for derivatives of higher order.
   */
  private static boolean isConstant(Graph graph, Expr local, double value) {
    return local instanceof Expr.Leaf && local.value() == value && graph.positionOf(local) < 0;
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
