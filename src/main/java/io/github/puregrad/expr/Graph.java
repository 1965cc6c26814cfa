package io.github.puregrad.expr;

import io.vavr.collection.Vector;
import java.util.ArrayDeque;
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
 *
 * <p>How (decision 0046): one thread numbers the nodes it builds in order, so an operation's id is
 * larger than its operands' and descending id is a reverse topological order. The walk files each
 * node at its distance below the output's id, in pages, and reads the pages in order: no stack, no
 * hashing. Leaves may be old (parameters) and are kept apart; when an operation's operand is not
 * below it (nodes from other threads' id blocks, an old subgraph), the walk starts again by
 * counting users (Kahn's algorithm).
 */
public final class Graph {
  private static final int BITS = 12;
  private static final int PAGE = 1 << BITS;
  private static final int MASK = PAGE - 1;
  private static final long NEAR = 1 << 24; // distances filed in pages; the rest is kept apart
  private static final int NONE = -1; // no operand; -2 - n: the kept-apart node n, until finish

  private final Expr[][] nodes; // by reverse position r = size - 1 - position, in pages
  private final int[][] operands; // the reverse positions of node r's operands: 2r and 2r + 1
  private final int size;
  private final long top; // the output's id
  private final int[][] near; // by distance top - id: r + 1 of the node filed there, 0 if none
  private final Numbers numbers; // id to number n of a node kept apart
  private final int[] apartRs; // r of kept-apart node n

  private Graph(Walk walk) {
    this.nodes = walk.nodes;
    this.operands = walk.operands;
    this.size = walk.count;
    this.top = walk.top;
    this.near = walk.near;
    this.numbers = walk.numbers;
    this.apartRs = walk.apartRs;
  }

  // -- static API

  /** {@return the graph of every node {@code output} depends on, itself included} */
  public static Graph of(Expr output) {
    Walk walk = new Walk(output.id());
    return new Graph(walk.byId(output) ? walk.finish() : new Walk(output.id()).byUsers(output));
  }

  /** {@return whether {@code output}'s graph is walked by id, without counting users: for tests} */
  static boolean walksById(Expr output) {
    return new Walk(output.id()).byId(output);
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
    long d = top - node.id();
    int r = -1;
    if (d >= 0 && d < (long) near.length << BITS && near[(int) (d >>> BITS)] != null) {
      r = near[(int) (d >>> BITS)][(int) d & MASK] - 1;
    }
    if (r < 0) {
      int n = numbers.get(node.id());
      r = n < 0 ? -1 : apartRs[n];
    }
    return r < 0 ? -1 : size - 1 - r;
  }

  /** {@return the position of operand {@code k} of the node at {@code position}} */
  public int operandPosition(int position, int k) {
    int r = size - 1 - position;
    int operand =
        position < 0 || r < 0 || k < 0 || k > 1 ? NONE : operands[r >>> BITS][2 * (r & MASK) + k];
    if (operand < 0) {
      throw new IndexOutOfBoundsException(
          "operand "
              + k
              + " of "
              + node(position)
              + ": expected 0 to "
              + (node(position).arity() - 1));
    }
    return size - 1 - operand;
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

  private static <T> T[] room(T[] pages, int p) {
    return p < pages.length ? pages : Arrays.copyOf(pages, Math.max(2 * pages.length, p + 1));
  }

  /** The scratch state of one call of {@link #of}, owned by it: frozen once it is finished. */
  private static final class Walk {
    final long top;
    int count; // nodes visited: the next reverse position
    Expr[][] nodes = new Expr[1][];
    int[][] operands = new int[1][];
    Expr[][] slots = new Expr[1][]; // by distance: the nodes met and not yet visited
    int[][] near = new int[1][];
    Expr[] apart = new Expr[16]; // the nodes kept apart, in the order met
    int[] apartRs = new int[16];
    int apartCount;
    final Numbers numbers = new Numbers();

    Walk(long top) {
      this.top = top;
    }

    /** Visits the nodes by descending id; false if an operation's operand is not below it. */
    boolean byId(Expr output) {
      slot(0)[0] = output;
      for (int p = 0; p < slots.length; p++) {
        Expr[] page = slots[p];
        if (page == null) {
          continue;
        }
        near = room(near, p);
        int[] rs = near[p] = new int[PAGE];
        for (int i = 0; i < PAGE; i++) {
          Expr node = page[i];
          if (node != null) {
            int d = p << BITS | i;
            rs[i] = count + 1;
            int r = add(node);
            // type checks on the three final records, not a megamorphic call per operand
            if (node instanceof Expr.Binary b
                ? !link(r, 0, b.left(), d) || !link(r, 1, b.right(), d)
                : node instanceof Expr.Unary u && !link(r, 0, u.operand(), d)) {
              return false;
            }
          }
        }
      }
      return true;
    }

    /** Files operand k of the node r at distance d: false if it is not below its user. */
    private boolean link(int r, int k, Expr operand, int d) {
      long od = top - Node.id(operand);
      Expr[] page = od >= 0 && od < NEAR ? slot((int) od >>> BITS) : null;
      Expr seen = page == null ? null : page[(int) od & MASK];
      if (seen != null && seen != operand) {
        requireSameNode(seen, operand);
      }
      if (page != null && od > d) {
        page[(int) od & MASK] = operand;
        operands[r >>> BITS][2 * (r & MASK) + k] = (int) od;
        return true;
      }
      // a leaf's place does not matter, once it is before its users: it is kept apart, to come
      // first (parameters, built long ago, are)
      operands[r >>> BITS][2 * (r & MASK) + k] = -2 - number(operand);
      return operand instanceof Expr.Leaf && seen == null;
    }

    /** Visits a node once all its users are visited (Kahn's algorithm): any ids will do. */
    Walk byUsers(Expr output) {
      int[] users = new int[16];
      ArrayDeque<Expr> todo = new ArrayDeque<>();
      todo.push(output);
      number(output);
      while (!todo.isEmpty()) { // count each node's users
        Expr node = todo.pop();
        for (int k = 0; k < node.arity(); k++) {
          int met = apartCount;
          int n = number(node.operand(k));
          if (n == met) {
            todo.push(node.operand(k));
            users = n == users.length ? Arrays.copyOf(users, 2 * n) : users;
          }
          users[n]++;
        }
      }
      todo.push(output);
      while (!todo.isEmpty()) {
        Expr node = todo.pop();
        int r = add(node);
        apartRs[number(node)] = r;
        for (int k = 0; k < node.arity(); k++) {
          int n = number(node.operand(k));
          operands[r >>> BITS][2 * (r & MASK) + k] = -2 - n;
          if (--users[n] == 0) {
            todo.push(node.operand(k));
          }
        }
      }
      return finish();
    }

    /** Places the leaves kept apart and not yet visited first, and resolves every operand. */
    Walk finish() {
      for (int n = 0; n < apartCount; n++) {
        apartRs[n] = apartRs[n] < 0 ? add(apart[n]) : apartRs[n];
      }
      for (int r = 0; r < count; r++) {
        int[] ops = operands[r >>> BITS];
        for (int at = 2 * (r & MASK); at < 2 * (r & MASK) + 2; at++) {
          int key = ops[at];
          ops[at] =
              key >= 0
                  ? near[key >>> BITS][key & MASK] - 1
                  : key == NONE ? NONE : apartRs[-2 - key];
        }
      }
      return this;
    }

    private int add(Expr node) {
      int r = count++;
      int p = r >>> BITS;
      if ((r & MASK) == 0) { // a new page
        nodes = room(nodes, p);
        operands = room(operands, p);
        nodes[p] = new Expr[PAGE];
        operands[p] = new int[2 * PAGE];
        Arrays.fill(operands[p], NONE);
      }
      nodes[p][r & MASK] = node;
      return r;
    }

    private Expr[] slot(int p) {
      Expr[] page = p < slots.length ? slots[p] : null;
      if (page == null) {
        slots = room(slots, p);
        page = slots[p] = new Expr[PAGE];
      }
      return page;
    }

    /** The number of a node kept apart, given when it is first met. */
    private int number(Expr node) {
      int n = numbers.putIfAbsent(node.id(), apartCount);
      if (n >= 0) {
        if (apart[n] != node) {
          requireSameNode(apart[n], node);
        }
        return n;
      }
      if (apartCount == apart.length) {
        apart = Arrays.copyOf(apart, 2 * apartCount);
        apartRs = Arrays.copyOf(apartRs, 2 * apartCount);
      }
      apart[apartCount] = node;
      apartRs[apartCount] = -1;
      return apartCount++;
    }
  }

  /** Ids to numbers, by open addressing: no boxing for the parameters met at every step. */
  private static final class Numbers {
    private long[] ids = new long[64];
    private int[] numbers = new int[64]; // number + 1; 0: a free slot
    private int count;

    int get(long id) {
      int at = slot(id, ids.length);
      while (numbers[at] != 0 && ids[at] != id) {
        at = (at + 1) & (ids.length - 1);
      }
      return numbers[at] - 1;
    }

    /** {@return the number of {@code id}, or -1 after giving it {@code number}} */
    int putIfAbsent(long id, int number) {
      int at = slot(id, ids.length);
      while (numbers[at] != 0 && ids[at] != id) {
        at = (at + 1) & (ids.length - 1);
      }
      if (numbers[at] != 0) {
        return numbers[at] - 1;
      }
      ids[at] = id;
      numbers[at] = number + 1;
      if (2 * ++count > ids.length) {
        long[] oldIds = ids;
        int[] oldNumbers = numbers;
        ids = new long[2 * oldIds.length];
        numbers = new int[2 * oldIds.length];
        for (int k = 0; k < oldIds.length; k++) {
          if (oldNumbers[k] != 0) {
            int to = slot(oldIds[k], ids.length);
            while (numbers[to] != 0) {
              to = (to + 1) & (ids.length - 1);
            }
            ids[to] = oldIds[k];
            numbers[to] = oldNumbers[k];
          }
        }
      }
      return -1;
    }

    private static int slot(long id, int length) { // Fibonacci hashing: the top bits
      return (int) ((id * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(length)));
    }
  }
}
