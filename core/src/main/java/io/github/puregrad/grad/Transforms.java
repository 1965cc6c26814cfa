package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.Function1;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Differentiation as a function transform, as in JAX: {@code grad(f)} is a new function. The
 * functions are plain Java functions from a {@code Vector<Expr>} of inputs to an {@link Expr} (or,
 * for {@link #jacobian}, to a sequence of them); the transforms return Vavr functions over numbers.
 *
 * <pre>{@code
 * Function<Vector<Expr>, Expr> f = v -> v.get(0).mul(v.get(1)).add(v.get(0).sin());
 * Transforms.grad(f).apply(Vector.of(1.0, 2.0));          // [2 + cos 1, 1]
 * Transforms.valueAndGrad(f).apply(Vector.of(1.0, 2.0));  // (2 + sin 1, [2 + cos 1, 1])
 * Transforms.hessian(f).apply(Vector.of(1.0, 2.0));       // [[-sin 1, 1], [1, 0]]
 * Transforms.jacobian(Transforms.gradExpr(f));            // the same function as hessian(f)
 * }</pre>
 *
 * <p>Each call builds the inputs as new leaves, applies {@code f} and differentiates the graph it
 * returns, so Java control flow in {@code f} sees the actual values on every call (see {@link
 * Compiled} for the traced form). The transforms hold no state: they are pure and may be called
 * from any number of threads. {@link #gradExpr} returns expressions, so transforms compose where
 * the mathematics does: {@code hessian(f)} is {@code jacobian(gradExpr(f))}, bit for bit. No
 * transform recurses; each is a constant number of loops over the graph per output.
 *
 * <p>Inputs are checked at the boundary: a null vector or element, or a NaN or infinite value, is
 * an {@link IllegalArgumentException} naming the input ({@link Expr#of} takes finite numbers only,
 * and the {@link Tape} of {@link Compiled} does the same). How many inputs {@code f} takes is for
 * {@code f} to say, as in JAX; {@link Compiled} fixes the count when it traces.
 */
public final class Transforms {
  private Transforms() {}

  // -- static API

  /** {@return the function x -> ∇f(x), by one reverse pass per call} */
  public static Function1<Vector<Double>, Vector<Double>> grad(
      Function<? super Vector<Expr>, ? extends Expr> f) {
    Objects.requireNonNull(f, "f is null");
    return x -> valueAndGrad(f, x)._2;
  }

  /** {@return the function x -> (f(x), ∇f(x)), from the same pass} */
  public static Function1<Vector<Double>, Tuple2<Double, Vector<Double>>> valueAndGrad(
      Function<? super Vector<Expr>, ? extends Expr> f) {
    Objects.requireNonNull(f, "f is null");
    return x -> valueAndGrad(f, x);
  }

  /**
   * {@return the function x -> the matrix of second derivatives of f at x}: {@code
   * jacobian(gradExpr(f))}, one symbolic and n numeric reverse passes. Row i is the gradient of
   * ∂f/∂x_i, so the matrix is symmetric up to rounding (exactly, for most functions).
   */
  public static Function1<Vector<Double>, Vector<Vector<Double>>> hessian(
      Function<? super Vector<Expr>, ? extends Expr> f) {
    return jacobian(gradExpr(f));
  }

  /**
   * {@return the function x -> the Jacobian of g at x}: row i is the gradient of output i, by one
   * reverse pass per output (meant for a few outputs).
   */
  public static Function1<Vector<Double>, Vector<Vector<Double>>> jacobian(
      Function<? super Vector<Expr>, ? extends Seq<? extends Expr>> g) {
    Objects.requireNonNull(g, "g is null");
    return x -> {
      Vector<Expr> inputs = leaves(x);
      Seq<? extends Expr> outputs = Objects.requireNonNull(g.apply(inputs), "g returned null");
      return Vector.ofAll(outputs)
          .zipWithIndex()
          .map(
              t -> {
                Expr output = Objects.requireNonNull(t._1, () -> "g returned null at " + t._2);
                Gradients grads = Autodiff.backward(output);
                return inputs.map(grads::get);
              });
    };
  }

  /**
   * {@return the gradient of f as expressions}: a function of expressions again, so it can be
   * differentiated further ({@code jacobian(gradExpr(f))} is the Hessian, {@code grad(v ->
   * gradExpr(f).apply(v).get(0))} the gradient of ∂f/∂x_0).
   *
   * <p>The inputs may be any expressions: the result is ∇f evaluated at them, as expressions of
   * whatever they are built from (the chain rule, when they are not independent leaves). For
   * distinct leaves it is {@link Symbolic#backward} of {@code f(inputs)}; otherwise f is
   * differentiated at new leaves that are then replaced by the inputs.
   */
  public static Function<Vector<Expr>, Vector<Expr>> gradExpr(
      Function<? super Vector<Expr>, ? extends Expr> f) {
    Objects.requireNonNull(f, "f is null");
    return inputs -> {
      Objects.requireNonNull(inputs, "inputs is null");
      if (distinctLeaves(inputs)) {
        Derivatives d = Symbolic.backward(apply(f, inputs));
        return inputs.map(d::get);
      }
      Vector<Expr> at = inputs.map(e -> Expr.of(e.value(), "u"));
      Derivatives d = Symbolic.backward(apply(f, at));
      Map<Long, Expr> replace = new HashMap<>();
      for (int i = 0; i < at.size(); i++) {
        replace.put(at.get(i).id(), inputs.get(i));
      }
      return at.map(u -> substitute(d.get(u), replace));
    };
  }

  /**
   * {@return the function of {@code inputs} that {@code output} computes}: applied to other
   * expressions, it rebuilds {@code output}'s graph with input i replaced by expression i. Turns an
   * expression you have (a generated one, a loss) into a function for the transforms.
   *
   * <pre>{@code
   * Expr.Leaf x = Expr.of(1.0, "x");
   * Function<Vector<Expr>, Expr> square = Transforms.asFunction(x.mul(x), Vector.of(x));
   * Transforms.grad(square).apply(Vector.of(3.0));   // [6.0]
   * }</pre>
   *
   * <p>Other leaves stay what they are: constants of the function.
   */
  public static Function<Vector<Expr>, Expr> asFunction(
      Expr output, Seq<? extends Expr.Leaf> inputs) {
    Objects.requireNonNull(output, "output is null");
    Objects.requireNonNull(inputs, "inputs is null");
    Vector<Expr.Leaf> leaves = Vector.ofAll(inputs);
    return v -> {
      Objects.requireNonNull(v, "inputs is null");
      if (v.size() != leaves.size()) {
        throw new IllegalArgumentException(
            "expected " + leaves.size() + " inputs, got " + v.size());
      }
      Map<Long, Expr> replace = new HashMap<>();
      for (int i = 0; i < leaves.size(); i++) {
        replace.put(
            leaves.get(i).id(), Objects.requireNonNull(v.get(i), "input " + i + " is null"));
      }
      return substitute(output, replace);
    };
  }

  // -- package-private helpers, shared with Compiled

  /** {@return one new leaf per value, labelled x0, x1, ...; a null or non-finite value throws} */
  static Vector<Expr> leaves(Vector<Double> x) {
    double[] values = values(x);
    return Vector.narrow(Vector.range(0, values.length).map(i -> Expr.of(values[i], "x" + i)));
  }

  /** {@return x as an array; a null or non-finite value throws, naming its index} */
  static double[] values(Vector<Double> x) {
    Objects.requireNonNull(x, "x is null");
    double[] values = new double[x.size()];
    for (int i = 0; i < values.length; i++) {
      Double value = x.get(i);
      if (value == null || !Double.isFinite(value)) {
        throw new IllegalArgumentException("x[" + i + "] must be a finite number, got " + value);
      }
      values[i] = value;
    }
    return values;
  }

  /** {@return f applied to inputs, which must not give null} */
  static Expr apply(Function<? super Vector<Expr>, ? extends Expr> f, Vector<Expr> inputs) {
    Expr output = f.apply(inputs);
    if (output == null) {
      throw new IllegalArgumentException("f returned null for " + inputs.size() + " inputs");
    }
    return output;
  }

  private static Tuple2<Double, Vector<Double>> valueAndGrad(
      Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> x) {
    Vector<Expr> inputs = leaves(x);
    Gradients grads = Autodiff.backward(apply(f, inputs));
    return Tuple.of(grads.output().value(), inputs.map(grads::get));
  }

  private static boolean distinctLeaves(Vector<Expr> inputs) {
    Set<Long> seen = new HashSet<>();
    return inputs.forAll(e -> e instanceof Expr.Leaf && seen.add(e.id()));
  }

  /**
   * {@return output rebuilt with each leaf whose id is a key replaced by its value}: one loop over
   * the graph in topological order; a node none of whose operands changed is kept as it is.
   */
  private static Expr substitute(Expr output, Map<Long, Expr> replace) {
    Graph graph = Graph.of(output);
    Expr[] rebuilt = new Expr[graph.size()];
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      if (node instanceof Expr.Leaf) {
        rebuilt[p] = replace.getOrDefault(node.id(), node);
      } else if (node instanceof Expr.Unary u) {
        Expr operand = rebuilt[graph.operandPosition(p, 0)];
        rebuilt[p] = operand == u.operand() ? node : operand.apply(u.op());
      } else {
        Expr.Binary b = (Expr.Binary) node;
        Expr left = rebuilt[graph.operandPosition(p, 0)];
        Expr right = rebuilt[graph.operandPosition(p, 1)];
        rebuilt[p] = left == b.left() && right == b.right() ? node : left.apply(b.op(), right);
      }
    }
    return rebuilt[rebuilt.length - 1];
  }
}
