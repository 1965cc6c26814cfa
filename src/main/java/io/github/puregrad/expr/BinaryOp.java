package io.github.puregrad.expr;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An operation of two operands, y = f(a, b): every rule of it in one place, as for {@link UnaryOp}.
 * Operand k is 0 for a, 1 for b.
 *
 * <pre>{@code
 * BinaryOp.MUL.apply(2.0, 3.0);              // 6.0
 * BinaryOp.MUL.partial(0, 2.0, 3.0, 6.0);    // 3.0 = d(ab)/da = b
 * BinaryOp hypot = BinaryOp.of(               // a user-defined operation
 *     "hypot", Math::hypot, (k, a, b, y) -> (k == 0 ? a : b) / y);
 * Expr.of(3.0).apply(hypot, Expr.of(4.0)).value();   // 5.0
 * }</pre>
 */
public sealed interface BinaryOp { // permits the records below
  Add ADD = new Add();
  Mul MUL = new Mul();
  Pow POW = new Pow();

  /** {@return y = f(a, b)} */
  double apply(double a, double b);

  /** {@return the local derivative ∂y/∂a (k = 0) or ∂y/∂b (k = 1), where y = apply(a, b)} */
  double partial(int k, double a, double b, double y);

  /** {@return the same derivative as an expression of the operands and the node y itself} */
  Expr partial(int k, Expr a, Expr b, Expr y);

  /** {@return whether f is differentiable at (a, b), with finite derivatives} */
  boolean smooth(double a, double b);

  /** {@return the name shown in pictures and traces: "+", "*", "^"} */
  String symbol();

  /** {@return the operation applied to its operands' names: "a + b"} */
  default String format(String a, String b) {
    return a + " " + symbol() + " " + b;
  }

  /** A local derivative as a number: ∂y/∂(operand k) at a, b, with y = f(a, b). */
  interface Rule {
    double partial(int k, double a, double b, double y);
  }

  /** A local derivative as an expression of the operand nodes and of the node y. */
  interface SymbolicRule {
    Expr partial(int k, Expr a, Expr b, Expr y);
  }

  /** {@return a user-defined operation, with no derivative as an expression; see {@link Custom}} */
  static Custom of(String name, DoubleBinaryOperator f, Rule df) {
    return new Custom(name, f, df, null);
  }

  /** {@return a user-defined operation with its derivative as an expression} */
  static Custom of(String name, DoubleBinaryOperator f, Rule df, SymbolicRule dfExpr) {
    return new Custom(name, f, df, Objects.requireNonNull(dfExpr, "dfExpr is null"));
  }

  // spotless:off  (each operation reads as one row of a table: value, derivatives, domain)

  /** A user-defined operation of two operands, as {@link UnaryOp.Custom}; dfExpr may be null. */
  record Custom(String name, DoubleBinaryOperator f, Rule df, @Nullable SymbolicRule dfExpr)
      implements BinaryOp {
    public Custom { Node.requireNonNull(name, f, df); }
    @Override public double apply(double a, double b) { return f.applyAsDouble(a, b); }
    @Override public double partial(int k, double a, double b, double y) { return df.partial(k, a, b, y); }
    @Override public Expr partial(int k, Expr a, Expr b, Expr y) { return Node.given(dfExpr, name).partial(k, a, b, y); }
    @Override public boolean smooth(double a, double b) { return true; }
    @Override public String symbol() { return name; }
  }
  /** a + b; ∂/∂a = ∂/∂b = 1. */
  record Add() implements BinaryOp {
    @Override public double apply(double a, double b) { return a + b; }
    @Override public double partial(int k, double a, double b, double y) { return 1.0; }
    @Override public Expr partial(int k, Expr a, Expr b, Expr y) { return Expr.of(1.0); }
    @Override public boolean smooth(double a, double b) { return true; }
    @Override public String symbol() { return "+"; }
  }
  /** a · b; ∂/∂a = b, ∂/∂b = a: each operand gets the other's value. */
  record Mul() implements BinaryOp {
    @Override public double apply(double a, double b) { return a * b; }
    @Override public double partial(int k, double a, double b, double y) { return k == 0 ? b : a; }
    @Override public Expr partial(int k, Expr a, Expr b, Expr y) { return k == 0 ? b : a; }
    @Override public boolean smooth(double a, double b) { return true; }
    @Override public String symbol() { return "*"; }
  }
  /**
   * a^b with both operands expressions; ∂/∂a = b a^(b-1), ∂/∂b = a^b ln a. As PyTorch: ∂/∂a is 0
   * where b = 0, and ∂/∂b is 0 where a = 0 and b ≥ 0 (not 0 · -Infinity).
   */
  record Pow() implements BinaryOp {
    @Override public double apply(double a, double b) { return Math.pow(a, b); }
    @Override public double partial(int k, double a, double b, double y) {
      return k == 0 ? (b == 0 ? 0.0 : b * Math.pow(a, b - 1))
          : (a == 0 && b >= 0 ? 0.0 : y * Math.log(a));
    }
    @Override public Expr partial(int k, Expr a, Expr b, Expr y) {
      if (k == 0 ? b.value() == 0 : a.value() == 0 && b.value() >= 0) { return Expr.of(0.0); }
      return k == 0 ? b.mul(a.pow(b.add(-1.0))) : y.mul(a.log());
    }
    @Override public boolean smooth(double a, double b) { return a > 0; }
    @Override public String symbol() { return "^"; }
  }

  // spotless:on
}
