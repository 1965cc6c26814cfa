package io.github.puregrad.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The graph's storage in chunks: positions across chunk boundaries, bounds, and the node list. */
class GraphChunkTest {
  private static final int LONGER_THAN_A_CHUNK = 10_000;

  private static Expr sumOfLeaves(int n) {
    Expr sum = Expr.of(0.0, "x0");
    for (int i = 1; i < n; i++) {
      sum = sum.add(Expr.of(i, "x" + i));
    }
    return sum;
  }

  @Nested
  class Positions {
    @Test
    void shouldPlaceEveryOperandBeforeItsNodeWhenTheGraphSpansSeveralChunks() {
      Graph graph = Graph.of(sumOfLeaves(LONGER_THAN_A_CHUNK));

      for (int p = 0; p < graph.size(); p++) {
        Expr node = graph.node(p);
        for (int k = 0; k < node.arity(); k++) {
          int operand = graph.operandPosition(p, k);
          assertThat(operand).isLessThan(p);
          assertThat(graph.node(operand)).isSameAs(node.operand(k));
        }
      }
    }

    @Test
    void shouldFindEveryNodeByPositionOf() {
      Graph graph = Graph.of(sumOfLeaves(LONGER_THAN_A_CHUNK));

      for (int p = 0; p < graph.size(); p++) {
        assertThat(graph.positionOf(graph.node(p))).isEqualTo(p);
      }
    }

    @Test
    void shouldListNodesInTopologicalOrder() {
      Graph graph = Graph.of(sumOfLeaves(LONGER_THAN_A_CHUNK));

      assertThat(graph.nodes()).hasSize(graph.size());
      assertThat(graph.nodes().get(graph.size() - 1)).isSameAs(graph.output());
      assertThat(graph.nodes().get(4097)).isSameAs(graph.node(4097));
    }
  }

  @Nested
  class Bounds {
    @Test
    void shouldRejectPositionPastTheEnd() {
      Graph graph = Graph.of(Expr.of(1.0).add(2.0));

      assertThatThrownBy(() -> graph.node(3))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("Index 3 out of bounds for length 3");
    }

    @Test
    void shouldRejectOperandOfALeaf() {
      Graph graph = Graph.of(Expr.of(1.0).add(2.0));

      assertThatThrownBy(() -> graph.operandPosition(0, 0))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("operand 0 of Leaf[")
          .hasMessageContaining("a leaf has none");
    }

    @Test
    void shouldRejectSecondOperandOfAUnaryNode() {
      Graph graph = Graph.of(Expr.of(1.0).tanh());

      assertThatThrownBy(() -> graph.operandPosition(1, 1))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
  }
}
