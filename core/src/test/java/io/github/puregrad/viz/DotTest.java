package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Lecture;
import io.github.puregrad.grad.Autodiff;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DotTest {

  private static long count(String text, String part) {
    return Arrays.stream(text.split("\n")).filter(line -> line.contains(part)).count();
  }

  /**
   * The lecture neuron has 5 leaves (x1, x2, w1, w2, b) and 5 operations (two *, two +, tanh); each
   * operation has one edge to its result and one from each operand (2 + 2 + 2 + 2 + 1).
   */
  @Nested
  class Names {
    @Test
    void shouldShowTheLecturesNamesForEveryNodeOfL() {
      Expr e = Expr.of(2.0, "a").mul(Expr.of(-3.0, "b")).withLabel("e");
      Expr d = e.add(Expr.of(10.0, "c")).withLabel("d");
      String dot = Dot.of(d.mul(Expr.of(-2.0, "f")).withLabel("L"));
      assertThat(dot)
          .contains("{ e | data -6.0000 }", "{ d | data 4.0000 }", "{ L | data -8.0000 }");
    }

    @Test
    void shouldShowNAndOOfTheNeuron() {
      assertThat(Dot.of(Lecture.labelledNeuron()))
          .contains("{ n | data 0.8814 }", "{ o | data 0.7071 }");
    }

    @Test
    void shouldDrawNoEmptyFieldForAnUnnamedNode() {
      assertThat(Dot.of(Expr.of(2.0, "x").tanh())).contains("label=\"{ data 0.9640 }\"");
    }
  }

  @Nested
  class NeuronGraph {
    private final String dot = Dot.of(Autodiff.backward(Lecture.neuron()));

    @Test
    void shouldDrawOneRecordBoxPerValue() {
      assertThat(count(dot, "shape=record")).isEqualTo(10);
    }

    @Test
    void shouldDrawOneEllipsePerOperation() {
      assertThat(count(dot, "shape=ellipse")).isEqualTo(5);
    }

    @Test
    void shouldDrawAnEdgeFromEachOperandAndToEachResult() {
      assertThat(count(dot, " -> ")).isEqualTo(5 + 9);
    }

    @Test
    void shouldShowDataAndGradOfEachValue() {
      // micrograd's lecture: x1.grad = w1 * (1 - o^2) = -3 * 0.5, w1.grad = x1 * 0.5
      assertThat(dot)
          .contains("{ x1 | data 2.0000 | grad -1.5000 }")
          .contains("{ w1 | data -3.0000 | grad 1.0000 }")
          .contains("{ b | data 6.8814 | grad 0.5000 }");
    }

    @Test
    void shouldLabelOperationsWithTheirSymbols() {
      assertThat(dot).contains("label=\"*\"").contains("label=\"+\"").contains("label=\"tanh\"");
    }

    @Test
    void shouldLayTheGraphOutLeftToRight() {
      assertThat(dot).startsWith("digraph").contains("rankdir=LR");
    }
  }

  @Nested
  class Text {
    @Test
    void shouldGiveTheSameTextForTheSameGraphBuiltTwice() {
      assertThat(Dot.of(Autodiff.backward(Lecture.neuron())))
          .isEqualTo(Dot.of(Autodiff.backward(Lecture.neuron())));
    }

    @Test
    void shouldShowNoGradWhenGivenNoGradients() {
      assertThat(Dot.of(Lecture.neuron()))
          .contains("{ x1 | data 2.0000 }")
          .doesNotContain("| grad");
    }

    @Test
    void shouldDrawTwoEdgesWhenAValueIsBothOperands() {
      Expr x = Expr.of(3.0, "x");
      String dot = Dot.of(x.mul(x));
      assertThat(count(dot, "v0 -> v1op")).isEqualTo(2);
    }

    @Test
    void shouldEscapeRecordSyntaxInLabels() {
      String dot = Dot.of(Expr.of(1.0, "{a|b} \"c\" <d>"));
      assertThat(dot).contains("{ \\{a\\|b\\} \\\"c\\\" \\<d\\> | data 1.0000 }");
    }

    @Test
    @Tag("slow")
    void shouldExportADeepChainWithoutRecursion() {
      Expr e = Expr.of(0.5, "x");
      for (int i = 0; i < 100_000; i++) {
        e = e.tanh();
      }
      String dot = Dot.of(Autodiff.backward(e));
      assertThat(count(dot, "shape=record")).isEqualTo(100_001);
    }
  }
}
