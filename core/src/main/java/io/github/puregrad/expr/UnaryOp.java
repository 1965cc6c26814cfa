package io.github.puregrad.expr;

import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An operation of one operand, y = f(x), with every rule of it in one place, so that every engine
 * and picture reads the same rules: its {@code symbol}, y = {@code f}(x), dy/dx = {@code df}(x, y)
 * as a number and {@code dfExpr}(x, y) as an expression (null if not given: only {@code Symbolic}
 * needs it), where f is {@code smooth}, and dy/dx as text for the pictures ({@code dfText}, in x
 * and y: "1 − y²"; "" if not given). Edges follow IEEE 754 and PyTorch ({@code docs/ops.md}). Check
 * a user's operation with {@code GradCheck}.
 *
 * <pre>{@code
 * Expr y = Expr.of(0.5, "x").tanh();       // an Expr.Unary carrying UnaryOp.TANH
 * UnaryOp.TANH.partial(0.5, y.value());    // 0.7864477329659274 = 1 - y^2
 * UnaryOp softplus =                       // a user-defined operation
 *     UnaryOp.of("softplus", v -> Math.log1p(Math.exp(v)), (v, w) -> 1 / (1 + Math.exp(-v)));
 * }</pre>
 */
public record UnaryOp(
    String symbol,
    DoubleUnaryOperator f,
    DoubleBinaryOperator df,
    @Nullable BinaryOperator<Expr> dfExpr,
    DoublePredicate smooth,
    String dfText) {
  /** e^x; its derivative is itself: the node's own value. */
  public static final UnaryOp EXP = of("exp", Math::exp, (x, y) -> y, (x, y) -> y).withDfText("y");

  /** ln x; d/dx = 1/x. ln 0 = -Infinity, ln of a negative number is NaN. */
  public static final UnaryOp LOG =
      new UnaryOp("log", Math::log, (x, y) -> 1 / x, (x, y) -> x.pow(-1.0), x -> x > 0, "1/x");

  /** tanh x; d/dx = 1 - tanh²x, from the node's own value. */
  public static final UnaryOp TANH =
      of("tanh", Math::tanh, (x, y) -> 1 - y * y, (x, y) -> y.mul(y).neg().add(1.0))
          .withDfText("1 − y²");

  /** max(0, x); d/dx = 1 where x &gt; 0, else 0 (as an expression: that constant). NaN passes. */
  public static final UnaryOp RELU =
      new UnaryOp(
          "relu",
          x -> x <= 0 ? 0.0 : x,
          (x, y) -> x <= 0 ? 0.0 : 1.0,
          (x, y) -> Expr.of(x.value() <= 0 ? 0.0 : 1.0),
          x -> x != 0,
          "x > 0 ? 1 : 0");

  /** σ(x) = 1 / (1 + e^-x), without overflow; dσ/dx = σ (1 - σ). */
  public static final UnaryOp SIGMOID =
      of("sigmoid", UnaryOp::sigmoid, (x, y) -> y * (1 - y), (x, y) -> y.mul(y.neg().add(1.0)))
          .withDfText("y·(1 − y)");

  /** sin x; d/dx = cos x. */
  public static final UnaryOp SIN =
      of("sin", Math::sin, (x, y) -> Math.cos(x), (x, y) -> x.cos()).withDfText("cos x");

  /** cos x; d/dx = -sin x. */
  public static final UnaryOp COS =
      of("cos", Math::cos, (x, y) -> -Math.sin(x), (x, y) -> x.sin().neg()).withDfText("−sin x");

  /** √x; d/dx = 1 / (2√x), from the node's own value: +Infinity at 0, NaN below. */
  public static final UnaryOp SQRT =
      new UnaryOp(
          "sqrt",
          Math::sqrt,
          (x, y) -> 1 / (2 * y),
          (x, y) -> y.mul(2.0).pow(-1.0),
          x -> x > 0,
          "1/(2y)");

  /** |x|; d/dx = sign x, 0 at 0 (as PyTorch); as an expression, that constant, or x · 0 at NaN. */
  public static final UnaryOp ABS =
      new UnaryOp(
          "abs",
          Math::abs,
          (x, y) -> Math.signum(x),
          (x, y) -> Double.isNaN(x.value()) ? x.mul(0.0) : Expr.of(Math.signum(x.value())),
          x -> x != 0,
          "sign x");

  /** The built-in operations above, in this order: what the tests and the docs visit. */
  public static final Vector<UnaryOp> BUILT_IN =
      Vector.of(EXP, LOG, TANH, RELU, SIGMOID, SIN, COS, SQRT, ABS);

  public UnaryOp {
    Node.requireNonNull(symbol, f, df, smooth);
    Objects.requireNonNull(dfText, "dfText is null");
  }

  /**
   * {@return x^n for a constant, finite n}: d/dx = n x^(n-1), and 0 for n = 0 (as PyTorch: not 0 ·
   * ∞). Its symbol, "^2", is written after the operand.
   */
  public static UnaryOp pow(double n) {
    if (!Double.isFinite(n)) {
      throw new IllegalArgumentException("exponent must be a finite number, got " + n);
    }
    return new UnaryOp(
        "^" + number(n),
        x -> Math.pow(x, n),
        (x, y) -> n == 0 ? 0.0 : n * Math.pow(x, n - 1),
        (x, y) -> n == 0 ? Expr.of(0.0) : n == 1 ? Expr.of(1.0) : x.pow(n - 1).mul(n),
        x -> n % 1 == 0 ? n >= 0 || x != 0 : x > 0,
        n == 0 || n == 1 ? number(n) : n == 2 ? "2·x" : number(n) + "·x^" + number(n - 1));
  }

  private static String number(double n) {
    return n % 1 == 0 && Math.abs(n) < 1e15 ? Long.toString((long) n) : Double.toString(n);
  }

  /** {@return an operation smooth everywhere, with no derivative as an expression} */
  public static UnaryOp of(String symbol, DoubleUnaryOperator f, DoubleBinaryOperator df) {
    return new UnaryOp(symbol, f, df, null, x -> true, "");
  }

  /** {@return an operation smooth everywhere, with its derivative as an expression} */
  public static UnaryOp of(
      String symbol, DoubleUnaryOperator f, DoubleBinaryOperator df, BinaryOperator<Expr> dfExpr) {
    return new UnaryOp(
        symbol, f, df, Objects.requireNonNull(dfExpr, "dfExpr is null"), x -> true, "");
  }

  /** {@return this operation with dy/dx as text, in x and y, for the pictures: "1 − y²"} */
  public UnaryOp withDfText(String text) {
    return new UnaryOp(symbol, f, df, dfExpr, smooth, text);
  }

  /** {@return y = f(x)} */
  public double apply(double x) {
    return f.applyAsDouble(x);
  }

  /** {@return the local derivative dy/dx at {@code x}, where {@code y = apply(x)}} */
  public double partial(double x, double y) {
    return df.applyAsDouble(x, y);
  }

  /** {@return the operation applied to an operand's name: "tanh(x)", or "x^2" for a power} */
  public String format(String x) {
    return symbol.startsWith("^") ? x + symbol : symbol + "(" + x + ")";
  }

  @Override
  public String toString() {
    return symbol;
  }

  private static double sigmoid(double x) {
    double e = Math.exp(-Math.abs(x)); // e^-x for x >= 0, e^x below: never overflows
    return x >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
}
