package io.github.puregrad.expr;

import java.util.Objects;

/**
 * A scalar expression: an immutable node of a computational graph, micrograd's {@code Value} as
 * data.
 *
 * <p>Every node knows its forward value (computed once, when the node is built), its operands and
 * the local derivative of its value with respect to each operand. Leaves hold numbers; every
 * operation is one record below. Build graphs with the factories {@link #of(double)} and the fluent
 * methods; differentiate them with {@code io.github.puregrad.grad.Autodiff}.
 *
 * <pre>{@code
 * Expr a = Expr.of(-4.0, "a");
 * Expr b = Expr.of(2.0, "b");
 * Expr d = a.mul(b).add(b.pow(3));   // a*b + b^3
 * d.value();                         // 0.0
 * }</pre>
 *
 * <p>The family: {@link Leaf}; {@link Add}, {@link Mul}, {@link Pow}, {@link PowExpr}, {@link Exp},
 * {@link Log}, {@link Tanh}, {@link Relu}, {@link Sigmoid}. {@code sub}, {@code div} and {@code
 * neg} are derived from them, as in micrograd.
 *
 * <p><b>Identity.</b> Every node carries an {@link #id()} drawn from a process-wide counter when a
 * factory builds it. Two nodes are equal when they are of the same kind with the same id and the
 * same value, so two leaves that hold the same number are different nodes, and {@code equals},
 * {@code hashCode} and {@code toString} are O(1): they never walk the graph. {@link
 * Leaf#withValue(double)} keeps the id, which is how a parameter stays "the same parameter" from
 * one training step to the next. The canonical record constructors trust the value and id they are
 * given; use the factories. See {@code docs/decisions/0001-node-identity.md}.
 *
 * <p><b>Numbers.</b> Leaves must be finite; operations follow IEEE 754 as PyTorch does ({@code
 * log(0) = -Infinity}, {@code log(-1) = NaN}). See {@code docs/ops.md}.
 */
