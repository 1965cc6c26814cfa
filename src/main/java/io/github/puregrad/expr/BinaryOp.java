package io.github.puregrad.expr;

import java.util.Objects;
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
public sealed interface BinaryOp permits BinaryOp.Add, BinaryOp.Mul, BinaryOp.Pow, BinaryOp.Custom {
  Add ADD = new Add();
  Mul MUL = new Mul();
  Pow POW = new Pow();

  /** {@return y = f(a, b)} */
  double apply(double a, double b);

  /** {@return the local derivative ∂y/∂a (k = 0) or ∂y/∂b (k = 1), where y = apply(a, b)} */
  double partial(int k, double a, double b, double y);

  /** {@return the same derivative as an expression of the operands and the node y itself} */
  Expr partial(int k, Expr a, Expr b, Expr y);

  /** {@return where the operation is smooth in operand k} */
  Domain domain(int k);

  /** {@return the name shown in pictures and traces: "+", "*", "^"} */
  String symbol();

  /** {@return the operation applied to its operands' names: "a + b"} */
  default String format(String a, String b) {
    return a + " " + symbol() + " " + b;
  }

  /** {@return a user-defined operation without a symbolic derivative; see {@link Custom}} */
  static Custom of(String name, java.util.function.DoubleBinaryOperator apply, Rule partial) {
    return new Custom(name, apply, partial, null);
  }

  /** {@return a user-defined operation with its derivative as an expression} */
  static Custom of(
      String name,
      java.util.function.DoubleBinaryOperator apply,
      Rule partial,
      SymbolicRule symbolicPartial) {
    return new Custom(name, apply, partial, Objects.requireNonNull(symbolicPartial, "null"));
  }

  /** A local derivative as a number: ∂y/∂(operand k) at a, b, with y = f(a, b). */
  @FunctionalInterface
  interface Rule {
    double partial(int k, double a, double b, double y);
  }

  /** A local derivative as an expression of the operand nodes and of the node y. */
  @FunctionalInterface
  interface SymbolicRule {
    Expr partial(int k, Expr a, Expr b, Expr y);
  }

  // spotless:off  (each operation reads as one row of a table: value, derivatives, domain)

  /** a + b; ∂/∂a = ∂/∂b = 1. */
  record Add() implements BinaryOp {
    @Override public double apply(double a, double b) { return a + b; }
    @Override public double partial(int k, double a, double b, double y) { return 1.0; }
    @Override public Expr partial(int k, Expr a, Expr b, Expr y) { return Expr.of(1.0); }
    @Override public Domain domain(int k) { return Domain.ALL; }
    @Override public String symbol() { return "+"; }
  }

  /** a · b; ∂/∂a = b, ∂/∂b = a: each operand gets the other's value. */
  record Mul() implements BinaryOp {
    @Override public double apply(double a, double b) { return a * b; }
    @Override public double partial(int k, double a, double b, double y) { return k == 0 ? b : a; }
    @Override public Expr partial(int k, Expr a, Expr b, Expr y) { return k == 0 ? b : a; }
    @Override public Domain domain(int k) { return Domain.ALL; }
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
    @Override public Domain domain(int k) { return k == 0 ? Domain.POSITIVE : Domain.ALL; }
    @Override public String symbol() { return "^"; }
  }

  // spotless:on

  /**
   * A user-defined operation of two operands, as {@link UnaryOp.Custom}.
   *
   * @param name the symbol shown in pictures and traces
   * @param forward y = f(a, b); must be deterministic
   * @param derivative ∂y/∂(operand k) as a number
   * @param symbolic the same as an expression, or null if not given
   */
  record Custom(
      String name,
      java.util.function.DoubleBinaryOperator forward,
      Rule derivative,
      @Nullable SymbolicRule symbolic)
      implements BinaryOp {
    public Custom {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(forward, "forward is null");
      Objects.requireNonNull(derivative, "derivative is null");
    }

    @Override
    public double apply(double a, double b) {
      return forward.applyAsDouble(a, b);
    }

    @Override
    public double partial(int k, double a, double b, double y) {
      return derivative.partial(k, a, b, y);
    }

    @Override
    public Expr partial(int k, Expr a, Expr b, Expr y) {
      if (symbolic == null) {
        throw new UnsupportedOperationException(
            name + " has no derivative as an expression: give one to BinaryOp.of");
      }
      return symbolic.partial(k, a, b, y);
    }

    @Override
    public Domain domain(int k) {
      return Domain.ALL;
    }

    @Override
    public String symbol() {
      return name;
    }
  }
}
