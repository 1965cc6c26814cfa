package io.github.puregrad.expr;

import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The nodes an expression depends on, in topological order: every node comes after its operands,
 * and the output comes last. Computed once, without recursion, in O(nodes + edges).
 *
 * <pre>{@code
 * Expr x = Expr.of(3.0, "x");
 * Graph graph = Graph.of(x.mul(x).add(1));
 * graph.size();        // 4: x, x*x, the constant 1, and the sum
 * graph.output();      // the sum
 * }</pre>
 *
 * <p>Nodes are told apart by {@link Expr#id()}: a node used twice appears once; two different nodes
 * with one id (a leaf and its {@link Expr.Leaf#withValue} copy) are rejected. An operation's id is
 * above its operands', so the walk visits nodes by descending id, filed in pages of 1,024 ids: no
 * stack, no hashing (decision 0046).
 */
public final class Graph {
  private static final int BITS = 10; // small pages: little to allocate for a small graph
  private static final int PAGE = 1 << BITS;
  private static final int MASK = PAGE - 1;
  private static final int NEAR = 1 << 12; // pages this close below the output's are indexed

  private final Walk walk; // frozen once it has run: final, so safely shared with other threads

  private Graph(Walk walk) {
    this.walk = walk;
  }

  /** The nodes met in one page of ids, and r + 1 of each once it is visited (0 before). */
  private record Page(long number, Expr[] met, int[] rs) {
    Page(long number) {
      this(number, new Expr[PAGE], new int[PAGE]);
    }
  }

  /** {@return the graph of every node {@code output} depends on, itself included} */
  public static Graph of(Expr output) {
    return new Graph(new Walk(Node.id(output) >>> BITS).run(output));
  }

  /** {@return the number of distinct nodes} */
  public int size() {
    return walk.count;
  }

  /** {@return the node at {@code position} in topological order} */
  public Expr node(int position) {
    if (position < 0 || position >= size()) {
      throw new IndexOutOfBoundsException(
          "position " + position + ": expected 0 to " + (size() - 1));
    }
    int r = size() - 1 - position;
    return walk.nodes[r >>> BITS][r & MASK];
  }

  /** {@return the expression this graph was built from: the last node} */
  public Expr output() {
    return walk.nodes[0][0];
  }

  /** {@return the position of the node with {@code node}'s id, or -1 if the graph has none} */
  public int positionOf(Expr node) {
    long id = Node.id(node);
    long back = walk.top - (id >>> BITS);
    boolean isNear = back >= 0 && back < walk.near.length;
    int far = isNear ? -1 : Arrays.binarySearch(walk.farNumbers, id >>> BITS);
    Page page = isNear ? walk.near[(int) back] : far >= 0 ? walk.farPages[far] : null;
    int rs = page == null ? 0 : page.rs[(int) id & MASK];
    return rs == 0 ? -1 : walk.count - rs;
  }

  /** {@return the position of operand {@code k} of the node at {@code position}} */
  public int operandPosition(int position, int k) {
    return positionOf(node(position).operand(k));
  }

  /** {@return all nodes in topological order} */
  public Vector<Expr> nodes() {
    return Vector.range(0, size()).map(this::node);
  }

  @Override
  public String toString() {
    return "Graph[size=" + size() + ", output=" + output() + "]";
  }

  /** The walk of one call of {@link #of}: its state, mutable until it has run, is the graph's. */
  private static final class Walk {
    final long top; // the output's page number
    Page[] near = new Page[1]; // by top - page number
    final TreeMap<Long, Page> far = new TreeMap<>();
    @Nullable Page lastFar; // the far page filed into last: parameters are mostly in one
    long[] farNumbers = {}; // once it has run: the far pages' numbers, ascending
    Page[] farPages = {}; // in the same order
    Expr[][] nodes = new Expr[1][]; // by reverse position r = count - 1 - position, in pages
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
      farPages = far.values().toArray(farPages);
      farNumbers = far.keySet().stream().mapToLong(Long::longValue).toArray();
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
        String both =
            "two different nodes share id %d: %s and %s; a graph holds one version of each";
        throw new IllegalArgumentException(both.formatted(id, seen, node));
      }
    }

    private Page page(long number) {
      long back = top - number; // negative for a leaf with a negative id: a far page
      if (back >= 0 && back < NEAR) {
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