public sealed interface Expr
    permits Expr.Leaf,
        Expr.Add,
        Expr.Mul,
        Expr.Pow,
        Expr.PowExpr,
        Expr.Exp,
        Expr.Log,
        Expr.Tanh,
        Expr.Relu,
        Expr.Sigmoid {

  // -- static API

  /** {@return a new leaf holding {@code value}, with an empty label} */
  static Leaf of(double value) {
    return of(value, "");
  }

  /**
   * {@return a new leaf holding {@code value}; the label is for display only, not identity}
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  static Leaf of(double value, String label) {
    return new Leaf(value, label, Ids.next());
  }

  // -- non-static API

  /** {@return the forward value, computed once when this node was built} */
  double value();

  /** {@return the node's identity: unique per built node, kept by {@link Leaf#withValue}} */
  long id();

  /** {@return the number of operands: 0 for a leaf, 1 or 2 for an operation} */
  int arity();

  /**
   * {@return operand {@code index}, from 0 to {@code arity() - 1}}
   *
   * @throws IndexOutOfBoundsException for any other index
   */
  Expr operand(int index);

  /**
   * {@return the local derivative ∂ value / ∂ operand({@code index})}
   *
   * @throws IndexOutOfBoundsException for an index outside {@code [0, arity())}
   */
  double partial(int index);

  /** {@return a short display name of the operation: "+", "*", "tanh", ..., "" for a leaf} */
  String symbol();

  /**
   * {@return what {@code visitor} makes of this node}: the exhaustive, typed way to tell the kinds
   * apart. It looks at this node only; callers walk a {@link Graph} to visit a whole graph.
   */
  <R> R accept(Visitor<R> visitor);

  default Expr add(Expr other) {
    return new Add(this, other, value() + other.value(), Ids.next());
  }

  default Expr add(double other) {
    return add(of(other));
  }

  default Expr mul(Expr other) {
    return new Mul(this, other, value() * other.value(), Ids.next());
  }

  default Expr mul(double other) {
    return mul(of(other));
  }

  /** Raises to a constant power; {@code exponent} must be finite. */
  default Expr pow(double exponent) {
    return new Pow(this, exponent, Math.pow(value(), exponent), Ids.next());
  }

  /** Raises to a power that is itself an expression (and so gets a gradient). */
  default Expr pow(Expr exponent) {
    return new PowExpr(this, exponent, Math.pow(value(), exponent.value()), Ids.next());
  }

  default Expr exp() {
    return new Exp(this, Math.exp(value()), Ids.next());
  }

  default Expr log() {
    return new Log(this, Math.log(value()), Ids.next());
  }

  default Expr tanh() {
    return new Tanh(this, Math.tanh(value()), Ids.next());
  }

  default Expr relu() {
    return new Relu(this, value() > 0 ? value() : 0.0, Ids.next());
  }

  default Expr sigmoid() {
    return new Sigmoid(this, Sigmoid.logistic(value()), Ids.next());
  }

  default Expr neg() {
    return mul(-1.0); // -a = a * -1
  }

  default Expr sub(Expr other) {
    return add(other.neg()); // a - b = a + (-b)
  }

  default Expr sub(double other) {
    return sub(of(other));
  }

  default Expr div(Expr other) {
    return mul(other.pow(-1.0)); // a / b = a * b^-1
  }

  default Expr div(double other) {
    return div(of(other));
  }

  /**
   * One method per kind of node, for interpreters that need the concrete record (printing, export,
   * compilation, symbolic derivatives). Adding a kind breaks every visitor at compile time.
   *
   * @param <R> the result of visiting one node
   */
  interface Visitor<R> {
    R leaf(Leaf node);

    R add(Add node);

    R mul(Mul node);

    R pow(Pow node);

    R powExpr(PowExpr node);

    R exp(Exp node);

    R log(Log node);

    R tanh(Tanh node);

    R relu(Relu node);

    R sigmoid(Sigmoid node);
  }

  // -- the family

  /**
   * An input, parameter or constant: a number with a display label.
   *
   * <pre>{@code
   * Leaf w = Expr.of(0.5, "w");
   * Leaf w2 = w.withValue(0.4);   // same parameter (same id), new value
   * }</pre>
   */
  record Leaf(double value, String label, long id) implements Expr {
    public Leaf {
      Objects.requireNonNull(label, "label is null");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "leaf '" + label + "' must hold a finite number, got " + value);
      }
    }

    /** {@return this leaf with a new value and the same id and label} */
    public Leaf withValue(double newValue) {
      return new Leaf(newValue, label, id);
    }

    @Override
    public int arity() {
      return 0;
    }

    @Override
    public Expr operand(int index) {
      throw Node.noOperand(this, index);
    }

    @Override
    public double partial(int index) {
      throw Node.noOperand(this, index);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.leaf(this);
    }

    @Override
    public String symbol() {
      return "";
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other)
          && label.equals(((Leaf) other).label); // label is a component: keep the record contract
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return "Leaf["
          + (label.isEmpty() ? "" : label + ", ")
          + "value="
          + value
          + ", id="
          + id
          + "]";
    }
  }

  /** {@code left + right}. */
  record Add(Expr left, Expr right, double value, long id) implements Expr {
    public Add {
      Node.requireOperands(left, right);
    }

    @Override
    public double partial(int index) {
      return Node.pick(this, index, 1.0, 1.0); // d(a+b)/da = 1, d(a+b)/db = 1
    }

    @Override
    public int arity() {
      return 2;
    }

    @Override
    public Expr operand(int index) {
      return Node.pick(this, index, left, right);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.add(this);
    }

    @Override
    public String symbol() {
      return "+";
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return Node.show(this);
    }
  }

  /** {@code left * right}. */
  record Mul(Expr left, Expr right, double value, long id) implements Expr {
    public Mul {
      Node.requireOperands(left, right);
    }

    @Override
    public double partial(int index) {
      return Node.pick(this, index, right.value(), left.value()); // d(ab)/da = b, d(ab)/db = a
    }

    @Override
    public int arity() {
      return 2;
    }

    @Override
    public Expr operand(int index) {
      return Node.pick(this, index, left, right);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.mul(this);
    }

    @Override
    public String symbol() {
      return "*";
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return Node.show(this);
    }
  }

  /** {@code base ^ exponent} for a constant exponent. */
  record Pow(Expr base, double exponent, double value, long id) implements Expr {
    public Pow {
      Node.requireOperands(base);
      if (!Double.isFinite(exponent)) {
        throw new IllegalArgumentException("exponent must be a finite number, got " + exponent);
      }
    }

    @Override
    public double partial(int index) {
      // d(x^n)/dx = n * x^(n-1)
      return Node.pick(this, index, exponent * Math.pow(base.value(), exponent - 1));
    }

    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Expr operand(int index) {
      return Node.pick(this, index, base);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pow(this);
    }

    @Override
    public String symbol() {
      return "^" + Node.number(exponent);
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return Node.show(this);
    }
  }

  /** {@code base ^ exponent} where the exponent is an expression too. */
  record PowExpr(Expr base, Expr exponent, double value, long id) implements Expr {
    public PowExpr {
      Node.requireOperands(base, exponent);
    }

    @Override
    public double partial(int index) {
      double b = base.value();
      double e = exponent.value();
      // d(b^e)/db = e * b^(e-1); d(b^e)/de = b^e * ln b, taken as 0 where b^e = 0 (as PyTorch)
      return Node.pick(
          this, index, e * Math.pow(b, e - 1), value == 0.0 ? 0.0 : value * Math.log(b));
    }

    @Override
    public int arity() {
      return 2;
    }

    @Override
    public Expr operand(int index) {
      return Node.pick(this, index, base, exponent);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.powExpr(this);
    }

    @Override
    public String symbol() {
      return "^";
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return Node.show(this);
    }
  }

  /** {@code e ^ operand}. */
  record Exp(Expr operand, double value, long id) implements Expr {
    public Exp {
      Node.requireOperands(operand);
    }

    @Override
    public double partial(int index) {
      return Node.pick(this, index, value); // d(e^x)/dx = e^x
    }

    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Expr operand(int index) {
      return Node.pick(this, index, operand);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.exp(this);
    }

    @Override
    public String symbol() {
      return "exp";
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return Node.show(this);
    }
  }

  /** The natural logarithm {@code ln(operand)}. */
  record Log(Expr operand, double value, long id) implements Expr {
    public Log {
      Node.requireOperands(operand);
    }

    @Override
    public double partial(int index) {
      return Node.pick(this, index, 1.0 / operand.value()); // d(ln x)/dx = 1/x
    }

    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Expr operand(int index) {
      return Node.pick(this, index, operand);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.log(this);
    }

    @Override
    public String symbol() {
      return "log";
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return Node.show(this);
    }
  }

  /** {@code tanh(operand)}. */
  record Tanh(Expr operand, double value, long id) implements Expr {
    public Tanh {
      Node.requireOperands(operand);
    }

    @Override
    public double partial(int index) {
      return Node.pick(this, index, 1 - value * value); // d(tanh x)/dx = 1 - tanh(x)^2
    }

    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Expr operand(int index) {
      return Node.pick(this, index, operand);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.tanh(this);
    }

    @Override
    public String symbol() {
      return "tanh";
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return Node.show(this);
    }
  }

  /** {@code max(0, operand)}. */
  record Relu(Expr operand, double value, long id) implements Expr {
    public Relu {
      Node.requireOperands(operand);
    }

    @Override
    public double partial(int index) {
      return Node.pick(this, index, value > 0 ? 1.0 : 0.0); // 1 where x > 0, else 0 (also at 0)
    }

    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Expr operand(int index) {
      return Node.pick(this, index, operand);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.relu(this);
    }

    @Override
    public String symbol() {
      return "relu";
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return Node.show(this);
    }
  }

  /** The logistic function {@code 1 / (1 + e^-operand)}. */
  record Sigmoid(Expr operand, double value, long id) implements Expr {
    public Sigmoid {
      Node.requireOperands(operand);
    }

    /**
     * {@return σ(x) without overflow: e^-x is only taken for x ≥ 0, e^x only for x &lt; 0} Public
     * so that the compiled tape computes the very same bits.
     */
    public static double logistic(double x) {
      if (x >= 0) {
        return 1 / (1 + Math.exp(-x));
      }
      double e = Math.exp(x);
      return e / (1 + e);
    }

    @Override
    public double partial(int index) {
      return Node.pick(this, index, value * (1 - value)); // dσ/dx = σ (1 - σ)
    }

    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Expr operand(int index) {
      return Node.pick(this, index, operand);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.sigmoid(this);
    }

    @Override
    public String symbol() {
      return "sigmoid";
    }

    @Override
    public boolean equals(Object other) {
      return Node.same(this, other);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }

    @Override
    public String toString() {
      return Node.show(this);
    }
  }
}
