package io.github.puregrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Backend;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.grad.Tape;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code pytorch-conv.json}, loss and gradients, within 1e-9 relative. */
class ConvGoldenTest {
  private static final double RELATIVE_PERCENT = 1e-7; // 1e-9 relative

  static List<ConvGolden.ConvPool> convPool() {
    return ConvGolden.convPool();
  }

  static List<ConvGolden.Xent> xent() {
    return ConvGolden.xent();
  }

  @Nested
  class Eager {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.nn.ConvGoldenTest#convPool")
    void shouldMatchPyTorchOnEveryConvPoolCase(ConvGolden.ConvPool c) {
      Vector<Expr.Leaf> x = c.x().map(Expr::of);
      Conv2d conv = c.conv();
      Expr loss = c.loss(x, conv);
      Gradients grads = Autodiff.backward(loss);

      assertThat(loss.value()).isCloseTo(c.loss(), withinPercentage(RELATIVE_PERCENT));
      assertClose("x", x.map(grads::get), c.gradX());
      assertClose("weight", conv.weight().map(grads::get), c.gradWeight());
      assertClose("bias", conv.bias().map(grads::get), c.gradBias());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.nn.ConvGoldenTest#xent")
    void shouldMatchPyTorchOnEveryCrossEntropyCase(ConvGolden.Xent c) {
      Vector<Expr.Leaf> logits = c.logits().map(Expr::of);
      Expr loss = Loss.crossEntropy(logits, c.target());
      Gradients grads = Autodiff.backward(loss);

      assertThat(loss.value()).isCloseTo(c.loss(), withinPercentage(RELATIVE_PERCENT));
      assertClose("logits", logits.map(grads::get), c.grad());
    }
  }

  /**
   * On a tape traced at other values (other maxima in the pools, another shift in the log-sum-exp),
   * then evaluated at the case's: what a training step replays.
   */
  @Nested
  class OnTheTape {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.nn.ConvGoldenTest#convPool")
    void shouldMatchPyTorchOnEveryConvPoolCase(ConvGolden.ConvPool c) {
      SplittableRandom random = new SplittableRandom(c.name().hashCode());
      Vector<Expr.Leaf> x = c.x().map(v -> Expr.of(random.nextGaussian()));
      Conv2d conv =
          c.conv().withValues(c.weight().appendAll(c.bias()).map(v -> random.nextGaussian()));
      Vector<Expr.Leaf> variables = x.appendAll(conv.parameters());
      Tape tape = Tape.trace(c.loss(x, conv), variables);
      double[] at =
          c.x()
              .appendAll(c.weight())
              .appendAll(c.bias())
              .toJavaStream()
              .mapToDouble(Double::doubleValue)
              .toArray();

      Tape.Result result = tape.evaluate(at);
      assertSameBitsAsGeneratedCode(tape, at, result);

      assertThat(result.value()).isCloseTo(c.loss(), withinPercentage(RELATIVE_PERCENT));
      assertClose("x", x.map(result::get), c.gradX());
      assertClose("weight", conv.weight().map(result::get), c.gradWeight());
      assertClose("bias", conv.bias().map(result::get), c.gradBias());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.nn.ConvGoldenTest#xent")
    void shouldMatchPyTorchOnEveryCrossEntropyCase(ConvGolden.Xent c) {
      Vector<Expr.Leaf> logits = c.logits().map(v -> Expr.of(0.0)); // traced at all-equal logits
      Tape tape = Tape.trace(Loss.crossEntropy(logits, c.target()), logits);

      double[] at = c.logits().toJavaStream().mapToDouble(Double::doubleValue).toArray();

      Tape.Result result = tape.evaluate(at);
      assertSameBitsAsGeneratedCode(tape, at, result);

      assertThat(result.value()).isCloseTo(c.loss(), withinPercentage(RELATIVE_PERCENT));
      assertClose("logits", logits.map(result::get), c.grad());
    }
  }

  /** The tape's generated code (issue 29) gives the interpreter's numbers, to the bit. */
  private static void assertSameBitsAsGeneratedCode(Tape tape, double[] at, Tape.Result expected) {
    Tape generated = tape.compile();
    assertThat(generated.backend()).isInstanceOf(Backend.Generated.class);
    Tape.Result actual = generated.evaluate(at);
    assertThat(Double.doubleToLongBits(actual.value()))
        .isEqualTo(Double.doubleToLongBits(expected.value()));
    for (int i = 0; i < at.length; i++) {
      assertThat(Double.doubleToLongBits(actual.at(i)))
          .as("gradient %d", i)
          .isEqualTo(Double.doubleToLongBits(expected.at(i)));
    }
  }

  private static void assertClose(String name, Vector<Double> actual, Vector<Double> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i))
          .as("d/d%s[%d]", name, i)
          .isCloseTo(expected.get(i), withinPercentage(RELATIVE_PERCENT));
    }
  }
}
