package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import java.util.Arrays;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fast twin of {@link Autodiff#sweep}, for {@link Autodiff#backward(Expr)}: the same chain rule
 * in the same order, so the same bits, without building a {@link Graph} (decisions 0046, 0051,
 * 0052, 0053). Not on the reading path: it is speed machinery, tested equal to the sweep.
 *
 * <p>An operation's id is above its operands' ids, so visiting nodes by descending id meets every
 * node after all of its users, which is the sweep's order. The walk files each node it meets in a
 * page of 1,024 consecutive ids (its slot: the node and its gradient), then visits the pages from
 * the output's down, adding each node's share into its operands' slots. No hashing, no sorting.
 *
 * <p>Pages cost memory in proportion to the range of ids, not the number of nodes. Where a graph's
 * ids are sparse (other threads' ids in between, leaves from long ago, ids a caller chose), the
 * walk declines as soon as its pages hold less than half nodes, and {@link Autodiff} runs the sweep
 * instead, whose memory is in proportion to the nodes.
 */
final class PagedWalk {
  private static final int BITS = 10; // small pages: little to allocate for a small graph
  private static final int PAGE = 1 << BITS;
  private static final int MASK = PAGE - 1;
  private static final int NEAR = 1 << 12; // pages this close below the output's are indexed

  /**
   * Thrown when the walk leaves the graph to the sweep: its pages would hold less than half nodes,
   * or two different nodes share an id, which {@link Graph#of} then reports.
   */
  static final class Declined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Declined() {
      super("left to the sweep", null, false, false);
    }
  }

  @SuppressWarnings("StaticAssignmentOfThrowable") // a signal without a stack trace, never shown
  private static final Declined DECLINED = new Declined();

  /** The nodes filed in one page of ids, and their gradients, by id mod PAGE. */
  @SuppressWarnings("ArrayRecordComponent") // slots one walk fills; never compared nor shared
  private record Page(long number, Expr[] met, double[] g) {
    Page(long number) {
      this(number, new Expr[PAGE], new double[PAGE]);
    }
  }

  private final long top; // the output's page number
  private Page[] near = new Page[1]; // by top - page number
  private final TreeMap<Long, Page> far = new TreeMap<>(); // the rest, by page number
  private @Nullable Page lastFar; // the far page filed into last: parameters are mostly in one
  private int pages; // pages made
  private int filed; // distinct nodes filed

  private PagedWalk(Expr output) {
    this.top = id(output) >> BITS;
  }

  /** {@return a walk of {@code output} that has applied the chain rule to every node} */
  static PagedWalk run(Expr output) {
    PagedWalk walk = new PagedWalk(output);
    walk.file(output, 1.0); // d output / d output
    for (int back = 0; back < walk.near.length; back++) { // visiting files nodes farther back only
      if (walk.near[back] != null) {
        walk.visit(walk.near[back]);
      }
    }
    for (var e = walk.far.lastEntry(); e != null; e = walk.far.lowerEntry(e.getKey())) {
      walk.visit(e.getValue());
    }
    return walk;
  }

  /** {@return d output / d node, where the walk added it up; 0.0 if node is not in the graph} */
  double gradient(Expr node) {
    long id = id(node);
    Page page = pageOf(id);
    return page == null ? 0.0 : page.g[(int) id & MASK]; // 0.0 in a slot where nothing was filed
  }

  private void visit(Page page) {
    for (int i = MASK; i >= 0; i--) {
      Expr node = page.met[i];
      // every user of the node came before it, so g = d out/d node is complete; the chain rule
      // d out/d operand += g * d node/d operand. Type checks, not a megamorphic call.
      if (node instanceof Expr.Binary b) {
        double g = page.g[i];
        file(b.left(), g * b.partial(0));
        file(b.right(), g * b.partial(1));
      } else if (node instanceof Expr.Unary u) {
        file(u.operand(), page.g[i] * u.partial(0));
      }
    }
  }

  /** Files a node met as an operand (or the output) in its page, once, and adds its share. */
  private void file(Expr node, double share) { // small, so that visit inlines it: its hot path
    long id = id(node);
    long back = top - (id >> BITS); // ids are below the output's: back >= 0
    Page page = back < near.length ? near[(int) back] : null;
    page = page != null ? page : page(id >> BITS);
    page.g[(int) id & MASK] += share;
    Expr seen = page.met[(int) id & MASK];
    if (seen == null) {
      page.met[(int) id & MASK] = node;
      filed++;
    } else if (seen != node && !seen.equals(node)) {
      throw DECLINED; // two versions of one node: Graph.of says which
    }
  }

  private @Nullable Page pageOf(long id) {
    long back = top - (id >> BITS);
    return back >= 0 && back < near.length ? near[(int) back] : far.get(id >> BITS);
  }

  private Page page(long number) { // a page met for the first time, or a far one
    long back = top - number;
    if (back < NEAR) {
      if (back >= near.length) {
        near = Arrays.copyOf(near, Math.max(2 * near.length, (int) back + 1));
      }
      near[(int) back] = newPage(number);
      return near[(int) back];
    }
    if (lastFar == null || lastFar.number() != number) {
      lastFar = far.computeIfAbsent(number, this::newPage);
    }
    return lastFar;
  }

  private Page newPage(long number) {
    // Memory in proportion to the nodes: give up if the pages would hold less than half nodes.
    // A graph whose ids have no gaps fills all its pages but the ends, up to 2 of them.
    if ((long) ++pages * PAGE > 2L * filed + 4L * PAGE) {
      throw DECLINED;
    }
    return new Page(number);
  }

  private static long id(Expr node) { // type checks on the three final records, not an interface
    return node instanceof Expr.Binary b
        ? b.id()
        : node instanceof Expr.Unary u ? u.id() : ((Expr.Leaf) node).id();
  }
}
