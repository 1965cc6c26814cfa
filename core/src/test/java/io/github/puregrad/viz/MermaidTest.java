package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Lecture;
import io.github.puregrad.grad.Autodiff;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MermaidTest {

  private static long count(String text, String part) {
    return Arrays.stream(text.split("\n")).filter(line -> line.contains(part)).count();
  }

  @Nested
  class NeuronGraph {
    private final String chart = Mermaid.of(Autodiff.backward(Lecture.neuron()));

    @Test
    void shouldBeALeftToRightFlowchart() {
      assertThat(chart).startsWith("flowchart LR\n");
    }

    @Test
    void shouldDrawOneBoxPerValue() {
      assertThat(count(chart, "[\"")).isEqualTo(10);
    }

    @Test
    void shouldDrawOneCirclePerOperation() {
      assertThat(count(chart, "((\"")).isEqualTo(5);
    }

    @Test
    void shouldDrawAnEdgeFromEachOperandAndToEachResult() {
      assertThat(count(chart, " --> ")).isEqualTo(5 + 9);
    }

    @Test
    void shouldShowDataAndGrad() {
      assertThat(chart).contains("[\"x1 | data 2.0000 | grad -1.5000\"]");
    }
  }

  @Nested
  class Text {
    @Test
    void shouldGiveTheSameTextForTheSameGraphBuiltTwice() {
      assertThat(Mermaid.of(Lecture.neuron())).isEqualTo(Mermaid.of(Lecture.neuron()));
    }

    @Test
    void shouldEncodeQuotesAndAngleBracketsInLabels() {
      assertThat(Mermaid.of(Expr.of(1.0, "\"a\" <b>")))
          .contains("[\"#quot;a#quot; #lt;b#gt; | data 1.0000\"]");
    }
  }
}
