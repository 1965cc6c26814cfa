package io.github.puregrad.expr;

import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>How (decision 0046): an operation's id is larger than its operands' ids (its constructor says
 * so), so ascending id is a topological order. The walk files each node it meets in a page of 4,096
 * ids and visits the pages, and each page's slots, by descending id: no stack, no hashing. Pages
 * near the output's are found by index, the few far ones (parameters built long ago) by number.
 */
public final class Graph {
  private static final int BITS = 12;
  private static final int PAGE = 1 << BITS;
  private static final int MASK = PAGE - 1;
  private static final int NEAR = 1 << 12; // pages this close below the output's are indexed

  private final Expr[][] nodes; // by reverse position r = size - 1 - position, in pages
  private final int size;
  private final long top; // the output's page number
  private final Page[] near; // by top - page number
  private final long[] farNumbers; // ascending
  private final Page[] farPages; // in the same order

  private Graph(Walk walk) {
    this.nodes = walk.nodes;
    this.size = walk.count;
    this.top = walk.top;
    this.near = walk.near;
    this.farPages = walk.far.values().toArray(new Page[0]);
    this.farNumbers = walk.far.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  /** The nodes met in one page of ids, and r + 1 of each once it is visited (0 before). */
  private record Page(long number, Expr[] met, int[] rs) {
    Page(long number) {
      this(number, new Expr[PAGE], new int[PAGE]);
    }
  }

  // -- static API

  /** {@return the graph of every node {@code output} depends on, itself included} */
  public static Graph of(Expr output) {
    return new Graph(new Walk(Node.id(output) >>> BITS).run(output));
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
    int r = size - 1 - position;
    return nodes[r >>> BITS][r & MASK];
  }

  /** {@return the expression this graph was built from: the last node} */
  public Expr output() {
    return nodes[0][0];
  }

  /** {@return the position of the node with {@code node}'s id, or -1 if the graph has none} */
  public int positionOf(Expr node) {
    long id = Node.id(node);
    long back = top - (id >>> BITS);
    boolean isNear = back >= 0 && back < near.length;
    int far = isNear ? -1 : Arrays.binarySearch(farNumbers, id >>> BITS);
    Page page = isNear ? near[(int) back] : far >= 0 ? farPages[far] : null;
    int rs = page == null ? 0 : page.rs[(int) id & MASK];
    return rs == 0 ? -1 : size - rs;
  }

  /** {@return the position of operand {@code k} of the node at {@code position}} */
  public int operandPosition(int position, int k) {
    Expr node = node(position);
    return positionOf(node.operand(Node.check(node, k)));
  }

  /** {@return all nodes in topological order} */
  public Vector<Expr> nodes() {
    Expr[] all = new Expr[size];
    for (int r = 0; r < size; r++) {
      all[size - 1 - r] = nodes[r >>> BITS][r & MASK];
    }
    return Vector.of(all);
  }

  @Override
  public String toString() {
    return "Graph[size=" + size + ", output=" + output() + "]";
  }

  /** The scratch state of one call of {@link #of}, owned by it: frozen once it has run. */
  private static final class Walk {
    final long top;
    Page[] near = new Page[1];
    final TreeMap<Long, Page> far = new TreeMap<>();
    @Nullable Page lastFar; // the far page filed into last: parameters are mostly in one
    Expr[][] nodes = new Expr[1][];
    int count; // nodes visited: the next reverse position

    Walk(long top) {
      this.top = top;
    }

    Walk run(Expr output) {
      file(output);
      for (int back = 0; back < near.length; back++) { // visiting files nodes farther back only
        if (near[back] != null) {
          visit(near[back]);
        }
      }
      for (var e = far.lastEntry(); e != null; e = far.lowerEntry(e.getKey())) {
        visit(e.getValue());
      }
      return this;
    }

    private void visit(Page page) {
      for (int i = MASK; i >= 0; i--) {
        Expr node = page.met[i];
        if (node != null) {
          page.rs[i] = count + 1;
          int r = count++;
          if ((r & MASK) == 0) { // a new page of nodes
            nodes = r >>> BITS < nodes.length ? nodes : Arrays.copyOf(nodes, 2 * nodes.length);
            nodes[r >>> BITS] = new Expr[PAGE];
          }
          nodes[r >>> BITS][r & MASK] = node;
          // type checks on the three final records, not a megamorphic call per operand
          if (node instanceof Expr.Binary b) {
            file(b.left());
            file(b.right());
          } else if (node instanceof Expr.Unary u) {
            file(u.operand());
          }
        }
      }
    }

    /** Files a node met as an operand (or the output) in its page, once. */
    private void file(Expr node) {
      long id = Node.id(node);
      Page page = page(id >>> BITS);
      Expr seen = page.met[(int) id & MASK];
      if (seen == null) {
        page.met[(int) id & MASK] = node;
      } else if (seen != node && !seen.equals(node)) {
        throw new IllegalArgumentException(
            "two different nodes share id "
                + id
                + ": "
                + seen
                + " and "
                + node
                + "; a graph may hold only one version of each leaf");
      }
    }

    private Page page(long number) {
      long back = top - number;
      if (back < NEAR) {
        if (back >= near.length) {
          near = Arrays.copyOf(near, Math.max(2 * near.length, (int) back + 1));
        }
        return near[(int) back] != null ? near[(int) back] : (near[(int) back] = new Page(number));
      }
      if (lastFar == null || lastFar.number() != number) {
        lastFar = far.computeIfAbsent(number, Page::new);
      }
      return lastFar;
    }
  }
}
