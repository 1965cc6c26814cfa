package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.expr.Lecture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Where the explorer puts boxes and edges; the browser test samples the drawn edges. */
class LayoutTest {
  private static Expr lectureL() {
    Expr e = Expr.of(2.0, "a").mul(Expr.of(-3.0, "b")).withLabel("e");
    Expr d = e.add(Expr.of(10.0, "c")).withLabel("d");
    return d.mul(Expr.of(-2.0, "f")).withLabel("L");
  }

  /** Five uses of x, at different depths: edges that skip columns. */
  private static Expr wide() {
    Expr x = Expr.of(0.5, "x");
    return x.mul(x).add(x.exp()).tanh().mul(x.sin()).add(x.pow(3)).div(Expr.of(2.0).add(x.relu()));
  }

  @Nested
  class Crossings {
    @Test
    void shouldDrawTheLectureNeuronWithoutACrossing() {
      assertThat(new Layout(Graph.of(Lecture.labelledNeuron())).crossings()).isZero();
    }

    @Test
    void shouldDrawTheLecturesLWithoutACrossing() {
      assertThat(new Layout(Graph.of(lectureL())).crossings()).isZero();
    }

    @Test
    void shouldDrawAGraphWithLongEdgesWithoutACrossing() {
      assertThat(new Layout(Graph.of(wide())).crossings()).isZero();
    }
  }

  @Nested
  class Boxes {
    /** Boxes of one column never overlap: each has a slot of its own, as each waypoint does. */
    @Test
    void shouldGiveEveryNodeOfAColumnItsOwnRow() {
      for (long seed = 0; seed < 50; seed++) {
        Graph graph = Graph.of(ExprGenerator.defaults().sample(seed).output());
        Layout layout = new Layout(graph);
        for (int p = 0; p < graph.size(); p++) {
          for (int q = p + 1; q < graph.size(); q++) {
            if (layout.x(p) == layout.x(q)) {
              assertThat(Math.abs(layout.y(p) - layout.y(q)))
                  .as("nodes %d and %d of %s", p, q, graph)
                  .isGreaterThanOrEqualTo(Layout.BOX_H);
            }
          }
        }
      }
    }

    @Test
    void shouldFitEveryBoxInsideThePicture() {
      Graph graph = Graph.of(wide());
      Layout layout = new Layout(graph);
      for (int p = 0; p < graph.size(); p++) {
        assertThat(
                new boolean[] {
                  layout.x(p) + Layout.BOX_X + Layout.BOX_W <= layout.width(),
                  layout.y(p) + Layout.BOX_H <= layout.height(),
                  layout.x(p) >= 0 && layout.y(p) >= 0
                })
            .containsOnly(true);
      }
    }
  }
}
