package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of PyTorch's golden file, value and gradients, within 1e-9 relative. */
class GoldenTest {
  private static final double RELATIVE_PERCENT = 1e-7; // 1e-9 relative

  static List<Golden.Case> cases() {
    return Golden.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldMatchPyTorchValue(Golden.Case c) {
    assertThat(c.output().value()).isCloseTo(c.value(), withinPercentage(RELATIVE_PERCENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldMatchPyTorchGradients(Golden.Case c) {
    Gradients grads = Autodiff.backward(c.output());
    c.grads()
        .forEach(
            (name, expected) ->
                assertThat(grads.get(c.inputs().get(name)))
                    .as("d%s/d%s", c.name(), name)
                    .isCloseTo(expected, withinPercentage(RELATIVE_PERCENT)));
  }
}
