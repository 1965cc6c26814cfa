package io.github.puregrad.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.viz.DotProgram;
import io.github.puregrad.viz.Explorer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

  /** The exit code and what was printed to each stream. */
  record Run(int code, List<String> out, String err) {}

  private static Run run(String... args) {
    return run(Path.of("target", "puregrad"), args);
  }

  /** {@return the demo's run with {@code args}, drawing its pictures into {@code pictures}} */
  static Run run(Path pictures, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Demo.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            pictures);
    String text = out.toString(StandardCharsets.UTF_8);
    return new Run(
        code,
        text.isEmpty() ? List.of() : List.of(text.split("\n")),
        err.toString(StandardCharsets.UTF_8));
  }

  @Nested
  class DigitsMode {
    @Test
    void shouldTrainTheCnnForTheEpochsAsked(@TempDir Path dir) {
      Run run = run(dir, "digits", "--epochs", "1");
      assertThat(List.of(run.code(), run.out().get(0).matches("epoch 1 loss \\S+ accuracy \\S+%")))
          .containsExactly(0, true);
    }

    @Test
    void shouldRefuseAnOptionDigitsDoesNotTake() {
      Run run = run("digits", "--lr", "0.5");
      assertThat(List.of(run.code(), run.err()))
          .containsExactly(1, "error: expected only --epochs and --seed with digits, got --lr\n");
    }
  }

  @Nested
  class SeedMode {
    @Test
    void shouldPrintTwentyEpochLinesThenFourPredictions() {
      Run run = run();
      assertThat(run.code()).isZero();
      assertThat(run.out()).hasSize(24 + 3);
      for (int k = 0; k < 20; k++) {
        assertThat(run.out().get(k)).matches("epoch " + k + " loss \\d\\.\\d+(E-\\d+)?");
      }
      assertThat(run.out().get(20)).startsWith("prediction [2.0, 3.0, -1.0] -> ");
    }

    @Test
    void shouldWriteTheNeuronGraphAndTheLossCurve() {
      DotProgram.require();
      Run run = run("seed", "--epochs", "2");
      assertThat(run.out())
          .endsWith(
              "wrote " + Path.of("target", "puregrad", "neuron.svg"),
              "wrote " + Path.of("target", "puregrad", "neuron.html"),
              "wrote " + Path.of("target", "puregrad", "loss.png"));
      assertThat(Path.of("target", "puregrad", "loss.png")).isNotEmptyFile();
      assertThat(Path.of("target", "puregrad", "neuron.svg"))
          .content()
          .contains("x1", "tanh", "grad &#45;1.5000");
    }

    @Test
    void shouldWriteTheExplorerPageOfTheNeuron() {
      run("seed", "--epochs", "1");
      assertThat(Path.of("target", "puregrad", "neuron.html"))
          .hasContent(Explorer.of(Pictures.neuron().graph().output()));
    }

    @Test
    void shouldPrintTheLossWithDoubleToString() {
      String value = run().out().get(0).substring("epoch 0 loss ".length());
      assertThat(Double.toString(Double.parseDouble(value))).isEqualTo(value);
    }

    @Test
    void shouldRunTheRequestedNumberOfEpochs() {
      assertThat(run("seed", "--epochs", "3").out()).hasSize(3 + 4 + 3);
    }

    @Test
    void shouldStartFromAGivenInitFile(@TempDir Path dir) throws Exception {
      Path init = Files.writeString(dir.resolve("init.csv"), "0.1\n".repeat(41));
      Run first = run("--init", init.toString(), "--epochs", "1");
      Run second = run("--init", init.toString(), "--epochs", "1", "--seed", "99");
      assertThat(first.out().get(0)).isEqualTo(second.out().get(0)); // the seed no longer matters
    }
  }

  @Nested
  @Tag("slow") // PIT leaves these out: they multiply its run time, not its kills
  class MoonsMode {
    @Test
    void shouldPrintMicrogradsFirstAndLastSteps() {
      List<String> out = run("moons").out();
      assertThat(out).hasSize(100 + 2);
      assertThat(out.get(0)).isEqualTo("step 0 loss 0.8958441028683222 accuracy 50.0%");
      assertThat(out.get(99))
          .startsWith("step 99 loss 0.0109783701354927")
          .endsWith(" accuracy 100.0%");
      assertThat(out.get(100)).isEqualTo("wrote " + Path.of("target", "puregrad", "moons.png"));
      assertThat(out.get(101))
          .isEqualTo("wrote " + Path.of("target", "puregrad", "moons-loss.png"));
    }

    @Test
    void shouldSayStepWhenAMoonsRunDiverges() {
      Run run = run("moons", "--lr", "1.7e308", "--epochs", "5");
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err()).startsWith("error: training diverged in step ").doesNotContain("epoch");
    }
  }

  @Nested
  class Help {
    @Test
    void shouldPrintUsageAndExitZeroWhenAskedForHelp() {
      Run run = run("--help");
      assertThat(run.code()).isZero();
      assertThat(run.out().get(0)).isEqualTo(Demo.USAGE);
      assertThat(run.out()).anyMatch(line -> line.startsWith("  --help"));
      assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldPrintHelpWhenItFollowsOtherArguments() {
      Run run = run("moons", "--epochs", "3", "-h");
      assertThat(run.code()).isZero();
      assertThat(run.out().get(0)).isEqualTo(Demo.USAGE);
    }
  }

  @Nested
  class BadInput {
    @Test
    void shouldPrintUsageAndExitNonZeroForAnUnknownOption() {
      Run run = run("--bogus", "1");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains("unknown option '--bogus'").contains(Demo.USAGE);
    }

    @Test
    void shouldNameAnUnknownOptionEvenWithoutAValue() {
      assertThat(run("--bogus").err()).contains("unknown option '--bogus'");
    }

    @Test
    void shouldRejectAStrayArgument() {
      assertThat(run("seed", "extra").err()).contains("unexpected argument 'extra'");
    }

    @Test
    void shouldPrintUsageForAnUnknownMode() {
      assertThat(run("circles").err())
          .contains("unknown mode 'circles', expected seed, moons or digits");
    }

    @Test
    void shouldPrintUsageWhenAValueIsMissing() {
      Run run = run("--epochs");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains("option --epochs needs a value");
    }

    @Test
    void shouldRejectANonNumericLearningRate() {
      assertThat(run("--lr", "fast").err()).contains("--lr expects a positive number, got 'fast'");
    }

    @Test
    void shouldNameTheCountWhenTheInitFileDoesNotFit(@TempDir Path dir) throws Exception {
      Path init = Files.writeString(dir.resolve("init.csv"), "0.1\n".repeat(40));
      Run run = run("--init", init.toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err()).contains("expected 41 parameter values for MLP(3, [4, 4, 1]), got 40");
    }

    @Test
    void shouldReportADivergenceWithoutAStackTrace() {
      Run run = run("--lr", "1.7e308", "--epochs", "5");
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err())
          .startsWith("error: training diverged in epoch ")
          .doesNotContain("step")
          .doesNotContain("Exception");
    }
  }
}
