package io.github.puregrad.expr;

import java.util.Objects;

/** What every node record shares: operand checks, O(1) equality and printing. */
final class Node {
  private Node() {}

  static void requireOperands(Expr operand) {
    Objects.requireNonNull(operand, "operand is null");
  }

  static void requireOperands(Expr left, Expr right) {
    Objects.requireNonNull(left, "left operand is null");
    Objects.requireNonNull(right, "right operand is null");
  }

  /** Same kind, same id, same value: never looks at the operands, so O(1). */
  static boolean same(Expr node, Object other) {
    return other instanceof Expr that
        && that.getClass() == node.getClass()
        && that.id() == node.id()
        && Double.compare(that.value(), node.value()) == 0;
  }

  static String show(Expr node) {
    return node.getClass().getSimpleName() + "[value=" + node.value() + ", id=" + node.id() + "]";
  }

  static <T> T pick(Expr node, int index, T first) {
    checkIndex(node, index);
    return first;
  }

  static <T> T pick(Expr node, int index, T first, T second) {
    checkIndex(node, index);
    return index == 0 ? first : second;
  }

  static double pick(Expr node, int index, double first) {
    checkIndex(node, index);
    return first;
  }

  static double pick(Expr node, int index, double first, double second) {
    checkIndex(node, index);
    return index == 0 ? first : second;
  }

  static IndexOutOfBoundsException noOperand(Expr node, int index) {
    return new IndexOutOfBoundsException(
        "operand " + index + " of " + show(node) + ": expected 0 to " + (node.arity() - 1));
  }

  private static void checkIndex(Expr node, int index) {
    if (index < 0 || index >= node.arity()) {
      throw noOperand(node, index);
    }
  }

  /** Integers without ".0", so a label reads "^2" rather than "^2.0". */
  static String number(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
