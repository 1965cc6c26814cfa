package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.check.GradCheck;
import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.UnaryOp;
import io.github.puregrad.viz.Dot;
import io.github.puregrad.viz.Mermaid;
import io.vavr.collection.HashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A user-defined operation, built from a name and its rules, works wherever a built-in one does.
 * Expected numbers are hand-derived: softplus(x) = ln(1 + e^x) has derivative σ(x) and second
 * derivative σ(x)(1 - σ(x)); hypot(a, b) = √(a² + b²) has ∂/∂a = a / hypot.
 */
class CustomOpTest {
  private static final UnaryOp SOFTPLUS =
      UnaryOp.of(
          "softplus",
          x -> Math.log1p(Math.exp(x)),
          (x, y) -> 1 / (1 + Math.exp(-x)),
          (x, y) -> x.sigmoid());
  private static final BinaryOp HYPOT =
      BinaryOp.of("hypot", Math::hypot, (k, a, b, y) -> (k == 0 ? a : b) / y);

  private static double sigma(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Nested
  class Engines {
    private final Expr.Leaf x = Expr.of(0.5, "x");
    private final Expr y = x.mul(3).apply(SOFTPLUS);

    @Test
    void shouldComputeValueAndGradientInReverseMode() {
      assertThat(y.value()).isCloseTo(Math.log1p(Math.exp(1.5)), within(1e-15));
      assertThat(Autodiff.backward(y).get(x)).isCloseTo(3 * sigma(1.5), within(1e-15));
    }

    @Test
    void shouldGiveTheEagerBitsOnTheTape() {
      Tape.Result taped = Tape.trace(y, x).evaluate(0.5);
      assertThat(taped.value()).isEqualTo(y.value());
      assertThat(taped.get(x)).isEqualTo(Autodiff.backward(y).get(x));
    }

    @Test
    void shouldAgreeInForwardMode() {
      assertThat(Autodiff.jvp(y, HashMap.of(x, 1.0))).isEqualTo(Autodiff.backward(y).get(x));
    }

    @Test
    void shouldDifferentiateTwiceWithItsSymbolicRule() {
      double s = sigma(1.5);
      assertThat(Symbolic.grad(Symbolic.grad(y, x), x).value())
          .isCloseTo(9 * s * (1 - s), within(1e-15));
    }

    @Test
    void shouldDifferentiateABinaryOperation() {
      Expr.Leaf a = Expr.of(3.0, "a");
      Expr.Leaf b = Expr.of(4.0, "b");
      Expr h = a.apply(HYPOT, b);
      Gradients grads = Autodiff.backward(h);
      assertThat(h.value()).isEqualTo(5.0);
      assertThat(grads.get(a)).isCloseTo(0.6, within(1e-15));
      assertThat(grads.get(b)).isCloseTo(0.8, within(1e-15));
      assertThat(Tape.trace(h, a, b).evaluate(3.0, 4.0).get(b)).isEqualTo(grads.get(b));
    }
  }

  @Nested
  class Checks {
    @Test
    void shouldPassGradCheckWithTheRightDerivative() {
      Expr.Leaf x = Expr.of(-0.7, "x");
      assertThat(GradCheck.of(x.apply(SOFTPLUS).mul(x)).passed()).isTrue();
    }

    @Test
    void shouldFailGradCheckWithAWrongDerivative() {
      UnaryOp wrong = UnaryOp.of("softplus", v -> Math.log1p(Math.exp(v)), (v, w) -> w);
      Expr.Leaf x = Expr.of(-0.7, "x");
      GradCheck.Report report = GradCheck.of(x.apply(wrong));
      assertThat(report.passed()).isFalse();
      assertThat(report.failures()).extracting(GradCheck.LeafCheck::name).containsExactly("x");
    }

    @Test
    void shouldSayWhichRuleIsMissingForHigherOrder() {
      UnaryOp plain = UnaryOp.of("plain", v -> 2 * v, (v, w) -> 2);
      Expr.Leaf x = Expr.of(1.0, "x");
      assertThatThrownBy(() -> Symbolic.grad(x.apply(plain), x))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessage(
              "plain has no derivative as an expression: give one to UnaryOp.of or BinaryOp.of");
    }

    @Test
    void shouldRejectAForwardFunctionThatIsNotDeterministicWhenChecked() {
      AtomicInteger calls = new AtomicInteger();
      UnaryOp counter = UnaryOp.of("counter", v -> calls.incrementAndGet(), (v, w) -> 0);
      Expr y = Expr.of(1.0, "x").apply(counter); // f runs once: nothing to compare yet
      assertThatThrownBy(() -> GradCheck.of(y))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("operation 'counter' gave 1.0 when the graph was built and 2.0");
    }
  }

  @Nested
  class Display {
    private final Expr.Leaf x = Expr.of(0.5, "x");
    private final Expr y = x.apply(SOFTPLUS);

    @Test
    void shouldNameItInTheTrace() {
      assertThat(Trace.of(y).render()).contains("v1 = softplus(x)");
    }

    @Test
    void shouldNameItInThePictures() {
      assertThat(Dot.of(y)).contains("softplus");
      assertThat(Mermaid.of(y)).contains("softplus");
      assertThat(y.symbol()).isEqualTo("softplus");
    }
  }
}
