package io.github.puregrad.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults of issue 27 as the demo's user meets them: runs that are never lost, save files that
 * say what they hold, errors that stay one line, data that is never silently reinterpreted.
 */
class DemoFaultsTest {
  @TempDir Path dir;

  /** The exit code and the lines printed to each stream. */
  private record Run(int code, List<String> out, List<String> err) {}

  private Run run(String... args) {
    DemoTest.Run run = DemoTest.run(dir.resolve("pictures"), args);
    return new Run(run.code(), run.out(), run.err().lines().toList());
  }

  /** One line on stderr, "error: " and then {@code message}, exit code 1, nothing trained. */
  private static void assertOneLine(Run run, String message) {
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).containsExactly("error: " + message);
  }

  private Path csv(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  /** Eight points of two inputs, targets -1 and +1. */
  private static final String SIGNS =
      """
      x0,x1,y
      0.1,0.9,1
      0.2,0.8,1
      0.3,0.7,1
      0.4,0.6,1
      0.9,0.1,-1
      0.8,0.2,-1
      0.7,0.3,-1
      0.6,0.4,-1
      """;

  @Nested
  class SaveTargets {
    @Test
    void shouldRefuseTheRootDirectoryAsASaveFileBeforeTraining() {
      Run run = run("seed", "--save", "/");
      assertOneLine(run, "cannot save to /: expected a file name, got a directory");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldSaveUnderA235CharacterName() {
      Path file = dir.resolve("r".repeat(230) + ".json");
      Run run = run("seed", "--epochs", "2", "--save", file.toString());
      assertThat(run.code()).isZero();
      assertThat(file).exists();
    }

    @Test
    void shouldRefuseANameWithNoRoomForTheTemporarySuffixBeforeTraining() {
      Path file = dir.resolve("r".repeat(245) + ".json");
      Run run = run("seed", "--save", file.toString());
      assertOneLine(
          run,
          "cannot save to "
              + file
              + ": expected a file name of at most 241 bytes (the temporary file adds 14 to it),"
              + " got 250");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldRefuseADirectoryThatDoesNotExistBeforeTraining() {
      Path file = dir.resolve("missing").resolve("run.json");
      Run run = run("seed", "--save", file.toString());
      assertOneLine(
          run,
          "cannot save to "
              + file
              + ": expected a directory at "
              + file.getParent()
              + ", got nothing");
      assertThat(run.out()).isEmpty();
    }
  }

  @Nested
  @Tag("slow")
  class Divergence {
    @Test
    void shouldSaveTheLastGoodStateOfARunThatDiverges() {
      Path file = dir.resolve("div.json");
      Run run = run("moons", "--lr", "100000", "--save", file.toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err()).hasSize(1);
      assertThat(run.err().get(0)).startsWith("error: training diverged in step ");
      assertThat(file).exists();
      String step =
          run.err().get(0).replaceFirst("error: training diverged in step (\\d+):.*", "$1");
      assertThat(run.out())
          .last()
          .isEqualTo(
              "saved " + file + " with the last good state, before step " + step + " of 100");
    }

    @Test
    void shouldReportTheDivergenceAndItsStepWhenResumed() {
      Path file = dir.resolve("div.json");
      Run first = run("moons", "--lr", "100000", "--save", file.toString());
      String line = first.err().get(0);
      String step = line.replaceFirst("error: training diverged in step (\\d+):.*", "$1");
      String reason = line.replaceFirst("error: training diverged in step \\d+: ", "");
      Run resumed = run("moons", "--resume", file.toString());
      assertOneLine(
          resumed,
          file
              + ": the run diverged in step "
              + step
              + " ("
              + reason
              + "); the file holds its last good state, before that step, which would diverge"
              + " again");
      assertThat(resumed.out()).isEmpty();
    }
  }

  @Nested
  class Data {
    @Test
    void shouldRefuseToResumeARunSavedFromOtherDataNamingBoth() throws Exception {
      Path other = csv("other.csv", SIGNS);
      Path file = dir.resolve("r.json");
      run("moons", "--data", other.toString(), "--stop-after", "5", "--save", file.toString());
      Run resumed = run("moons", "--resume", file.toString());
      assertThat(resumed.code()).isEqualTo(1);
      assertThat(resumed.out()).isEmpty();
      assertThat(resumed.err()).hasSize(1);
      assertThat(resumed.err().get(0))
          .startsWith("error: " + file + ": saved from " + other + " (8 rows of 2 inputs, sha256 ")
          .contains(", but the data is micrograd moons (100 rows of 2 inputs, sha256 ");
    }

    @Test
    void shouldResumeOnTheSameDataWithTheNumbersOfARunThatNeverStopped() throws Exception {
      Path data = csv("signs.csv", SIGNS);
      Run straight = run("moons", "--data", data.toString(), "--epochs", "10");
      Path file = dir.resolve("r.json");
      run(
          "moons",
          "--data",
          data.toString(),
          "--epochs",
          "10",
          "--stop-after",
          "4",
          "--save",
          file.toString());
      Run resumed = run("moons", "--data", data.toString(), "--resume", file.toString());
      assertThat(resumed.code()).isZero();
      assertThat(resumed.out().subList(0, 6)).isEqualTo(straight.out().subList(4, 10));
    }
  }

  @Nested
  @Tag("slow")
  class Seeds {
    @Test
    void shouldResumeARunOfANegativeSeedWithTheNumbersOfARunThatNeverStopped() {
      Run straight = run("moons", "--seed", "-7", "--epochs", "10");
      Path file = dir.resolve("r.json");
      run(
          "moons",
          "--seed",
          "-7",
          "--epochs",
          "10",
          "--stop-after",
          "4",
          "--save",
          file.toString());
      Run resumed = run("moons", "--resume", file.toString());
      assertThat(resumed.code()).isZero();
      assertThat(resumed.out().subList(0, 6)).isEqualTo(straight.out().subList(4, 10));
    }
  }

  @Nested
  class Size {
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseDevZeroAsASaveFileInOneLine() {
      assertOneLine(
          run("moons", "--resume", "/dev/zero"),
          "/dev/zero: expected a save file of at most 67108864 bytes (64 MiB), got more");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseDevZeroAsDataInOneLine() {
      assertOneLine(
          run("moons", "--data", "/dev/zero"),
          "/dev/zero: expected a CSV file of at most 67108864 bytes (64 MiB), got more");
    }

    @Test
    void shouldRefuseA216MegabyteSaveFileInOneLine() throws Exception {
      Path file = dir.resolve("huge.json");
      try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
        sparse.setLength(216_000_000L);
      }
      assertOneLine(
          run("moons", "--resume", file.toString()),
          file + ": expected a save file of at most 67108864 bytes (64 MiB), got 216000000 bytes");
    }
  }

  @Nested
  class ControlCharacters {
    @Test
    void shouldShowEscapeAndBellOfACsvCellAsSymbols() throws Exception {
      Path data = csv("esc.csv", "x0,x1,y\n1,2,1\n3,\u001B[31m\u0007,1\n");
      assertOneLine(
          run("moons", "--data", data.toString()),
          data + " line 3, column 2: expected a finite number, got '\u241B[31m\u2407'");
    }

    @Test
    void shouldShowEscapeAndBellOfASavedModeAsSymbols() throws Exception {
      Path file = dir.resolve("r.json");
      run("seed", "--stop-after", "1", "--save", file.toString());
      Files.writeString(
          file,
          Files.readString(file)
              .replace("\"mode\" : \"seed\"", "\"mode\" : \"\\u001B[31m\\u0007\""));
      assertOneLine(
          run("seed", "--resume", file.toString()),
          file + ": expected a saved seed run at 'settings.mode', got '\u241B[31m\u2407'");
    }

    @Test
    void shouldShowControlCharactersOfAFileNameAsSymbols() {
      Run run = run("seed", "--data", "no\u001B]0;title\u0007.csv");
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err()).hasSize(1);
      assertThat(run.err().get(0))
          .contains("no\u241B]0;title\u2407.csv")
          .doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void shouldMakeTextVisibleOnOneLine() {
      assertThat(Demo.visible("a\nb\r\u001B\u0007\u007F\u009B\uD800 ok \uD83D\uDE00"))
          .isEqualTo("a\u240Ab\u240D\u241B\u2407\u2421\uFFFD\uFFFD ok \uD83D\uDE00");
    }
  }

  @Nested
  class FirstLine {
    @Test
    void shouldRefuseAFirstLineOfMissingValuesRatherThanDropIt() throws Exception {
      Path data = csv("na.csv", "NA,NA,NA\n0.1,0.9,1\n0.9,0.1,-1\n");
      assertOneLine(
          run("moons", "--data", data.toString()),
          data
              + " line 1, column 1: expected a header or a row of numbers, got 'NA', a missing"
              + " value, in every column");
    }
  }

  @Nested
  class Labels {
    private static final String ZERO_ONE = SIGNS.replace(",-1\n", ",0\n");

    @Test
    void shouldRefuseZeroOneLabelsForTheHingeLossInOneLine() throws Exception {
      Path data = csv("zero-one.csv", ZERO_ONE);
      Run run = run("moons", "--data", data.toString());
      assertOneLine(
          run,
          data
              + ": expected targets -1 and +1 for the hinge loss, got 0 and 1 (give --labels 0/1"
              + " to read 0 as -1)");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldTrainOnZeroOneLabelsMappedWithTheOption() throws Exception {
      Path zeroOne = csv("zero-one.csv", ZERO_ONE);
      Path signs = csv("signs.csv", SIGNS);
      Run mapped = run("moons", "--data", zeroOne.toString(), "--labels", "0/1", "--epochs", "3");
      Run plain = run("moons", "--data", signs.toString(), "--epochs", "3");
      assertThat(mapped.code()).isZero();
      assertThat(mapped.out().subList(0, 3)).isEqualTo(plain.out().subList(0, 3));
    }

    @Test
    void shouldRefuseOtherTargetsWithTheOptionNamingTheExample() throws Exception {
      Path data = csv("three.csv", ZERO_ONE.replace("0.4,0.6,1", "0.4,0.6,2"));
      assertOneLine(
          run("moons", "--data", data.toString(), "--labels", "0/1"),
          data + ": expected targets 0 and 1 with --labels 0/1, got 2.0 in example 4");
    }

    @Test
    void shouldRefuseOtherTargetsForTheHingeLossNamingTheExample() throws Exception {
      Path data = csv("half.csv", SIGNS.replace("0.3,0.7,1", "0.3,0.7,0.5"));
      assertOneLine(
          run("moons", "--data", data.toString()),
          data + ": expected targets -1 and +1 for the hinge loss, got 0.5 in example 3");
    }

    @Test
    void shouldRefuseTheOptionWithoutData() {
      Run run = run("moons", "--labels", "0/1");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err().get(0))
          .isEqualTo("error: --labels applies to the targets of --data FILE, and none was given");
    }

    @Test
    void shouldRefuseAnotherMapping() {
      Run run = run("moons", "--data", "x.csv", "--labels", "yes");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err().get(0))
          .isEqualTo("error: --labels expects 0/1 (targets 0 and 1 read as -1 and +1), got 'yes'");
    }
  }

  @Nested
  class SavedFields {
    private Path saved() {
      Path file = dir.resolve("r.json");
      run("seed", "--stop-after", "1", "--save", file.toString());
      return file;
    }

    @Test
    void shouldNameTheLearningRateWhenItIsAStringOfANegativeNumber() throws Exception {
      Path file = saved();
      Files.writeString(
          file, Files.readString(file).replace("\"lr\" : \"0.1\"", "\"lr\" : \"-1\""));
      assertOneLine(
          run("seed", "--resume", file.toString()),
          file + ": expected a positive number at 'settings.lr', got '-1'");
    }

    @Test
    void shouldRefuseAFileWithDuplicateKeysInOneLine() throws Exception {
      Path file = saved();
      Files.writeString(
          file, Files.readString(file).replace("\"epoch\" : 1", "\"epoch\" : 1, \"epoch\" : 5"));
      Run run = run("seed", "--resume", file.toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err()).hasSize(1);
      assertThat(run.err().get(0))
          .startsWith("error: " + file + ": expected each field once, got \"epoch\" twice");
    }

    @Test
    void shouldRefuseGarbageAfterTheDocumentInOneLine() throws Exception {
      Path file = saved();
      Files.write(file, (Files.readString(file) + "\n{}").getBytes(StandardCharsets.UTF_8));
      Run run = run("seed", "--resume", file.toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err()).hasSize(1);
      assertThat(run.err().get(0))
          .startsWith("error: " + file + ": expected one JSON document, got more after it");
    }

    @Test
    void shouldRecordTheDataTheOptimizerAndTheBatching() throws Exception {
      String text = Files.readString(saved());
      assertThat(text)
          .contains("\"version\" : 2")
          .contains("\"source\" : \"lecture\"")
          .contains("\"schedule\" : \"Schedule.constant(0.1)\"")
          .contains("\"order\" : \"data\"")
          .contains("\"checksum\" : \"sha256:");
    }
  }

  @Nested
  class BadPaths {
    @Test
    void shouldReportADirectoryGivenAsDataInOneLine() {
      Run run = run("seed", "--data", dir.toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err()).hasSize(1);
      assertThat(run.err().get(0)).startsWith("error: cannot read " + dir + ": ");
    }

    @Test
    void shouldReportADirectoryGivenAsASaveFileInOneLine() {
      Run run = run("seed", "--resume", dir.toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err()).hasSize(1);
      assertThat(run.err().get(0)).startsWith("error: cannot read " + dir + ": ");
    }
  }
}
