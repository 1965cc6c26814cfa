package io.github.puregrad.expr;

import io.vavr.collection.Vector;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The nodes an expression depends on, in topological order: every node comes after its operands,
 * and the output comes last. Computed once, without recursion, so a chain of a million nodes works.
 *
 * <pre>{@code
 * Expr x = Expr.of(3.0, "x");
 * Graph graph = Graph.of(x.mul(x).add(1));
 * graph.size();        // 4: x, x*x, the constant 1, and the sum
 * graph.output();      // the sum
 * }</pre>
 *
 * <p>A node used twice appears once; two different nodes with one id (a leaf and its {@link
 * Expr.Leaf#withValue} copy) are rejected.
 */
public final class Graph {
  private static final Comparator<Expr> BY_ID = Comparator.comparingLong(Expr::id);
  private final Expr[] nodes; // ascending id: each node after its operands

  private Graph(Expr[] nodes) {
    this.nodes = nodes;
  }

  /** {@return the graph of every node {@code output} depends on, itself included} */
  public static Graph of(Expr output) {
    // Collect every node once, with a stack of nodes still to look at instead of recursion
    Set<Expr> met = new HashSet<>();
    Deque<Expr> todo = new ArrayDeque<>();
    todo.push(output);
    while (!todo.isEmpty()) {
      Expr node = todo.pop();
      if (met.add(node)) {
        for (int k = 0; k < node.arity(); k++) {
          todo.push(node.operand(k));
        }
      }
    }
    // Ids grow from operand to user, so ascending id puts every operand before its users
    Expr[] nodes = met.toArray(new Expr[0]);
    Arrays.sort(nodes, BY_ID);
    for (int p = 1; p < nodes.length; p++) { // equal nodes were met once: these are two versions
      if (nodes[p].id() == nodes[p - 1].id()) {
        String both = "two different nodes share id %d: %s and %s; a graph holds one of each";
        throw new IllegalArgumentException(both.formatted(nodes[p].id(), nodes[p - 1], nodes[p]));
      }
    }
    return new Graph(nodes);
  }

  /** {@return the number of distinct nodes} */
  public int size() {
    return nodes.length;
  }

  /** {@return the node at {@code position} in topological order} */
  public Expr node(int position) {
    return nodes[position];
  }

  /** {@return the expression this graph was built from: the last node} */
  public Expr output() {
    return nodes[size() - 1];
  }

  /** {@return the position of the node with {@code node}'s id, or -1 if the graph has none} */
  public int positionOf(Expr node) {
    return Math.max(Arrays.binarySearch(nodes, node, BY_ID), -1); // not found: below 0
  }

  /** {@return the position of the node's operand {@code k}} */
  public int operandPosition(int position, int k) {
    return positionOf(node(position).operand(k));
  }

  /** {@return all nodes in topological order} */
  public Vector<Expr> nodes() {
    return Vector.of(nodes);
  }

  @Override
  public String toString() {
    return "Graph[size=" + size() + ", output=" + output() + "]";
  }
}
