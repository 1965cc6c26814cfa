package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.expr.IdLayouts;
import java.lang.ref.Reference;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast walk of {@code Autodiff.backward(output)} ({@link PagedWalk}, or the sweep where ids are
 * sparse) gives every node the gradient that the reference sweep over {@link Graph#of} gives, to
 * the bit: on generated programs, and on id layouts chosen to break a walk by id. Its memory stays
 * in proportion to the nodes, whatever the ids.
 */
class FastWalkTest {
  /**
   * Every node's gradient from both walks, bit for bit (one NaN: Java does not fix its payload).
   */
  private static void assertSameBits(Expr output) {
    Graph graph = Graph.of(output);
    Gradients reference = Autodiff.backward(graph);
    Gradients fast = Autodiff.backward(output);
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      assertThat(Double.doubleToLongBits(fast.get(node)))
          .as("d out/d %s", node)
          .isEqualTo(Double.doubleToLongBits(reference.get(node)));
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @Nested
  class OnGeneratedPrograms {
    private final ExprGenerator plain = ExprGenerator.builder().operations(30).build();
    private final ExprGenerator edges =
        ExprGenerator.builder().inputs(3).operations(12).edges(true).build();

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.grad.FastWalkTest#seeds")
    void shouldGiveTheSweepsBitsOnEveryNode(long seed) {
      assertSameBits(plain.sample(seed).output());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.grad.FastWalkTest#seeds")
    void shouldGiveTheSweepsBitsOnIeeeEdges(long seed) {
      assertSameBits(edges.sample(seed).output());
    }
  }

  @Nested
  class OnHostileIds {
    @Test
    void shouldKeepANegativeIdLeafWhoseUserIsFarBelowTheOutput() {
      Expr.Leaf w = new Expr.Leaf(0.5, "w", -5);
      Expr user = w.mul(Expr.of(2.0)); // an ordinary id
      IdLayouts.useIds(
          IdLayouts.PAST_THE_PAGES); // the output lies more than 4,096 pages above the user
      Expr y = user.tanh();

      Graph graph = Graph.of(y);

      assertThat(graph.size()).isEqualTo(4);
      assertThat(graph.node(0)).isSameAs(w);
      assertSameBits(y);
      assertThat(Autodiff.backward(y).get(w)).isEqualTo(2 * (1 - y.value() * y.value()));
    }

    @Test
    void shouldWalkLeavesFromLongAgo() {
      Expr.Leaf old = Expr.of(2.0, "w");
      IdLayouts.useIds(IdLayouts.PAST_THE_PAGES);
      Expr y = old.mul(Expr.of(5.0)).add(old).exp();

      assertSameBits(y);
    }

    @Test
    void shouldWalkAnotherThreadsIds() {
      Expr.Leaf x = Expr.of(0.5, "x");
      Expr theirs = IdLayouts.onAnotherThread(() -> x.exp().add(1));
      Expr y = x.mul(3).add(theirs).mul(theirs);

      assertSameBits(y);
    }

    @Test
    void shouldWalkIdsInTurnsFromTwoThreads() {
      Expr y = inTurns(2_000);

      assertSameBits(y);
      assertThat(Graph.of(y).size())
          .isEqualTo(2_000 + 3); // x, the sums, the constant 1 and the output
    }

    @Test
    void shouldUseTheWalksPagesForIdsWithoutGaps() {
      assertThat(PagedWalk.run(chain(40_000, UnaryOperator.identity()))).isNotNull();
    }

    @Test
    void shouldWalkSparseIds() {
      Expr y = sparse(2_000);

      assertSameBits(y);
      assertThatThrownBy(() -> PagedWalk.run(y)).isInstanceOf(PagedWalk.Declined.class);
    }

    @Test
    void shouldWalkTheExtremeIdsACallerMayGive() {
      Expr.Leaf lowest = new Expr.Leaf(1.5, "lowest", Long.MIN_VALUE);
      Expr.Leaf zero = new Expr.Leaf(-2.0, "zero", 0);
      Expr y = lowest.mul(zero).add(lowest).sin();

      assertSameBits(y);
      Expr.Leaf highest = new Expr.Leaf(3.0, "highest", Long.MAX_VALUE);
      assertThat(Autodiff.backward(highest).get(highest)).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseAnOperationAboveTheLastId() {
      Expr.Leaf highest = new Expr.Leaf(3.0, "highest", Long.MAX_VALUE - 5);

      assertThatThrownBy(highest::tanh)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("no id is left above " + (Long.MAX_VALUE - 5) + ": ids end at 2^63 - 1");
      assertThat(Expr.of(1.0).id()).isLessThan(Long.MAX_VALUE / 2); // the counter did not move
    }

    @Test
    void shouldRejectTwoNodesWithOneIdInBothWalks() {
      Expr.Leaf w = Expr.of(1.0, "w");
      Expr y = w.exp().add(w.withValue(2.0));

      assertThatThrownBy(() -> Autodiff.backward(y))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("two different nodes share id " + w.id());
      assertThatThrownBy(() -> Graph.of(y))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("two different nodes share id " + w.id());
    }
  }

  @Nested
  @Tag("slow") // PIT leaves these out: seconds of GC each; the page tests above kill its mutants
  class Memory {
    @Test
    void shouldKeepIdsInTurnsWithinTwiceTheMemoryOfIdsWithoutGaps() {
      long dense = retained(chain(80_000, UnaryOperator.identity()));
      long turns = retained(inTurns(80_000));

      assertThat(turns).isLessThanOrEqualTo(2 * dense);
    }

    @Test
    void shouldKeepSparseIdsWithinTwiceTheMemoryOfIdsWithoutGaps() {
      long dense = retained(chain(40_000, UnaryOperator.identity()));
      long sparse = retained(sparse(40_000));

      assertThat(sparse).isLessThanOrEqualTo(2 * dense);
    }
  }

  /** y = ((x + x) + x) + ...: one node a step, each step made by {@code step}. */
  private static Expr chain(int steps, UnaryOperator<Expr> step) {
    Expr.Leaf x = Expr.of(0.25, "x");
    Expr y = x;
    for (int i = 0; i < steps; i++) {
      y = step.apply(y).add(x);
    }
    return y.mul(1.0);
  }

  /** A chain whose steps this thread and another take in turns: each turn a new block of ids. */
  private static Expr inTurns(int steps) {
    Expr.Leaf x = Expr.of(0.25, "x");
    Expr y = x;
    for (int i = 0; i < steps; i++) {
      Expr before = y;
      y = i % 2 == 0 ? y.add(x) : IdLayouts.onAnotherThread(() -> before.add(x));
    }
    return y.mul(1.0);
  }

  /** A chain with 1,100 unrelated leaves made between its steps. */
  private static Expr sparse(int steps) {
    return chain(
        steps,
        y -> {
          IdLayouts.useIds(1_100);
          return y;
        });
  }

  /** Bytes that {@code Autodiff.backward(output)}'s result keeps, by the heap after collection. */
  private static long retained(Expr output) {
    long before = used();
    Gradients gradients = Autodiff.backward(output);
    try {
      return used() - before;
    } finally {
      Reference.reachabilityFence(gradients); // kept reachable while the heap is measured
    }
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
