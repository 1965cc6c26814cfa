package io.github.puregrad.expr;

import java.util.Objects;

/**
 * A scalar expression, micrograd's {@code Value} as data: a {@link Leaf} (a number), a {@link
 * Unary} or a {@link Binary}, which carries its operation ({@link UnaryOp}, {@link BinaryOp}: every
 * rule of it), its operands and its value, computed once when the node is built. Build graphs with
 * {@link #of(double)} and the fluent methods; differentiate them with {@code grad.Autodiff}.
 *
 * <pre>{@code
 * Expr a = Expr.of(-4.0, "a");
 * Expr b = Expr.of(2.0, "b");
 * Expr d = a.mul(b).add(b.pow(3));   // a*b + b^3
 * d.value();                         // 0.0
 * Expr e = a.mul(b).withLabel("e");  // named in pictures, as micrograd's e.label = 'e'
 * }</pre>
 *
 * <p>Every node has an {@link #id()}, unique and above its operands' (decision 0001); {@code
 * equals}, {@code hashCode} and {@code toString} are O(1), never a walk. Leaves must be finite;
 * operations follow IEEE 754 as PyTorch does ({@code docs/ops.md}).
 */
public sealed interface Expr permits Expr.Leaf, Expr.Unary, Expr.Binary {

  /** {@return a new leaf holding {@code value}, with an empty label} */
  static Leaf of(double value) {
    return of(value, "");
  }

  /** {@return a new leaf; the label is for display only} */
  static Leaf of(double value, String label) {
    return new Leaf(value, label, Node.idAfter(-1));
  }

  /** {@return the forward value, computed once when this node was built} */
  double value();

  /** {@return the node's identity: unique per built node, kept by {@link Leaf#withValue}} */
  long id();

  /** {@return the number of operands: 0 for a leaf, 1 or 2 for an operation} */
  int arity();

  /** {@return operand {@code k} for k from 0 to arity() - 1; else IndexOutOfBoundsException} */
  Expr operand(int k);

  /** {@return the local derivative ∂ value / ∂ operand(k), from the operation's rule} */
  double partial(int k);

  /** {@return the operation's display name: "+", "*", "tanh", ..., "" for a leaf} */
  String symbol();

  /** {@return the node's name in pictures, as micrograd's {@code label}; "" if it has none} */
  String label();

  /**
   * {@return this node named {@code label}: the same id, operands and value, so the same node to
   * every engine} The label is for display only and takes no part in equality.
   */
  Expr withLabel(String label);

  /** {@return a new node applying {@code op} to this one} */
  default Expr apply(UnaryOp op) {
    return new Unary(op, this, Node.COMPUTE, Node.idAfter(Node.id(this)), "");
  }

  /** {@return a new node applying {@code op} to this one and {@code other}} */
  default Expr apply(BinaryOp op, Expr other) {
    long below = Math.max(Node.id(this), Node.id(other));
    return new Binary(op, this, other, Node.COMPUTE, Node.idAfter(below), "");
  }

  default Expr add(Expr other) {
    return apply(BinaryOp.ADD, other);
  }

  default Expr add(double other) {
    return add(of(other));
  }

  default Expr mul(Expr other) {
    return apply(BinaryOp.MUL, other);
  }

  default Expr mul(double other) {
    return mul(of(other));
  }

  /** Raises to a constant power; {@code exponent} must be finite. */
  default Expr pow(double exponent) {
    return apply(UnaryOp.pow(exponent));
  }

  /** Raises to a power that is itself an expression (and so gets a gradient). */
  default Expr pow(Expr exponent) {
    return apply(BinaryOp.POW, exponent);
  }

  default Expr exp() {
    return apply(UnaryOp.EXP);
  }

  default Expr log() {
    return apply(UnaryOp.LOG);
  }

  default Expr tanh() {
    return apply(UnaryOp.TANH);
  }

  default Expr relu() {
    return apply(UnaryOp.RELU);
  }

  default Expr sigmoid() {
    return apply(UnaryOp.SIGMOID);
  }

  default Expr sin() {
    return apply(UnaryOp.SIN);
  }

  default Expr cos() {
    return apply(UnaryOp.COS);
  }

  default Expr sqrt() {
    return apply(UnaryOp.SQRT);
  }

  default Expr abs() {
    return apply(UnaryOp.ABS);
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
    return apply(BinaryOp.DIV, other);
  }

  default Expr div(double other) {
    return div(of(other));
  }

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
    public Leaf withLabel(String newLabel) {
      return new Leaf(value, newLabel, id);
    }

    @Override
    public int arity() {
      return 0;
    }

    @Override
    public Expr operand(int k) {
      throw Node.noOperand(this, k);
    }

    @Override
    public double partial(int k) {
      throw Node.noOperand(this, k);
    }

    @Override
    public String symbol() {
      return "";
    }
  }

  /**
   * {@code op(operand)}, such as {@code tanh(x)} or {@code x^2}; its rules are those of {@code op}.
   *
   * <pre>{@code
   * Expr y = Expr.of(0.5, "x").tanh();
   * y instanceof Expr.Unary u && u.op() == UnaryOp.TANH;   // true
   * }</pre>
   */
  record Unary(UnaryOp op, Expr operand, double value, long id, String label) implements Expr {
    public Unary {
      Objects.requireNonNull(op, "op is null");
      Objects.requireNonNull(operand, "operand is null");
      Objects.requireNonNull(label, "label is null");
      double expected = op.apply(Node.value(operand)); // f's one call for this node
      value = Node.computed(value, expected);
      Node.requireValue(op, value, expected, id, Node.id(operand));
    }

    @Override
    public Unary withLabel(String newLabel) {
      return new Unary(op, operand, Node.COMPUTE, id, newLabel);
    }

    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Expr operand(int k) {
      Objects.checkIndex(k, 1);
      return operand;
    }

    @Override
    public double partial(int k) {
      return op.partial(Node.value(operand(k)), value);
    }

    @Override
    public String symbol() {
      return op.symbol();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unary u && u.id == id && u.op.equals(op) && u.operand == operand;
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

  /** {@code op(left, right)}, such as {@code a + b}; its rules are those of {@code op}. */
  record Binary(BinaryOp op, Expr left, Expr right, double value, long id, String label)
      implements Expr {
    public Binary {
      Objects.requireNonNull(op, "op is null");
      Objects.requireNonNull(left, "left operand is null");
      Objects.requireNonNull(right, "right operand is null");
      Objects.requireNonNull(label, "label is null");
      double expected = op.apply(Node.value(left), Node.value(right)); // f's one call
      value = Node.computed(value, expected);
      Node.requireValue(op, value, expected, id, Math.max(Node.id(left), Node.id(right)));
    }

    @Override
    public Binary withLabel(String newLabel) {
      return new Binary(op, left, right, Node.COMPUTE, id, newLabel);
    }

    @Override
    public int arity() {
      return 2;
    }

    @Override
    public Expr operand(int k) {
      return Objects.checkIndex(k, 2) == 0 ? left : right;
    }

    @Override
    public double partial(int k) {
      return op.partial(Objects.checkIndex(k, 2), Node.value(left), Node.value(right), value);
    }

    @Override
    public String symbol() {
      return op.symbol();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binary b
          && b.id == id
          && b.op.equals(op)
          && b.left == left
          && b.right == right;
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
