package io.github.puregrad.expr;

import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An operation of one operand, y = f(x), with every rule of it in one place: every engine and
 * picture reads these rules, so they cannot disagree, and a new operation that lacks one does not
 * compile. Rules follow IEEE 754 and PyTorch (float64) on the edges, as {@code docs/ops.md} lists.
 *
 * <pre>{@code
 * Expr y = Expr.of(0.5, "x").tanh();       // an Expr.Unary carrying UnaryOp.TANH
 * UnaryOp.TANH.partial(0.5, y.value());    // 0.7864477329659274 = 1 - y^2
 * UnaryOp softplus =                       // a user-defined operation
 *     UnaryOp.of("softplus", v -> Math.log1p(Math.exp(v)), (v, w) -> 1 / (1 + Math.exp(-v)));
 * }</pre>
 */
public sealed interface UnaryOp { // permits the records below
  Exp EXP = new Exp();
  Log LOG = new Log();
  Tanh TANH = new Tanh();
  Relu RELU = new Relu();
  Sigmoid SIGMOID = new Sigmoid();
  Sin SIN = new Sin();
  Cos COS = new Cos();
  Sqrt SQRT = new Sqrt();
  Abs ABS = new Abs();

  /** {@return y = f(x)} */
  double apply(double x);

  /** {@return the local derivative dy/dx at {@code x}, where {@code y = apply(x)}} */
  double partial(double x, double y);

  /** {@return dy/dx as an expression of the operand {@code x} and the node {@code y} itself} */
  Expr partial(Expr x, Expr y);

  /** {@return whether f is differentiable at x, with a finite derivative that differences check} */
  boolean smooth(double x);

