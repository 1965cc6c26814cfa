package io.github.puregrad.test;

import static io.github.puregrad.test.GradientsAssert.assertThatGradientsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** What a failing {@code @ExprSource} case shows: its seed, its program, a shrunk program. */
class ExprFailuresTest {

  /**
   * A user's test of a deliberately broken operation (softplus with its derivative doubled): every
   * case fails. Not run by the build (a nested static class), only by {@link #failures()}.
   */
  static class BrokenOperation {
    private static final UnaryOp SOFTPLUS =
        UnaryOp.of("softplus", x -> Math.log1p(Math.exp(x)), (x, y) -> 2 / (1 + Math.exp(-x)));

    @ParameterizedTest
    @ExprSource(count = 2, seed = 41, operations = 8)
    void shouldMatchFiniteDifferences(ExprGenerator.Sample sample) {
      assertThatGradientsOf(sample.output().apply(SOFTPLUS)).matchFiniteDifferences();
    }
  }

  @Nested
  class WhenACaseFails {
    @Test
    void shouldShowTheSeedAndTheWholeProgram() {
      String message = failures().get(0).getMessage();

      assertThat(message).contains("@ExprSource case: seed 41\n");
      for (String line : sampleOf(41, 8).program().strip().split("\n", -1)) {
        assertThat(message).contains("    " + line + "\n");
      }
    }

    @Test
    void shouldKeepTheAssertionsOwnMessageFirst() {
      Throwable failure = failures().get(0);

      assertThat(failure.getMessage()).startsWith(failure.getCause().getMessage().strip());
    }

    @Test
    void shouldShrinkToTheSmallestProgramOfTheSeedThatStillFails() {
      String message = failures().get(0).getMessage();

      assertThat(message)
          .contains("shrunk (same seed, fewer operations) to a case that still fails")
          .contains(indented(sampleOf(41, 1).program()));
    }

    @Test
    void shouldSayHowToReplayIt() {
      assertThat(failures().get(1).getMessage())
          .contains("replay it: @ExprSource(count = 1, seed = 42, inputs = 2, operations = 8)");
    }
  }

  private static ExprGenerator.Sample sampleOf(long seed, int operations) {
    return ExprGenerator.defaults().withOperations(operations).sample(seed);
  }

  private static String indented(String program) {
    StringBuilder text = new StringBuilder();
    for (String line : program.strip().split("\n", -1)) {
      text.append("    ").append(line).append('\n');
    }
    return text.toString();
  }

  /** Runs {@link BrokenOperation} with JUnit's launcher; its failures, in the order they ran. */
  private static List<Throwable> failures() {
    List<Throwable> failures = new ArrayList<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(BrokenOperation.class))
            .build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            result.getThrowable().filter(t -> test.isTest()).ifPresent(failures::add);
          }
        });
    assertThat(failures).hasSize(2);
    return failures;
  }
}
