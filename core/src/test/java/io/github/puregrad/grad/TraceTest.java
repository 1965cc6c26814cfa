package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.expr.Lecture;
import io.github.puregrad.expr.UnaryOp;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TraceTest {

  /** The gradient of every node as the sum of the contributions it receives (1 for the output). */
  private static double[] summed(Trace trace) {
    Graph graph = trace.graph();
    double[] sums = new double[graph.size()];
    sums[graph.size() - 1] = 1.0;
    trace.edges().forEach(step -> sums[graph.positionOf(step.operand())] += step.contribution());
    return sums;
  }

  @Nested
  class LectureNeuron {
    @Test
    void shouldListOneStepPerEdge() {
      Trace trace = Trace.of(Lecture.neuron());

      // tanh: 1 edge; two additions and two products: 2 edges each
      assertThat(trace.edges()).hasSize(1 + 2 * 2 + 2 * 2);
    }

    @Test
    void shouldStartAtOutputWithUpstreamOne() {
      Expr o = Lecture.neuron();

      Trace.Edge first = Trace.of(o).edges().head();

      assertThat(first.node()).isEqualTo(o);
      assertThat(first.upstream()).isEqualTo(1.0);
      assertThat(first.local()).isCloseTo(0.5, within(1e-12)); // 1 - tanh(n)^2, tanh(n) = 1/√2
    }

    @Test
    void shouldVisitNodesInReverseTopologicalOrder() {
      Trace trace = Trace.of(Lecture.neuron());
      Graph graph = trace.graph();

      assertThat(trace.edges().map(step -> graph.positionOf(step.node())).toJavaList())
          .isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void shouldSumContributionsToGradientsOfBackward() {
      Expr o = Lecture.neuron();
      Gradients grads = Autodiff.backward(o);
      Trace trace = Trace.of(o);

      double[] sums = summed(trace);

      for (int p = 0; p < sums.length; p++) {
        assertThat(sums[p]).as("node %d", p).isEqualTo(grads.get(trace.graph().node(p)));
      }
    }

    @Test
    void shouldMultiplyUpstreamByLocalInEveryStep() {
      assertThat(Trace.of(Lecture.neuron()).edges())
          .allSatisfy(s -> assertThat(s.contribution()).isEqualTo(s.upstream() * s.local()));
    }

    @Test
    void shouldRenderOneNumberedLinePerStep() {
      Trace trace = Trace.of(Lecture.neuron());

      assertThat(trace.render().lines().filter(line -> line.matches("\\s+\\d+\\. .*")))
          .hasSize(trace.edges().size());
    }

    @Test
    void shouldRenderLeafGradients() {
      String text = Trace.of(Lecture.neuron()).render();

      // PyTorch: x1.grad = -1.5, w1.grad = 1.0 (to rounding), x2.grad = 0.5, w2.grad = 0
      assertThat(text).contains("grad x1 = -1.5", "grad w1 = 1", "grad x2 = 0.5", "grad w2 = 0");
    }

    @Test
    void shouldRenderTanhStepWithItsNumbers() {
      String text = Trace.of(Lecture.neuron()).render();

      assertThat(text).contains("1. v9 = tanh(v8): grad v8 += grad v9 * dv9/dv8 = 1 * 0.5 = 0.5");
    }
  }

  /** The names {@code render()} uses, public for pictures that must agree with it (Explorer). */
  @Nested
  class Names {
    @Test
    void shouldNameALabelledLeafByItsLabel() {
      assertThat(Trace.of(Lecture.neuron()).name(0)).isEqualTo("x1");
    }

    @Test
    void shouldNameAnUnlabelledLeafByItsPosition() {
      assertThat(Trace.of(Expr.of(2.0).mul(Expr.of(3.0, "y"))).name(0)).isEqualTo("c0");
    }

    @Test
    void shouldWriteAnOperationAppliedToItsOperandsNames() {
      Trace trace = Trace.of(Lecture.neuron());
      int last = trace.graph().size() - 1;
      assertThat(trace.name(last) + " = " + trace.formula(last)).isEqualTo("v9 = tanh(v8)");
    }

    @Test
    void shouldNameALabelledOperationByItsLabel() {
      Trace trace = Trace.of(Lecture.labelledNeuron());
      int last = trace.graph().size() - 1;
      assertThat(trace.name(last) + " = " + trace.formula(last)).isEqualTo("o = tanh(n)");
    }
  }

  /** The local derivative as its operation writes it, in the nodes' names. */
  @Nested
  class LocalDerivatives {
    @Test
    void shouldWriteTanhsRuleInTheNodesName() {
      Trace trace = Trace.of(Lecture.labelledNeuron());
      assertThat(trace.localDerivative(trace.graph().size() - 1, 0)).isEqualTo("1 − o²");
    }

    @Test
    void shouldGiveEachOperandOfAProductTheOthersName() {
      Expr a = Expr.of(2.0, "a1");
      Expr product = a.mul(Expr.of(3.0, "b1"));
      Trace trace = Trace.of(product);
      assertThat(List.of(trace.localDerivative(2, 0), trace.localDerivative(2, 1)))
          .containsExactly("b1", "a1");
    }

    @Test
    void shouldReplaceOnlyALetterStandingAlone() {
      Trace trace = Trace.of(Expr.of(2.0, "exp").cos().withLabel("y"));
      assertThat(trace.localDerivative(1, 0)).isEqualTo("−sin exp");
    }

    @Test
    void shouldWriteAPowersRuleWithItsExponent() {
      Trace trace = Trace.of(Expr.of(2.0, "x").pow(3));
      assertThat(trace.localDerivative(1, 0)).isEqualTo("3·x^2");
    }

    @Test
    void shouldNameAUserDefinedBinaryOperationThatGivesNoRule() {
      BinaryOp hypot = BinaryOp.of("hypot", Math::hypot, (k, a, b, y) -> (k == 0 ? a : b) / y);
      Expr h = Expr.of(3.0, "p").apply(hypot, Expr.of(4.0, "q"));
      assertThat(Trace.of(h).localDerivative(2, 1)).isEqualTo("∂hypot/∂q");
    }

    @Test
    void shouldWriteTheRuleAUserDefinedOperationGives() {
      UnaryOp myexp = UnaryOp.of("myexp", Math::exp, (x, y) -> y).withDfText("y");
      assertThat(Trace.of(Expr.of(1.0, "x").apply(myexp).withLabel("e")).localDerivative(1, 0))
          .isEqualTo("e");
    }
  }

  @Nested
  class RandomExpressions {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.grad.TraceTest#seeds")
    void shouldSumContributionsToGradientsOfBackward(long seed) {
      Expr output = ExprGenerator.defaults().withOperations(20).sample(seed).output();
      Gradients grads = Autodiff.backward(output);

      double[] sums = summed(Trace.of(output));

      for (int p = 0; p < sums.length; p++) {
        assertThat(sums[p]).as("seed %d, node %d", seed, p).isEqualTo(grads.at(p));
      }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.grad.TraceTest#seeds")
    void shouldGiveGradientsOfBackward(long seed) {
      Expr output = ExprGenerator.defaults().withOperations(20).sample(seed).output();

      assertThat(Trace.of(output).gradients().asMap()).isEqualTo(Autodiff.backward(output).asMap());
    }

    @Test
    void shouldGiveZeroForANodeTheOutputDoesNotDependOn() {
      Expr x = Expr.of(2.0, "x");
      Expr unused = Expr.of(3.0, "unused");

      assertThat(Trace.of(x.mul(x)).gradients().get(unused)).isZero();
      assertThat(Trace.of(x.mul(x)).gradients().get(x)).isEqualTo(4.0);
    }
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 30).boxed();
  }
}
