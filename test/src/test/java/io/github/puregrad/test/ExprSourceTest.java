package io.github.puregrad.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.check.ExprGenerator;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;

/** The arguments source: seeds, options and the display name a failing case is replayed from. */
class ExprSourceTest {

  @ExprSource(count = 3, seed = 40, inputs = 3, operations = 5, ops = ExprGenerator.Op.TANH)
  void annotated() {}

  private static List<Named<?>> provided() throws Exception {
    Method m = ExprSourceTest.class.getDeclaredMethod("annotated");
    ExprArguments provider = new ExprArguments();
    provider.accept(m.getAnnotation(ExprSource.class));
    return provider
        .provideArguments(null, null)
        .map(Arguments::get)
        .map(a -> (Named<?>) a[0])
        .collect(Collectors.toList());
  }

  @Nested
  class Arguments_ {
    @Test
    void shouldSupplyCountSamplesWhenAnnotated() throws Exception {
      assertThat(provided()).hasSize(3);
    }

    @Test
    void shouldUseConsecutiveSeedsWhenAnnotated() throws Exception {
      assertThat(provided())
          .extracting(n -> ((ExprGenerator.Sample) n.getPayload()).seed())
          .containsExactly(40L, 41L, 42L);
    }

    @Test
    void shouldGiveTheGeneratorsSampleWhenReplayedBySeed() throws Exception {
      ExprGenerator.Sample sample = (ExprGenerator.Sample) provided().get(1).getPayload();
      ExprGenerator replay =
          ExprGenerator.builder().inputs(3).operations(5).build().withOps(ExprGenerator.Op.TANH);
      assertThat(sample.program()).isEqualTo(replay.sample(41L).program());
    }

    @Test
    void shouldShowSeedAndProgramOnOneLineWhenNamed() throws Exception {
      Named<?> named = provided().get(0);
      ExprGenerator.Sample sample = (ExprGenerator.Sample) named.getPayload();
      assertThat(named.getName())
          .startsWith("seed 40: ")
          .contains(sample.program().lines().findFirst().orElseThrow())
          .doesNotContain("\n");
    }
  }

  @Nested
  class InATest {
    @ParameterizedTest
    @ExprSource(count = 5, seed = 7)
    void shouldGiveSampleWhosePointIsItsInputValues(ExprGenerator.Sample sample) {
      assertThat(sample.point()).isEqualTo(sample.inputs().map(leaf -> leaf.value()));
    }
  }
}
