package io.github.puregrad.expr;

import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.DoubleBinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An operation of two operands, y = f(a, b), given by its rules as {@link UnaryOp} is: {@code
 * symbol}, {@code f}, ∂y/∂(operand k) as a number ({@code df}) and as an expression ({@code
 * dfExpr}, or null), where it is {@code smooth}, and both derivatives as text in a, b and y for the
 * pictures ({@code dfText}: "b" and "a" for a · b; empty if not given). Operand k is 0 for a, 1 for
 * b.
 *
 * <pre>{@code
 * BinaryOp.MUL.partial(0, 2.0, 3.0, 6.0);    // 3.0 = d(ab)/da = b
 * BinaryOp hypot = BinaryOp.of(               // a user-defined operation
 *     "hypot", Math::hypot, (k, a, b, y) -> (k == 0 ? a : b) / y);
 * Expr.of(3.0).apply(hypot, Expr.of(4.0)).value();   // 5.0
 * }</pre>
 */
public record BinaryOp(
    String symbol,
    DoubleBinaryOperator f,
    Rule df,
    @Nullable SymbolicRule dfExpr,
    BiPredicate<Double, Double> smooth,
    Vector<String> dfText) {
  /** a + b; ∂/∂a = ∂/∂b = 1. */
  public static final BinaryOp ADD =
      of("+", (a, b) -> a + b, (k, a, b, y) -> 1.0, (k, a, b, y) -> Expr.of(1.0))
          .withDfText("1", "1");

  /** a · b; ∂/∂a = b, ∂/∂b = a: each operand gets the other's value. */
  public static final BinaryOp MUL =
      of("*", (a, b) -> a * b, (k, a, b, y) -> k == 0 ? b : a, (k, a, b, y) -> k == 0 ? b : a)
          .withDfText("b", "a");

  /** a / b, as IEEE divides; ∂/∂a = 1/b, ∂/∂b = -a/b² = -y/b, rounded as PyTorch 1.13 does. */
  public static final BinaryOp DIV =
      new BinaryOp(
          "/",
          (a, b) -> a / b,
          (k, a, b, y) -> k == 0 ? 1 / b : -y / b,
          (k, a, b, y) -> k == 0 ? b.pow(-1.0) : y.neg().div(b),
          (a, b) -> b != 0,
          Vector.of("1/b", "−y/b"));

  /** a^b; ∂/∂a = b a^(b-1), ∂/∂b = a^b ln a, but 0 where PyTorch says 0: see powPartial. */
  public static final BinaryOp POW =
      new BinaryOp(
          "^",
          Math::pow,
          BinaryOp::powPartial,
          BinaryOp::powPartial,
          (a, b) -> a > 0,
          Vector.of("b·a^(b−1)", "y·ln a"));

  /** The built-in operations above, in this order: what the tests and the docs visit. */
  public static final Vector<BinaryOp> BUILT_IN = Vector.of(ADD, MUL, DIV, POW);

  /** A local derivative as a number: ∂y/∂(operand k) at a, b, with y = f(a, b). */
  public interface Rule {
    double partial(int k, double a, double b, double y);
  }

  /** A local derivative as an expression of the operand nodes and of the node y. */
  public interface SymbolicRule {
    Expr partial(int k, Expr a, Expr b, Expr y);
  }

  public BinaryOp {
    Node.requireNonNull(symbol, f, df, smooth);
    if (Objects.requireNonNull(dfText, "dfText is null").size() != 0 && dfText.size() != 2) {
      throw new IllegalArgumentException("dfText must give ∂y/∂a and ∂y/∂b, or neither");
    }
  }

  /** {@return an operation smooth everywhere, with no derivative as an expression} */
  public static BinaryOp of(String symbol, DoubleBinaryOperator f, Rule df) {
    return new BinaryOp(symbol, f, df, null, (a, b) -> true, Vector.empty());
  }

  /** {@return an operation smooth everywhere, with its derivative as an expression} */
  public static BinaryOp of(String symbol, DoubleBinaryOperator f, Rule df, SymbolicRule dfExpr) {
    return new BinaryOp(
        symbol,
        f,
        df,
        Objects.requireNonNull(dfExpr, "dfExpr is null"),
        (a, b) -> true,
        Vector.empty());
  }

  /** {@return this operation with ∂y/∂a and ∂y/∂b as text, in a, b and y: "b", "a" for a · b} */
  public BinaryOp withDfText(String da, String db) {
    return new BinaryOp(symbol, f, df, dfExpr, smooth, Vector.of(da, db));
  }

  /** {@return y = f(a, b)} */
  public double apply(double a, double b) {
    return f.applyAsDouble(a, b);
  }

  /** {@return the local derivative ∂y/∂a (k = 0) or ∂y/∂b (k = 1), where y = apply(a, b)} */
  public double partial(int k, double a, double b, double y) {
    return df.partial(k, a, b, y);
  }

  /** {@return the operation applied to its operands' names: "a + b"} */
  public String format(String a, String b) {
    return a + " " + symbol + " " + b;
  }

  @Override
  public String toString() {
    return symbol;
  }

  // As PyTorch: ∂(a^b)/∂a is 0 where b = 0, and ∂/∂b is 0 where a = 0 and b ≥ 0 (not 0 · -∞)
  private static double powPartial(int k, double a, double b, double y) {
    return k == 0
        ? (b == 0 ? 0.0 : b * Math.pow(a, b - 1))
        : (a == 0 && b >= 0 ? 0.0 : y * Math.log(a));
  }

  private static Expr powPartial(int k, Expr a, Expr b, Expr y) {
    if (k == 0 ? b.value() == 0 : a.value() == 0 && b.value() >= 0) {
      return Expr.of(0.0);
    }
    return k == 0 ? b.mul(a.pow(b.add(-1.0))) : y.mul(a.log());
  }
}
