package io.github.puregrad.optim;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.expr.UnaryOp;
import io.github.puregrad.grad.Compiled;
import io.github.puregrad.grad.Tape;
import io.github.puregrad.grad.Transforms;
import io.vavr.Function1;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the minimizers ask of f: its value and gradient at a point, and Hessian-vector products.
 * Eager calls f on new leaves every time; traced evaluates tapes (decision 0080). Both compute the
 * same numbers to the bit, so a minimization takes the same path either way.
 *
 * <p>Not thread-safe: a traced oracle holds its tapes' scratch arrays. Each minimization makes its
 * own, so a {@link Minimizer} stays a value.
 */
abstract class Oracle {
  final int size;

  private Oracle(int size) {
    this.size = size;
  }

  /** {@return an oracle for f at points of x0's size, traced at x0 if {@code traced}} */
  static Oracle of(Function<? super Vector<Expr>, ? extends Expr> f, double[] x0, boolean traced) {
    return traced ? new Traced(f, x0) : new Eager(f, x0.length);
  }

  /** {@return f and ∇f at the finite point x, which may be non-finite numbers} */
  abstract Point at(double[] x);

  /** {@return H(x)·v, by reverse over reverse; x and v finite} */
  abstract double[] hessianTimes(double[] x, double[] v);

  /**
   * x, v -> ∇f(x)·v as a function of 2n inputs: its gradient with respect to the first n is H(x)·v.
   * The dot product is built in one fixed order so that the eager and traced products agree.
   */
  static Function<Vector<Expr>, Expr> directional(
      Function<? super Vector<Expr>, ? extends Expr> f, int n) {
    Function<Vector<Expr>, Vector<Expr>> gradient = Transforms.gradExpr(f);
    return xv -> {
      Vector<Expr> g = gradient.apply(xv.take(n));
      Expr dot = g.get(0).mul(xv.get(n));
      for (int i = 1; i < n; i++) {
        dot = dot.add(g.get(i).mul(xv.get(n + i)));
      }
      return dot;
    };
  }

  static double[] concat(double[] x, double[] v) {
    double[] xv = Arrays.copyOf(x, x.length + v.length);
    System.arraycopy(v, 0, xv, x.length, v.length);
    return xv;
  }

  /** f called on new leaves at every point, through {@link Transforms}. */
  private static final class Eager extends Oracle {
    private final Function1<Vector<Double>, Tuple2<Double, Vector<Double>>> valueAndGrad;
    private final Function1<Vector<Double>, Vector<Double>> directionalGrad;

    Eager(Function<? super Vector<Expr>, ? extends Expr> f, int size) {
      super(size);
      this.valueAndGrad = Transforms.valueAndGrad(f);
      this.directionalGrad = Transforms.grad(directional(f, size));
    }

    @Override
    Point at(double[] x) {
      Tuple2<Double, Vector<Double>> vg = valueAndGrad.apply(boxed(x));
      double[] g = new double[size];
      for (int i = 0; i < size; i++) {
        g[i] = vg._2.get(i);
      }
      return new Point(x, vg._1, g);
    }

    @Override
    double[] hessianTimes(double[] x, double[] v) {
      Vector<Double> both = directionalGrad.apply(boxed(concat(x, v)));
      double[] hv = new double[size];
      for (int i = 0; i < size; i++) {
        hv[i] = both.get(i);
      }
      return hv;
    }

    private static Vector<Double> boxed(double[] values) {
      return Vector.ofAll(values);
    }
  }

