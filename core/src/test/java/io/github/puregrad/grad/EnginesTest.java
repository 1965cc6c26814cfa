package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.HashMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every engine (eager, tape, forward mode, symbolic) gives PyTorch's float64 value and gradients on
 * every case of both golden files, IEEE edges included: NaN as NaN, infinities with their sign,
 * other numbers within 1e-9 relative.
 */
class EnginesTest {
  private static final String CASES = "io.github.puregrad.grad.EnginesTest#cases";

  static List<Golden.Case> cases() {
    return Golden.all();
  }

  /** NaN as NaN, an infinity as itself, a finite number within 1e-9 relative. */
  static void assertMatches(double actual, double expected, String what) {
    assertMatches(actual, expected, 1e-9 * Math.abs(expected), what);
  }

  /** NaN as NaN, an infinity as itself, a finite number within {@code tolerance}. */
  static void assertMatches(double actual, double expected, double tolerance, String what) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what).isNaN();
    } else if (Double.isInfinite(expected)) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else {
      assertThat(actual).as(what).isCloseTo(expected, within(tolerance));
    }
  }

  @Nested
  class Eager {
    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void shouldMatchPyTorchValueAndGradients(Golden.Case c) {
      assertMatches(c.output().value(), c.value(), c.name() + " value");
      Gradients grads = Autodiff.backward(c.output());
      c.grads()
          .forEach(
              (name, expected) ->
                  assertMatches(grads.get(c.inputs().get(name)), expected, "d/d" + name));
    }
  }

  @Nested
  class OnTheTape {
    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void shouldMatchPyTorchValueAndGradients(Golden.Case c) {
      List<Expr.Leaf> inputs = new ArrayList<>(c.inputs().values());
      Tape.Result result =
          Tape.trace(c.output(), inputs)
              .evaluate(inputs.stream().mapToDouble(Expr::value).toArray());
      assertMatches(result.value(), c.value(), c.name() + " value");
      c.grads()
          .forEach(
              (name, expected) ->
                  assertMatches(result.get(c.inputs().get(name)), expected, "d/d" + name));
    }
  }

  @Nested
  class ForwardMode {
    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void shouldMatchPyTorchGradientsOneInputAtATime(Golden.Case c) {
      c.grads()
          .forEach(
              (name, expected) ->
                  assertMatches(
                      Autodiff.jvp(c.output(), HashMap.of(c.inputs().get(name), 1.0)),
                      expected,
                      "jvp along " + name));
    }
  }

  @Nested
  class SymbolicMode {
    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void shouldMatchPyTorchGradientsAsExpressions(Golden.Case c) {
      Derivatives derivatives = Symbolic.backward(c.output());
      c.grads()
          .forEach(
              (name, expected) ->
                  assertMatches(
                      derivatives.get(c.inputs().get(name)).value(), expected, "d/d" + name));
    }
  }
}
