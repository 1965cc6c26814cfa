package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SequentialTest {

  private static Sequential net() {
    SplittableRandom random = new SplittableRandom(3);
    return Sequential.of(
        Dense.of(3, 4, random),
        Act.TANH,
        Mlp.of(4, List.of(2), Activation.RELU, Activation.LINEAR, random));
  }

  @Nested
  class Parameters {
    @Test
    void shouldListEachLayersParametersInLayerOrder() {
      Sequential net = net();
      Vector<Expr.Leaf> expected =
          net.layers().get(0).parameters().appendAll(net.layers().get(2).parameters());
      assertThat(net.parameters()).isEqualTo(expected).hasSize(3 * 4 + 4 + 2 * 5);
    }

    @Test
    void shouldGiveEachLayerItsOwnSliceOfTheValues() {
      Sequential net = net();
      Vector<Double> values = Vector.range(0, 26).map(i -> i / 100.0);
      Sequential moved = net.withValues(values);

      assertThat(moved.parameters().map(Expr.Leaf::value)).isEqualTo(values);
      assertThat(moved.parameters().map(Expr.Leaf::id))
          .isEqualTo(net.parameters().map(Expr.Leaf::id));
      assertThat(moved.layers().get(2)).isInstanceOf(Mlp.class); // each layer keeps its type
    }

    @Test
    void shouldRejectTheWrongNumberOfValues() {
      assertThatThrownBy(() -> net().withValues(Vector.of(1.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("expected 26 parameter values");
    }
  }

  @Nested
  class Forward {
    @Test
    void shouldApplyTheLayersOneAfterTheOther() {
      Sequential net = net();
      Vector<Expr> x = Vector.of(0.5, -1.0, 2.0).map(Expr::of);
      Vector<Expr> byHand = net.layers().get(0).forward(x);
      byHand = Act.TANH.forward(byHand);
      byHand = net.layers().get(2).forward(byHand);

      assertThat(net.forward(x).map(Expr::value)).isEqualTo(byHand.map(Expr::value));
    }

    @Test
    void shouldRejectNoLayers() {
      assertThatThrownBy(Sequential::of)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected at least 1 layer, got 0");
    }

    @Test
    void shouldNameItsLayers() {
      assertThat(Sequential.of(Act.RELU, MaxPool2d.of(1, 2, 2, 2)).toString())
          .isEqualTo("Sequential(Act(RELU), MaxPool2d(1x2x2, kernel 2))");
    }
  }
}