  /**
   * f traced once at x0 into a tape for values and gradients, and x, v -> ∇f(x)·v traced into a
   * tape for the Hessian-vector products. The derivative graph that {@link Transforms#gradExpr}
   * builds has the same shape at every x only if f's operations have derivatives whose expressions
   * do not depend on the values (relu's derivative is a constant 0 or 1 chosen from its operand, so
   * a tape of it holds on one side of the kink). So the products' tape is traced once if every
   * operation of f is one of the smooth built-ins (and constant powers), and otherwise again at
   * each new x: a Newton iteration asks many products at one x.
   */
  private static final class Traced extends Oracle {
    private final Function<? super Vector<Expr>, ? extends Expr> f;
    private final Tape tape;
    private final Tape.Workspace workspace;
    private double[] productsAt = new double[0];
    private boolean productsEverywhere;
    private @Nullable Tape products;
    private Tape.@Nullable Workspace productsWorkspace;

    Traced(Function<? super Vector<Expr>, ? extends Expr> f, double[] x0) {
      super(x0.length);
      this.f = f;
      this.tape = Compiled.trace(f, Vector.ofAll(x0)).tape();
      this.workspace = tape.workspace();
    }

    @Override
    Point at(double[] x) {
      Tape.Result r = tape.evaluate(workspace, x);
      double[] g = new double[size];
      for (int i = 0; i < size; i++) {
        g[i] = r.at(i);
      }
      return new Point(x, r.value(), g);
    }

    @Override
    double[] hessianTimes(double[] x, double[] v) {
      double[] xv = concat(x, v);
      Tape tapeAtX = products;
      Tape.Workspace scratch = productsWorkspace;
      if (tapeAtX == null
          || scratch == null
          || (!productsEverywhere && !Arrays.equals(x, productsAt))) {
        if (tapeAtX == null) {
          productsEverywhere = sameShapeEverywhere(f, x);
        }
        // generated code pays off for a tape used at every x, not for one used at this x only
        tapeAtX =
            productsEverywhere
                ? Compiled.trace(directional(f, size), Vector.ofAll(xv)).tape()
                : Compiled.interpreted(directional(f, size), Vector.ofAll(xv)).tape();
        scratch = tapeAtX.workspace();
        products = tapeAtX;
        productsWorkspace = scratch;
        productsAt = x.clone();
      }
      Tape.Result r = tapeAtX.evaluate(scratch, xv);
      double[] hv = new double[size];
      for (int i = 0; i < size; i++) {
        hv[i] = r.at(i);
      }
      return hv;
    }
  }

  /**
   * {@return whether every operation of f's graph at x has a derivative expression whose shape does
   * not depend on the values}: the built-in smooth rows and constant powers. relu, abs, a^b (whose
   * derivative is 0 where PyTorch says 0) and operations of the caller's own are not known to, so
   * they say no.
   */
  @SuppressWarnings("ReferenceEquality") // the rows are constants: identity is meant
  static boolean sameShapeEverywhere(Function<? super Vector<Expr>, ? extends Expr> f, double[] x) {
    Vector<Expr> leaves = Vector.range(0, x.length).map(i -> Expr.of(x[i], "x" + i));
    Graph graph = Graph.of(Objects.requireNonNull(f.apply(leaves), "f returned null"));
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      if (node instanceof Expr.Unary u) {
        UnaryOp op = u.op();
        boolean smooth =
            op == UnaryOp.EXP
                || op == UnaryOp.LOG
                || op == UnaryOp.TANH
                || op == UnaryOp.SIGMOID
                || op == UnaryOp.SIN
                || op == UnaryOp.COS
                || op == UnaryOp.SQRT
                || constantPower(op);
        if (!smooth) {
          return false;
        }
      } else if (node instanceof Expr.Binary b) {
        BinaryOp op = b.op();
        if (!(op == BinaryOp.ADD || op == BinaryOp.MUL || op == BinaryOp.DIV)) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@return whether op is a row of {@link UnaryOp#pow(double)}, known by its symbol "^n"} */
  private static boolean constantPower(UnaryOp op) {
    String symbol = op.symbol();
    if (!symbol.startsWith("^")) {
      return false;
    }
    try {
      return UnaryOp.pow(Double.parseDouble(symbol.substring(1))).symbol().equals(symbol);
    } catch (IllegalArgumentException notANumber) {
      return false;
    }
  }
}