  /** {@return the name shown in pictures and traces: "tanh", "^2"} */
  default String symbol() {
    return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@return the operation applied to an operand's name: "tanh(x)", "x^2"} */
  default String format(String x) {
    return symbol() + "(" + x + ")";
  }

  /** {@return x^n for a constant n} */
  static Pow pow(double n) {
    return new Pow(n);
  }

  /** {@return a user-defined operation, with no derivative as an expression} */
  static Custom of(String name, DoubleUnaryOperator f, DoubleBinaryOperator df) {
    return new Custom(name, f, df, null);
  }

  /** {@return a user-defined operation with its derivative as an expression} */
  static Custom of(
      String name, DoubleUnaryOperator f, DoubleBinaryOperator df, BinaryOperator<Expr> dfExpr) {
    return new Custom(name, f, df, Objects.requireNonNull(dfExpr, "dfExpr is null"));
  }

  // spotless:off  (each operation reads as one row of a table: value, derivatives, domain)

  /**
   * A user-defined operation, like PyTorch's {@code autograd.Function} or JAX's {@code custom_jvp}:
   * its {@code name}, y = {@code f}(x) (deterministic), dy/dx = {@code df}(x, y) and, for higher
   * orders in {@code Symbolic} only, dy/dx as an expression {@code dfExpr}(x, y), or null. It works
   * everywhere a built-in operation does; check it with {@code GradCheck}.
   */
  record Custom(String name, DoubleUnaryOperator f, DoubleBinaryOperator df,
      @Nullable BinaryOperator<Expr> dfExpr) implements UnaryOp {
    public Custom { Node.requireNonNull(name, f, df); }
    @Override public double apply(double x) { return f.applyAsDouble(x); }
    @Override public double partial(double x, double y) { return df.applyAsDouble(x, y); }
    @Override public Expr partial(Expr x, Expr y) { return Node.given(dfExpr, name).apply(x, y); }
    @Override public boolean smooth(double x) { return true; }
    @Override public String symbol() { return name; }
  }
  /** e^x; its derivative is itself: the node's own value. */
  record Exp() implements UnaryOp {
    @Override public double apply(double x) { return Math.exp(x); }
    @Override public double partial(double x, double y) { return y; }
    @Override public Expr partial(Expr x, Expr y) { return y; }
    @Override public boolean smooth(double x) { return true; }
  }
  /** ln x; d/dx = 1/x. ln 0 = -Infinity, ln of a negative number is NaN. */
  record Log() implements UnaryOp {
    @Override public double apply(double x) { return Math.log(x); }
    @Override public double partial(double x, double y) { return 1.0 / x; }
    @Override public Expr partial(Expr x, Expr y) { return x.pow(-1.0); }
    @Override public boolean smooth(double x) { return x > 0; }
  }
  /** tanh x; d/dx = 1 - tanh²x, from the node's own value. */
  record Tanh() implements UnaryOp {
    @Override public double apply(double x) { return Math.tanh(x); }
    @Override public double partial(double x, double y) { return 1 - y * y; }
    @Override public Expr partial(Expr x, Expr y) { return y.mul(y).mul(-1.0).add(1.0); }
    @Override public boolean smooth(double x) { return true; }
  }
  /** max(0, x); d/dx = 1 where x &gt; 0, else 0. NaN passes through, as in PyTorch: never hidden. */
  record Relu() implements UnaryOp {
    @Override public double apply(double x) { return x <= 0 ? 0.0 : x; }
    @Override public double partial(double x, double y) { return x <= 0 ? 0.0 : 1.0; }
    @Override public Expr partial(Expr x, Expr y) { return Expr.of(partial(x.value(), 0)); }
    @Override public boolean smooth(double x) { return x != 0; }
  }
  /** σ(x) = 1 / (1 + e^-x), without overflow; dσ/dx = σ (1 - σ). */
  record Sigmoid() implements UnaryOp {
    @Override public double apply(double x) {
      double e = Math.exp(-Math.abs(x)); // e^-x for x >= 0, e^x below: never overflows
      return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
    @Override public double partial(double x, double y) { return y * (1 - y); }
    @Override public Expr partial(Expr x, Expr y) { return y.mul(y.mul(-1.0).add(1.0)); }
    @Override public boolean smooth(double x) { return true; }
  }
  /** x^n for a constant, finite n; d/dx = n x^(n-1), and 0 for n = 0 (as PyTorch: not 0 · ∞). */
  record Pow(double n) implements UnaryOp {
    public Pow { if (!Double.isFinite(n)) { throw new IllegalArgumentException("exponent must be a finite number, got " + n); } }
    @Override public double apply(double x) { return Math.pow(x, n); }
    @Override public double partial(double x, double y) { return n == 0 ? 0.0 : n * Math.pow(x, n - 1); }
    @Override public Expr partial(Expr x, Expr y) {
      return n == 0 ? Expr.of(0.0) : n == 1 ? Expr.of(1.0) : (n == 2 ? x : x.pow(n - 1)).mul(n);
    }
    @Override public boolean smooth(double x) { return n % 1 == 0 ? n >= 0 || x != 0 : x > 0; }
    @Override public String symbol() { return "^" + Node.number(n); }
    @Override public String format(String x) { return x + symbol(); }
  }
  /** sin x; d/dx = cos x. */
  record Sin() implements UnaryOp {
    @Override public double apply(double x) { return Math.sin(x); }
    @Override public double partial(double x, double y) { return Math.cos(x); }
    @Override public Expr partial(Expr x, Expr y) { return x.cos(); }
    @Override public boolean smooth(double x) { return true; }
  }
  /** cos x; d/dx = -sin x. */
  record Cos() implements UnaryOp {
    @Override public double apply(double x) { return Math.cos(x); }
    @Override public double partial(double x, double y) { return -Math.sin(x); }
    @Override public Expr partial(Expr x, Expr y) { return x.sin().neg(); }
    @Override public boolean smooth(double x) { return true; }
  }
  /** √x; d/dx = 1 / (2√x), from the node's own value: +Infinity at 0, NaN below. */
  record Sqrt() implements UnaryOp {
    @Override public double apply(double x) { return Math.sqrt(x); }
    @Override public double partial(double x, double y) { return 1 / (2 * y); }
    @Override public Expr partial(Expr x, Expr y) { return y.mul(2.0).pow(-1.0); }
    @Override public boolean smooth(double x) { return x > 0; }
  }
  /** |x|; d/dx = sign x, 0 at 0 (as PyTorch); as an expression, x · 0 where x is NaN. */
  record Abs() implements UnaryOp {
    @Override public double apply(double x) { return Math.abs(x); }
    @Override public double partial(double x, double y) { return Math.signum(x); }
    @Override public Expr partial(Expr x, Expr y) {
      return Double.isNaN(x.value()) ? x.mul(0.0) : Expr.of(Math.signum(x.value()));
    }
    @Override public boolean smooth(double x) { return x != 0; }
  }

  // spotless:on
}
