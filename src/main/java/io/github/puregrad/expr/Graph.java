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
  // Nodes are kept in chunks: no copying as the order grows, and no array so large that G1
  // treats it as humongous (a humongous Object[] keeps a dead graph alive until a marking cycle).
  private static final int CHUNK_BITS = 12;
  private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;

  private final Expr[][] chunks;
  private final int size;
  private final int[] operands; // positions of node p's operands at MAX_ARITY * p + k; -1: none
  private final IdIndex index;

  private Graph(Expr[][] chunks, int size, int[] operands, IdIndex index) {
    this.chunks = chunks;
    this.size = size;
    this.operands = operands;
    this.index = index;
  }

  // -- static API

  /** {@return the graph of every node {@code output} depends on, itself included} */
  public static Graph of(Expr output) {
    Expr[][] chunks = new Expr[16][];
    chunks[0] = new Expr[1 << CHUNK_BITS];
    int[] operandPositions = new int[MAX_ARITY << CHUNK_BITS];
    IdIndex index = new IdIndex(1 << CHUNK_BITS);
    int count = 0;

    // Depth-first with an explicit stack. A frame holds a node, its operands (read once), the next
    // operand to look at and the positions of the operands placed so
    // far; a node is placed once all its operands are.
    int capacity = 64;
    Expr[] stack = new Expr[capacity];
    Expr[] pending = new Expr[MAX_ARITY * capacity];
    int[] arity = new int[capacity];
    int[] next = new int[capacity];
    int[] found = new int[MAX_ARITY * capacity];
    int top = 0;
    push(output, stack, pending, arity, next, 0);
    while (top >= 0) {
      int k = next[top];
      if (k < arity[top]) {
        next[top] = k + 1;
        Expr operand = pending[MAX_ARITY * top + k];
        int at = index.get(operand.id());
        if (at >= 0) {
          Expr seen = chunks[at >>> CHUNK_BITS][at & CHUNK_MASK];
          if (seen != operand) {
            requireSameNode(seen, operand);
          }
          found[MAX_ARITY * top + k] = at;
        } else {
          if (++top == stack.length) {
            stack = Arrays.copyOf(stack, 2 * top);
            pending = Arrays.copyOf(pending, 2 * MAX_ARITY * top);
            arity = Arrays.copyOf(arity, 2 * top);
            next = Arrays.copyOf(next, 2 * top);
            found = Arrays.copyOf(found, 2 * MAX_ARITY * top);
          }
          push(operand, stack, pending, arity, next, top);
        }
      } else {
        Expr node = stack[top];
        int chunk = count >>> CHUNK_BITS;
        if (chunk == chunks.length) {
          chunks = Arrays.copyOf(chunks, 2 * chunk);
        }
        if (chunks[chunk] == null) {
          chunks[chunk] = new Expr[1 << CHUNK_BITS];
        }
        if (MAX_ARITY * count == operandPositions.length) {
          operandPositions = Arrays.copyOf(operandPositions, 2 * operandPositions.length);
        }
        chunks[chunk][count & CHUNK_MASK] = node;
        int n = arity[top];
        operandPositions[MAX_ARITY * count] = n > 0 ? found[MAX_ARITY * top] : -1;
        operandPositions[MAX_ARITY * count + 1] = n > 1 ? found[MAX_ARITY * top + 1] : -1;
        index.put(node.id(), count);
        top--; // the stack dies with this call, so popped slots need not be cleared
        if (top >= 0) {
          found[MAX_ARITY * top + next[top] - 1] = count;
        }
        count++;
      }
    }
    return new Graph(chunks, count, operandPositions, index);
  }

  private static void push(
      Expr node, Expr[] stack, Expr[] pending, int[] arity, int[] next, int top) {
    stack[top] = node;
    next[top] = 0;
    // Type checks on the three final records rather than a megamorphic call per operand. Slots
    // past a node's arity are never read.
    if (node instanceof Expr.Binary b) {
      pending[MAX_ARITY * top] = b.left();
      pending[MAX_ARITY * top + 1] = b.right();
      arity[top] = 2;
    } else if (node instanceof Expr.Unary u) {
      pending[MAX_ARITY * top] = u.operand();
      arity[top] = 1;
    } else {
      arity[top] = 0;
    }
  }

  private static void requireSameNode(Expr seen, Expr node) {
    if (!seen.equals(node)) {
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
    return size;
  }

  /** {@return the node at {@code position} in topological order} */
  public Expr node(int position) {
    if (position < 0 || position >= size) {
      throw new IndexOutOfBoundsException("position " + position + ": expected 0 to " + (size - 1));
    }
    return chunks[position >>> CHUNK_BITS][position & CHUNK_MASK];
  }

  /** {@return the expression this graph was built from: the last node} */
  public Expr output() {
    return node(size - 1);
  }

  /** {@return the position of the node with {@code node}'s id, or -1 if the graph has none} */
  public int positionOf(Expr node) {
    return index.get(node.id());
  }

  /** {@return the position of operand {@code k} of the node at {@code position}} */
  public int operandPosition(int position, int k) {
    if (position < 0
        || position >= size
        || k < 0
        || k >= MAX_ARITY
        || operands[MAX_ARITY * position + k] < 0) {
      throw new IndexOutOfBoundsException(
          "operand "
              + k
              + " of "
              + node(position)
              + ": expected 0 to "
              + (node(position).arity() - 1));
    }
    return operands[MAX_ARITY * position + k];
  }

  /** {@return all nodes in topological order} */
  public Vector<Expr> nodes() {
    Expr[] all = new Expr[size];
    for (int c = 0; c << CHUNK_BITS < size; c++) {
      int from = c << CHUNK_BITS;
      System.arraycopy(chunks[c], 0, all, from, Math.min(1 << CHUNK_BITS, size - from));
    }
    return Vector.of(all);
  }

  @Override
  public String toString() {
    return "Graph[size=" + size + ", output=" + output() + "]";
  }
}
