package io.github.puregrad.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.data.Csv;
import io.github.puregrad.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's error paths, and save and resume. */
class DemoFaultTest {
  @TempDir Path dir;

  /** The exit code and the lines printed to each stream. */
  private record Run(int code, List<String> out, List<String> err) {}

  private Run run(String... args) {
    return run(dir.resolve("pictures"), args);
  }

  private static Run run(Path pictures, String... args) {
    DemoTest.Run run = DemoTest.run(pictures, args);
    return new Run(run.code(), run.out(), run.err().lines().toList());
  }

  @Nested
  class BadData {
    @Test
    void shouldTrainOnAOneInputCsvForMoonsAndSkipThePictureInOneLine() throws Exception {
      Path csv = Files.writeString(dir.resolve("one-input.csv"), "x,y\n0.5,1\n-0.5,-1\n");
      Run run = run("moons", "--data", csv.toString(), "--epochs", "3");
      assertThat(run.code()).isZero();
      assertThat(run.out()).hasSize(3);
      assertThat(run.err())
          .containsExactly("skipped moons.png: the picture needs 2 inputs per row, the data has 1");
    }

    @Test
    void shouldReportANaNInTheDataInOneLineNamingTheLine() throws Exception {
      Path csv = Files.writeString(dir.resolve("nan.csv"), "x,y,t\n0.5,NaN,1\n");
      Run run = run("moons", "--data", csv.toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err())
          .containsExactly(
              "error: " + csv + " line 2, column 2: expected a finite number, got 'NaN'");
    }
  }

  @Nested
  class Pictures {
    @Test
    void shouldSkipAPictureThatCannotBeWrittenWithItsCauseAndKeepTheResult() throws Exception {
      Path file = Files.writeString(dir.resolve("plain"), "not a directory");
      Run run = run(file, "seed", "--epochs", "2");
      assertThat(run.code()).isZero();
      assertThat(run.out()).hasSize(2 + 4);
      assertThat(run.err())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("skipped loss.png: cannot write " + file.resolve("loss.png"))
                      .matches(".*: .*: .+"));
    }
  }

  @Nested
  class Options {
    @Test
    void shouldRefuseToChangeTheLengthOfAResumedRun() {
      Run run = run("moons", "--resume", "run.json", "--epochs", "50");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err().get(0))
          .isEqualTo("error: --epochs cannot be combined with --resume: the saved run fixes it");
    }

    @Test
    void shouldRefuseAStopAfterThatIsNotPositive() {
      Run run = run("--stop-after", "0");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err().get(0))
          .isEqualTo("error: --stop-after expects a positive whole number, got 0");
    }
  }

  @Nested
  @Tag("slow")
  class SaveAndResume {
    @Test
    void shouldPrintMicrogradsStepsZeroTo39ThenStopAndSave() throws Exception {
      Path save = dir.resolve("run.json");
      Run run = run("moons", "--stop-after", "40", "--save", save.toString());
      assertThat(run.code()).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).last().isEqualTo("saved " + save + " after 40 of 100 steps");
      assertMicrograds(run.out().subList(0, run.out().size() - 1), 0, 40);
    }

    @Test
    void shouldResumeWithMicrogradsSteps40To99() throws Exception {
      Path save = dir.resolve("run.json");
      run("moons", "--stop-after", "40", "--save", save.toString());
      Run resumed = run("moons", "--resume", save.toString());
      assertThat(resumed.code()).isZero();
      assertMicrograds(resumed.out().subList(0, 60), 40, 60);
      assertThat(resumed.out()).last().asString().startsWith("wrote ");
    }

    @Test
    void shouldRefuseATruncatedSaveFileInOneLineWithExitCodeOne() throws Exception {
      Path save = dir.resolve("run.json");
      run("moons", "--stop-after", "2", "--save", save.toString());
      byte[] bytes = Files.readAllBytes(save);
      Files.write(save, java.util.Arrays.copyOf(bytes, bytes.length - 10));
      Run resumed = run("moons", "--resume", save.toString());
      assertThat(resumed.code()).isEqualTo(1);
      assertThat(resumed.out()).isEmpty();
      assertThat(resumed.err()).hasSize(1);
      assertThat(resumed.err().get(0)).startsWith("error: " + save + ": truncated or not JSON");
    }

    @Test
    void shouldRefuseToResumeASeedRunAsMoons() throws Exception {
      Path save = dir.resolve("seed.json");
      run("seed", "--stop-after", "2", "--save", save.toString());
      Run resumed = run("moons", "--resume", save.toString());
      assertThat(resumed.code()).isEqualTo(1);
      assertThat(resumed.err()).hasSize(1);
    }

    /** Lines "step k loss L accuracy A%" for k in [from, from + count), as micrograd printed. */
    private void assertMicrograds(List<String> lines, int from, int count) throws Exception {
      Dataset curve =
          Csv.dataset(
              Path.of(
                  Objects.requireNonNull(
                          DemoFaultTest.class.getResource("/moons/micrograd-moons-curve.csv"))
                      .toURI()));
      assertThat(lines).hasSize(count);
      for (int i = 0; i < count; i++) {
        int k = from + i;
        String[] words = lines.get(i).split(" ", -1);
        assertThat(words[0] + " " + words[1]).isEqualTo("step " + k);
        double expected = curve.inputs().get(k).get(1);
        assertThat(Double.parseDouble(words[3]))
            .as("step %d", k)
            .isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        assertThat(words[5])
            .isEqualTo(100.0 * Math.round(curve.targets().get(k) * 100) / 100 + "%");
      }
    }
  }
}
