package io.github.puregrad.expr;

import io.vavr.Lazy;
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
 * stack, no hashing (decision 0046). That is backprop's order, each node after all of its users, so
 * {@link #withGradients} applies the chain rule as it walks.
 */
public final class Graph {
  private static final int BITS = 10; // small pages: little to allocate for a small graph
  private static final int PAGE = 1 << BITS;
  private static final int MASK = PAGE - 1;
  private static final int NEAR = 1 << 12; // pages this close below the output's are indexed

  private final Walk walk; // frozen once it has run: final, so safely shared with other threads
  private final Lazy<Walk> order; // a walk that placed the nodes: this one, or Graph.of's if asked

  private Graph(Walk walk) {
    this.walk = walk;
    this.order = Lazy.of(() -> walk.gradients ? new Walk(walk.output, false).run() : walk);
  }

  /** The nodes met in one page of ids, r + 1 of each once placed (Graph.of), or gradients. */
  private record Page(long number, Expr[] met, int[] rs, double[] g) {
    Page(long number, boolean grads) {
      this(number, new Expr[PAGE], new int[grads ? 0 : PAGE], new double[grads ? PAGE : 0]);
    }
  }

  /** {@return the graph of every node {@code output} depends on, itself included} */
  public static Graph of(Expr output) {
    return new Graph(new Walk(output, false).run());
  }

  /**
   * {@return the graph of {@code output}, walked with backprop's chain rule}: each node passes g ·
   * ∂node/∂operand on to each operand as the walk files it; {@link #gradient} reads them. It places
   * no positions (backward needs none): the first call that does walks again, as {@link #of}.
   */
  public static Graph withGradients(Expr output) {
    return new Graph(new Walk(output, true).run());
  }

  /** {@return d output / d node, by id, where the walk added it up; 0.0 if node is not here} */
  public double gradient(Expr node) {
    if (!walk.gradients) {
      throw new IllegalStateException("a graph walked by Graph.of has no gradients");
    }
    long id = Node.id(node);
    Page page = walk.pageOf(id);
    return page == null ? 0.0 : page.g[(int) id & MASK]; // 0.0 in a slot where nothing was filed
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
    return order.get().nodes[r >>> BITS][r & MASK];
  }

  /** {@return the expression this graph was built from: the last node} */
  public Expr output() {
    return walk.output;
  }

  /** {@return the position of the node with {@code node}'s id, or -1 if the graph has none} */
  public int positionOf(Expr node) {
    long id = Node.id(node);
    Page page = order.get().pageOf(id);
    int rs = page == null ? 0 : page.rs[(int) id & MASK];
    return rs == 0 ? -1 : walk.count - rs; // the same count as order's
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
    final Expr output;
    final long top; // the output's page number
    final boolean gradients; // whether a page holds its nodes' gradients, and visit adds to them
    Page[] near = new Page[1]; // by top - page number
    final TreeMap<Long, Page> far = new TreeMap<>();
    @Nullable Page lastFar; // the far page filed into last: parameters are mostly in one
    Expr[][] nodes = new Expr[1][]; // by reverse position r = count - 1 - position, in pages
    int count; // nodes visited: the next reverse position

    Walk(Expr output, boolean gradients) {
      this.output = output;
      this.top = Node.id(output) >>> BITS;
      this.gradients = gradients;
    }

    Walk run() {
      file(output, 1.0); // d output / d output
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
          int r = count++;
          if (!gradients) { // Graph.of places each node as it meets it; backward needs no positions
            page.rs[i] = r + 1;
            if ((r & MASK) == 0) { // a new page of nodes
              nodes = r >>> BITS < nodes.length ? nodes : Arrays.copyOf(nodes, 2 * nodes.length);
              nodes[r >>> BITS] = new Expr[PAGE];
            }
            nodes[r >>> BITS][r & MASK] = node;
          }
          // every user of the node came before it, so g = d out/d node is complete; the chain rule
          // d out/d operand += g * d node/d operand. Type checks, not a megamorphic call.
          double g = gradients ? page.g[i] : 0.0;
          if (node instanceof Expr.Binary b) {
            file(b.left(), gradients ? g * b.partial(0) : 0.0);
            file(b.right(), gradients ? g * b.partial(1) : 0.0);
          } else if (node instanceof Expr.Unary u) {
            file(u.operand(), gradients ? g * u.partial(0) : 0.0);
          }
        }
      }
    }

    /** Files a node met as an operand (or the output) in its page, once, and adds its share. */
    private void file(Expr node, double share) { // small, so that visit inlines it: its hot path
      long id = Node.id(node);
      long back = top - (id >>> BITS); // negative for a leaf with a negative id: a far page
      Page page = back >= 0 && back < near.length ? near[(int) back] : null;
      page = page != null ? page : page(id >>> BITS);
      if (gradients) {
        page.g[(int) id & MASK] += share;
      }
      Expr seen = page.met[(int) id & MASK];
      if (seen == null) {
        page.met[(int) id & MASK] = node;
      } else if (seen != node && !seen.equals(node)) {
        String both =
            "two different nodes share id %d: %s and %s; a graph holds one version of each";
        throw new IllegalArgumentException(both.formatted(id, seen, node));
      }
    }

    @Nullable Page pageOf(long id) { // after the walk
      long back = top - (id >>> BITS);
      return back >= 0 && back < near.length ? near[(int) back] : far.get(id >>> BITS);
    }

    private Page page(long number) { // a page met for the first time, or a far one
      long back = top - number;
      if (back >= 0 && back < NEAR) {
        if (back >= near.length) {
          near = Arrays.copyOf(near, Math.max(2 * near.length, (int) back + 1));
        }
        return near[(int) back] = new Page(number, gradients);
      }
      if (lastFar == null || lastFar.number() != number) {
        lastFar = far.computeIfAbsent(number, n -> new Page(n, gradients));
      }
      return lastFar;
    }
  }
}
