package io.github.puregrad.expr;

import org.jspecify.annotations.Nullable;

/** What the node records share: index checks, O(1) equality and printing. */
final class Node {
  private Node() {}

  /**
   * Same kind, id and value bits (NaN equals NaN), the same operation (or label) and the very same
   * operand objects: O(1), never a walk of the operands' graphs.
   */
  static boolean same(Expr node, @Nullable Object other) {
    if (!(other instanceof Expr that)
        || that.getClass() != node.getClass()
        || that.id() != node.id()
        || Double.compare(that.value(), node.value()) != 0) {
      return false;
    }
    for (int k = 0; k < node.arity(); k++) {
      if (node.operand(k) != that.operand(k)) {
        return false;
      }
    }
    return node instanceof Expr.Leaf leaf
        ? leaf.label().equals(((Expr.Leaf) that).label())
        : node instanceof Expr.Unary u
            ? u.op().equals(((Expr.Unary) that).op())
            : ((Expr.Binary) node).op().equals(((Expr.Binary) that).op());
  }

  // A value or an id read by type checks on the three final records rather than a call through
  // the interface, which sees three classes and so is not inlined: the hot path of every engine.
  static double value(Expr node) {
    return node instanceof Expr.Binary b
        ? b.value()
        : node instanceof Expr.Unary u ? u.value() : ((Expr.Leaf) node).value();
  }

  static long id(Expr node) {
    return node instanceof Expr.Binary b
        ? b.id()
        : node instanceof Expr.Unary u ? u.id() : ((Expr.Leaf) node).id();
  }

  /** A node's value is its operation's value of its operands, to the bit, or it is no node. */
  static void requireValue(Object op, double value, double expected) {
    if (Double.compare(value, expected) != 0) {
      throw new IllegalArgumentException(
          "value " + value + " is not what " + op + " gives for these operands: " + expected);
    }
  }

  /** An operation's id is larger than its operands': ascending id is a topological order. */
  static void requireAfter(long id, long operands) {
    if (id <= operands) {
      throw new IllegalArgumentException(
          "id " + id + " must be larger than its operands' ids, up to " + operands);
    }
  }

  /** Checks the rules of a user-defined operation. */
  static void requireNonNull(String name, Object f, Object df) {
    java.util.Objects.requireNonNull(name, "name is null");
    java.util.Objects.requireNonNull(f, "f is null");
    java.util.Objects.requireNonNull(df, "df is null");
  }

  /** {@return the user's derivative as an expression, if given} */
  static <T> T given(@Nullable T dfExpr, String name) {
    if (dfExpr == null) {
      throw new UnsupportedOperationException(
          name + " has no derivative as an expression: give one to UnaryOp.of or BinaryOp.of");
    }
    return dfExpr;
  }

  /** {@return k, if {@code node} has an operand k} */
  static int check(Expr node, int k) {
    if (k < 0 || k >= node.arity()) {
      throw noOperand(node, k);
    }
    return k;
  }

  static IndexOutOfBoundsException noOperand(Expr node, int k) {
    return new IndexOutOfBoundsException(
        "operand " + k + " of " + node + ": expected 0 to " + (node.arity() - 1));
  }

  /** {@code Unary[tanh, value=0.76, id=7]}, {@code Leaf[x, value=2.0, id=3]}: O(1). */
  static String show(Expr node) {
    String name = node instanceof Expr.Leaf leaf ? leaf.label() : node.symbol();
    return node.getClass().getSimpleName()
        + (name.isEmpty() ? "[" : "[" + name + ", ")
        + "value="
        + node.value()
        + ", id="
        + node.id()
        + "]";
  }

  /** Integers without ".0", so a label reads "^2" rather than "^2.0". */
  static String number(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
