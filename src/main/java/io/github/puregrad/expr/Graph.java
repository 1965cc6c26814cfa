package io.github.puregrad.expr;

import io.vavr.collection.Vector;
import java.util.Arrays;

/**
 * The nodes an expression depends on, in topological order: every node comes after its operands,
 * and the output comes last. Computed once, without recursion, in O(nodes + edges), so a chain of a
 * million operations is no problem.
 *
 * <pre>{@code
 * Expr x = Expr.of(3.0, "x");
 * Graph graph = Graph.of(x.mul(x).add(1));
 * graph.size();        // 4: x, x*x, the constant 1, and the sum
 * graph.output();      // the sum
 * }</pre>
 *
 * <p>Nodes are told apart by {@link Expr#id()}: a node used twice appears once. A graph that holds
 * two different nodes with one id (such as a leaf and its {@link Expr.Leaf#withValue} copy) is
 * rejected, since they could not get separate gradients.
 */
public final class Graph {
  private static final int MAX_ARITY = 2;

  private final Expr[] nodes;
  private final int[] operands; // positions of the operands of node p at MAX_ARITY * p + k
  private final IdIndex index;

  private Graph(Expr[] nodes, int[] operands, IdIndex index) {
    this.nodes = nodes;
    this.operands = operands;
    this.index = index;
  }

  // -- static API

  /** {@return the graph of every node {@code output} depends on, itself included} */
  public static Graph of(Expr output) {
    int capacity = 64;
    Expr[] order = new Expr[capacity];
    int[] operandPositions = new int[MAX_ARITY * capacity];
    IdIndex index = new IdIndex(capacity);
    int count = 0;

    // Depth-first with an explicit stack. A frame holds a node, the next operand to look at and
    // the positions of the operands seen so far; a node is placed once all its operands are.
    Expr[] stack = new Expr[capacity];
    int[] next = new int[capacity];
    int[] found = new int[MAX_ARITY * capacity];
    int top = 0;
    stack[0] = output;
    while (top >= 0) {
      Expr node = stack[top];
      int k = next[top];
      if (k < node.arity()) {
        next[top] = k + 1;
        Expr operand = node.operand(k);
        int at = index.get(operand.id());
        if (at >= 0) {
          requireSameNode(order[at], operand);
          found[MAX_ARITY * top + k] = at;
        } else {
          if (++top == stack.length) {
            stack = Arrays.copyOf(stack, 2 * top);
            next = Arrays.copyOf(next, 2 * top);
            found = Arrays.copyOf(found, 2 * MAX_ARITY * top);
          }
          stack[top] = operand;
          next[top] = 0;
        }
      } else {
        if (count == order.length) {
          order = Arrays.copyOf(order, 2 * count);
          operandPositions = Arrays.copyOf(operandPositions, 2 * MAX_ARITY * count);
        }
        System.arraycopy(found, MAX_ARITY * top, operandPositions, MAX_ARITY * count, MAX_ARITY);
        order[count] = node;
        index.put(node.id(), count);
        top--; // the stack dies with this call, so the popped slot need not be cleared
        if (top >= 0) {
          found[MAX_ARITY * top + next[top] - 1] = count;
        }
        count++;
      }
    }
    return new Graph(Arrays.copyOf(order, count), operandPositions, index);
  }

  private static void requireSameNode(Expr seen, Expr node) {
    if (seen != node && !seen.equals(node)) {
      throw new IllegalArgumentException(
          "two different nodes share id "
              + node.id()
              + ": "
              + seen
              + " and "
              + node
              + "; a graph may hold only one version of each leaf");
    }
  }

  // -- non-static API

  /** {@return the number of distinct nodes} */
  public int size() {
    return nodes.length;
  }

  /** {@return the node at {@code position} in topological order} */
  public Expr node(int position) {
    if (position < 0 || position >= nodes.length) {
      throw new IndexOutOfBoundsException(
          "position " + position + ": expected 0 to " + (nodes.length - 1));
    }
    return nodes[position];
  }

  /** {@return the expression this graph was built from: the last node} */
  public Expr output() {
    return nodes[nodes.length - 1];
  }

  /** {@return the position of the node with {@code node}'s id, or -1 if the graph has none} */
  public int positionOf(Expr node) {
    return index.get(node.id());
  }

  /** {@return the position of operand {@code k} of the node at {@code position}} */
  public int operandPosition(int position, int k) {
    if (k < 0 || k >= nodes[position].arity()) {
      throw new IndexOutOfBoundsException(
          "operand "
              + k
              + " of "
              + nodes[position]
              + ": expected 0 to "
              + (nodes[position].arity() - 1));
    }
    return operands[MAX_ARITY * position + k];
  }

  /** {@return all nodes in topological order} */
  public Vector<Expr> nodes() {
    return Vector.of(nodes);
  }

  @Override
  public String toString() {
    return "Graph[size=" + nodes.length + ", output=" + output() + "]";
  }
}
