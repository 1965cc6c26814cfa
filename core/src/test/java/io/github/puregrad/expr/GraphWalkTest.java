package io.github.puregrad.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The topological order of {@link Graph#of}, by id, on the cases where ids could stray from the
 * order in which nodes were built: other threads' id blocks, nodes from long ago, ids a caller
 * chose. Each case checks the order, the lookup of every node, and a gradient worked out by hand,
 * from the reference sweep and, to the bit, from the fast walk.
 */
class GraphWalkTest {
  /** Every operand before its user, every node found by its id, the output last. */
  private static void assertWellFormed(Graph graph, int size) {
    assertThat(graph.size()).isEqualTo(size);
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      assertThat(graph.positionOf(node)).isEqualTo(p);
      for (int k = 0; k < node.arity(); k++) {
        assertThat(graph.operandPosition(p, k)).isLessThan(p);
        assertThat(graph.node(graph.operandPosition(p, k))).isSameAs(node.operand(k));
      }
    }
    assertThat(graph.nodes().last()).isSameAs(graph.output());
  }

  /**
   * d/dx of the graph's output by the reference sweep over {@code graph}, after checking that the
   * fast walk of {@code Autodiff.backward(output)} gives every node's gradient to the bit.
   */
  private static double gradient(Graph graph, Expr x) {
    Gradients reference = Autodiff.backward(graph);
    Gradients fast = Autodiff.backward(graph.output());
    assertThat(graph.nodes().map(fast::get)).isEqualTo(graph.nodes().map(reference::get));
    return reference.get(x);
  }

  @Nested
  class ById {
    @Test
    void shouldOrderNodesBuiltOnOneThread() {
      Expr.Leaf x = Expr.of(3.0, "x");
      Expr y = x.mul(x).add(x.tanh()); // x, x*x, tanh x, sum

      Graph graph = Graph.of(y);

      assertWellFormed(graph, 4);
      assertThat(gradient(graph, x)).isCloseTo(6 + 1 - Math.pow(Math.tanh(3), 2), within(1e-15));
    }

    @Test
    void shouldPlaceALeafBuiltLongAgoFirst() {
      Expr.Leaf old = Expr.of(2.0, "w");
      IdLayouts.useIds(IdLayouts.PAST_THE_PAGES);
      Expr.Leaf x = Expr.of(5.0, "x");
      Expr y = old.mul(x).add(old); // w x + w

      Graph graph = Graph.of(y);

      assertWellFormed(graph, 4);
      assertThat(graph.node(0)).isSameAs(old);
      assertThat(gradient(graph, old)).isEqualTo(6.0);
    }

    @Test
    void shouldPlaceALeafBuiltOnAnotherThreadLaterFirst() {
      Expr.Leaf x = Expr.of(5.0, "x");
      Expr.Leaf later =
          IdLayouts.onAnotherThread(() -> Expr.of(2.0, "w")); // a larger id than x's users
      Expr y = x.mul(later).add(x);

      Graph graph = Graph.of(y);

      assertWellFormed(graph, 4);
      assertThat(gradient(graph, x)).isEqualTo(3.0);
      assertThat(gradient(graph, later)).isEqualTo(5.0);
    }

    @Test
    void shouldWalkASubgraphReusedAcrossSteps() {
      Expr.Leaf x = Expr.of(0.5, "x");
      Expr reused = x.mul(2).exp(); // e^(2x), built once
      IdLayouts.useIds(100_000); // the nodes of other steps
      Expr y = reused.mul(reused).add(x); // e^(4x) + x

      Graph graph = Graph.of(y);

      assertWellFormed(graph, 6);
      assertThat(gradient(graph, x)).isCloseTo(4 * Math.exp(2) + 1, within(1e-13));
    }
  }

  @Nested
  class AcrossThreadsAndFarPages {
    @Test
    void shouldOrderOperandsBuiltOnAnotherThread() {
      Expr.Leaf x = Expr.of(0.5, "x");
      Expr mine = x.mul(3); // an id from this thread's block
      Expr theirs = IdLayouts.onAnotherThread(() -> x.exp().add(1)); // ids from a later block
      Expr y = mine.add(theirs).mul(mine); // (3x + e^x + 1) 3x: built here, after theirs

      Graph graph = Graph.of(y);

      assertThat(y.operand(0).id()).isGreaterThan(theirs.id()); // a new block, above theirs

      assertWellFormed(graph, 8);
      double expected = (3 + Math.exp(0.5)) * 1.5 + (1.5 + Math.exp(0.5) + 1) * 3;
      assertThat(gradient(graph, x)).isCloseTo(expected, within(1e-14));
    }

    @Test
    void shouldWalkASubgraphReusedLongAfter() {
      Expr.Leaf x = Expr.of(0.5, "x");
      Expr reused = x.mul(2).exp();
      IdLayouts.useIds(IdLayouts.PAST_THE_PAGES);
      Expr y = reused.mul(reused).add(x);

      Graph graph = Graph.of(y);

      assertWellFormed(graph, 6);
      assertThat(gradient(graph, x)).isCloseTo(4 * Math.exp(2) + 1, within(1e-13));
    }

    @Test
    void shouldRejectTwoVersionsOfOneLeaf() {
      Expr.Leaf w = Expr.of(1.0, "w");
      Expr theirs = IdLayouts.onAnotherThread(() -> w.exp());
      Expr y = theirs.add(w.withValue(2.0)); // the old and the new w

      assertThatThrownBy(() -> Graph.of(y))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("two different nodes share id " + w.id());
    }

    @Test
    void shouldWalkALongChainInFarPages() {
      Expr.Leaf x = Expr.of(1.0, "x");
      Expr chain = IdLayouts.onAnotherThread(() -> x.mul(1.0));
      for (int i = 0; i < 200_000; i++) {
        chain = chain.add(0.0);
      }
      IdLayouts.useIds(IdLayouts.PAST_THE_PAGES);
      Expr y = chain.mul(1.0); // the whole chain lies in far pages

      Graph graph = Graph.of(y);

      assertThat(graph.size()).isEqualTo(2 * 200_000 + 5);
      assertThat(gradient(graph, x)).isEqualTo(1.0);
      assertThat(graph.positionOf(chain)).isEqualTo(graph.size() - 3);
    }
  }

  @Nested
  class Ids {
    @Test
    void shouldGiveAnOperationAnIdAboveALeafWithAnyId() {
      long ahead = Expr.of(0.0).id() + (1L << 40); // an id no block has reached yet
      Expr.Leaf w = new Expr.Leaf(0.5, "w", ahead); // say, restored from elsewhere
      Expr y = w.tanh().mul(Expr.of(2.0));

      Graph graph = Graph.of(y);

      assertThat(y.operand(0).id()).isGreaterThan(w.id());
      assertWellFormed(graph, 4);
      assertThat(gradient(graph, w))
          .isCloseTo(2 * (1 - Math.pow(Math.tanh(0.5), 2)), within(1e-15));
    }

    @Test
    void shouldWalkALeafWithANegativeId() {
      Expr.Leaf w = new Expr.Leaf(0.5, "w", -5); // a hand-made leaf: ids are any long
      Expr y = w.mul(Expr.of(2.0)).tanh();

      Graph graph = Graph.of(y);

      assertWellFormed(graph, 4);
      assertThat(gradient(graph, w))
          .isCloseTo(2 * (1 - Math.pow(Math.tanh(1.0), 2)), within(1e-15));
    }

    @Test
    void shouldRejectAnOperationWhoseIdIsNotAboveItsOperands() {
      Expr.Leaf x = Expr.of(1.0, "x");

      assertThatThrownBy(() -> new Expr.Unary(UnaryOp.TANH, x, Math.tanh(1.0), x.id(), ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("id " + x.id() + " must be larger than its operands' ids, up to " + x.id());
    }
  }
}
