package io.github.puregrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.Vector;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {

  @Nested
  class FirstLine {
    @Test
    void shouldKeepTheFirstRowWhenTheFileStartsWithAByteOrderMark() {
      Dataset data = Csv.dataset("bom.csv", Vector.of("\uFEFF1,2,3", "4,5,6"));
      assertThat(data.inputs()).containsExactly(Vector.of(1.0, 2.0), Vector.of(4.0, 5.0));
    }

    @Test
    void shouldSkipAHeaderAfterAByteOrderMark() {
      Dataset data = Csv.dataset("bom.csv", Vector.of("\uFEFFx,y", "4,5"));
      assertThat(data.targets()).containsExactly(5.0);
    }

    @Test
    void shouldRejectNaNOnTheFirstLineNamingLineOneAndTheColumn() {
      assertThatThrownBy(() -> Csv.dataset("nan.csv", Vector.of("NaN,2,3", "4,5,6")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("nan.csv line 1, column 1: expected a finite number, got 'NaN'");
    }

    @Test
    void shouldRejectAFirstLineOfNumbersAndWordsNamingTheColumn() {
      assertThatThrownBy(() -> Csv.dataset("typo.csv", Vector.of("1,2o,3", "4,5,6")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("typo.csv line 1, column 2: expected a finite number, got '2o'");
    }

    @Test
    void shouldRejectAFirstLineOfInfinitiesRatherThanTakeItForAHeader() {
      assertThatThrownBy(() -> Csv.dataset("inf.csv", Vector.of("Infinity,-inf", "4,5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("inf.csv line 1, column 1: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NA,NA", "#N/A,#N/A", ",", "null, NaN", " n/a ,none"})
    void shouldRefuseAFirstLineOfMissingValuesRatherThanTakeItForAHeader(String first) {
      assertThatThrownBy(() -> Csv.dataset("na.csv", Vector.of(first, "1,2", "3,4")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("na.csv line 1, column 1: expected a header or a row of numbers")
          .hasMessageEndingWith(", a missing value, in every column");
    }

    @Test
    void shouldKeepAHeaderWithAnEmptyFirstNameAsPandasWritesAnIndex() {
      Dataset data = Csv.dataset("index.csv", Vector.of(",x,y", "0,1,2", "1,3,4"));
      assertThat(data.targets()).containsExactly(2.0, 4.0);
    }

    @Test
    void shouldTakeAFirstLineOfOverflowingNumbersForDataNotAHeader() {
      assertThatThrownBy(() -> Csv.dataset("big.csv", Vector.of("1e400,2", "4,5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("big.csv line 1, column 1: expected a finite number, got '1e400'");
    }
  }

  @Nested
  class NonFinite {
    @Test
    void shouldRejectInfinityOnALaterLine() {
      assertThatThrownBy(() -> Csv.dataset("t.csv", Vector.of("1,2", "3,-Infinity")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("t.csv line 2, column 2: expected a finite number, got '-Infinity'");
    }
  }

  @Nested
  class LongCells {
    private final String cell = "1".repeat(30_000) + "x";

    @Test
    void shouldQuoteAtMostFortyCharactersOfABadCell() {
      assertThatThrownBy(() -> Csv.dataset("long.csv", Vector.of("0,0", "1," + cell)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "long.csv line 2, column 2: expected a finite number, got '"
                  + "1".repeat(40)
                  + "...' (30001 characters)");
    }

    /**
     * A guard, not a measurement: the backtracking pattern took 14 s on this cell, a linear scan
     * takes well under a millisecond, so a limit 50 times the old time cannot be flaky.
     */
    @Test
    @Timeout(10)
    void shouldRejectAThreeHundredThousandDigitCellInLinearTime() {
      String huge = "1".repeat(300_000) + "x";
      assertThatThrownBy(() -> Csv.dataset("long.csv", Vector.of("0,0", "1," + huge)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("line 2, column 2");
    }
  }

  @Nested
  class ControlCharacters {
    @Test
    void shouldShowEscapeAndBellInABadCellAsControlPictures() {
      assertThatThrownBy(() -> Csv.dataset("esc.csv", Vector.of("1,2", "3,\u001B[31m\u0007")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("esc.csv line 2, column 2: expected a finite number, got '\u241B[31m\u2407'")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}"));
    }

    @Test
    void shouldShowDeleteAndC1ControlsVisibly() {
      assertThatThrownBy(() -> Csv.dataset("del.csv", Vector.of("1,2", "3,a\u007F\u009B")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("del.csv line 2, column 2: expected a finite number, got 'a\u2421\uFFFD'");
    }
  }

  @Nested
  class Size {
    @TempDir Path dir;

    @Test
    void shouldRefuseAFileLargerThanTheLimitBeforeReadingIt() throws Exception {
      Path file = dir.resolve("huge.csv");
      try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
        sparse.setLength(216_000_000L); // a sparse file: no disk space, no time
      }
      assertThatThrownBy(() -> Csv.dataset(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              file
                  + ": expected a CSV file of at most 67108864 bytes (64 MiB), got 216000000 bytes");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseAnEndlessDeviceInOneLine() {
      Path zero = Path.of("/dev/zero");
      assertThatThrownBy(() -> Csv.dataset(zero))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "/dev/zero: expected a CSV file of at most 67108864 bytes (64 MiB), got more");
    }

    @Test
    void shouldNameTheCauseWhenTheFileIsADirectory() {
      assertThatThrownBy(() -> Csv.dataset(dir))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("cannot read " + dir + ": ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Nested
  class Encoding {
    @TempDir Path dir;

    @Test
    void shouldNameTheLineOfBytesThatAreNotUtf8() throws Exception {
      Path file = dir.resolve("latin1.csv");
      Files.write(file, new byte[] {'1', ',', '2', '\n', '3', ',', (byte) 0xE9, '\n'});
      assertThatThrownBy(() -> Csv.dataset(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(file + " line 2: expected UTF-8 text, got bytes that are not");
    }

    @Test
    void shouldReadWindowsLineEndingsAndAByteOrderMarkFromAFile() throws Exception {
      Path file = dir.resolve("excel.csv");
      Files.write(file, "\uFEFFx,y\r\n1,2\r\n3,4\r\n".getBytes(StandardCharsets.UTF_8));
      assertThat(Csv.dataset(file).targets()).containsExactly(2.0, 4.0);
    }
  }

  /**
   * Seeded mutations of valid files. The oracle is independent of the loader's scanner: a cell is a
   * number when Java's own {@code Double.parseDouble} accepts it after a strict pattern check, and
   * a loaded file must have exactly one row per non-blank line that is not the header.
   */
  @Nested
  class Fuzz {
    private static final int FILES = 4000;
    private static final Pattern NUMBER =
        Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern NAMES_A_LINE = Pattern.compile("fuzz\\.csv line [0-9]+\\b.*");

    @Test
    void shouldLoadEveryRowOrNameALineForEveryMutatedFile() {
      int loaded = 0;
      int refused = 0;
      for (int seed = 0; seed < FILES; seed++) {
        List<String> lines = mutate(valid(new SplittableRandom(seed)), new SplittableRandom(~seed));
        Optional<List<List<Double>>> rows = expected(lines);
        Dataset data;
        try {
          data = Csv.dataset("fuzz.csv", Vector.ofAll(lines));
        } catch (IllegalArgumentException e) {
          String message = e.getMessage();
          if (rows.isEmpty()) {
            assertThat(message).as("seed %d", seed).matches(NAMES_A_LINE).hasSizeLessThan(200);
          } else if (rows.get().isEmpty()) {
            // every row intact, but no row at all: no dataset
            assertThat(message).isEqualTo("fuzz.csv: expected at least 1 row of numbers, got 0");
          } else {
            assertThat(rows.get().get(0)).as("seed %d: %s", seed, message).hasSize(1);
          }
          refused++;
          continue;
        }
        assertThat(rows).as("seed %d: %s", seed, lines).contains(rows(data));
        loaded++;
      }
      assertThat(loaded).isGreaterThan(FILES / 10);
      assertThat(refused).isGreaterThan(FILES / 10);
    }

    private static List<String> valid(SplittableRandom random) {
      int width = 2 + random.nextInt(3);
      List<String> lines = new ArrayList<>();
      if (random.nextBoolean()) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
          names.add("x" + c);
        }
        lines.add(String.join(",", names));
      }
      int rows = 1 + random.nextInt(6);
      for (int r = 0; r < rows; r++) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < width; c++) {
          cells.add(number(random));
        }
        lines.add(String.join(",", cells));
      }
      return lines;
    }

    private static String number(SplittableRandom random) {
      return switch (random.nextInt(4)) {
        case 0 -> Integer.toString(random.nextInt(-100, 100));
        case 1 -> Double.toString(random.nextDouble(-10, 10));
        case 2 -> random.nextInt(1000) + "e-" + random.nextInt(5);
        default -> " " + random.nextInt(10) + "." + random.nextInt(100) + " ";
      };
    }

    private static final String[] NOISE = {
      "NaN",
      "Infinity",
      "-inf",
      "x",
      "1e",
      "e5",
      ".",
      "-",
      "1.2.3",
      "0x1F",
      "1d",
      "\uFEFF",
      "",
      " ",
      ",",
      "1e999",
      "١",
      "+.5",
      "5.",
      "\t"
    };

    private static List<String> mutate(List<String> lines, SplittableRandom random) {
      List<String> out = new ArrayList<>(lines);
      int mutations = random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        int line = random.nextInt(out.size());
        String text = out.get(line);
        String noise = NOISE[random.nextInt(NOISE.length)];
        switch (random.nextInt(6)) {
          case 0 -> out.set(line, noise + text);
          case 1 -> {
            int at = random.nextInt(text.length() + 1);
            out.set(line, text.substring(0, at) + noise + text.substring(at));
          }
          case 2 -> {
            int at = random.nextInt(text.length() + 1);
            out.set(line, text.substring(0, at)); // a truncated line
          }
          case 3 -> out.add(line, random.nextBoolean() ? "" : "   ");
          case 4 -> {
            String[] cells = text.split(",", -1);
            cells[random.nextInt(cells.length)] = noise;
            out.set(line, String.join(",", cells));
          }
          default -> out.add(line, text); // a repeated line
        }
      }
      return out;
    }

    /**
     * {@return the rows a correct loader returns for {@code lines}, found without the loader's
     * code; empty when a line is malformed}
     */
    private static Optional<List<List<Double>>> expected(List<String> lines) {
      List<List<Double>> rows = new ArrayList<>();
      boolean first = true;
      int width = -1;
      for (int i = 0; i < lines.size(); i++) {
        String line = i == 0 ? lines.get(0).replaceFirst("^\uFEFF", "") : lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (width >= 0 && cells.length != width) {
          return Optional.empty();
        }
        width = cells.length;
        if (first) {
          first = false;
          if (Arrays.stream(cells).allMatch(CsvTest.Fuzz::isMissing)) {
            return Optional.empty(); // a row of missing values, not a header
          }
          if (Arrays.stream(cells).noneMatch(CsvTest.Fuzz::looksNumeric)) {
            continue;
          }
        }
        List<Double> row = new ArrayList<>();
        for (String cell : cells) {
          String text = cell.strip();
          if (!NUMBER.matcher(text).matches() || !Double.isFinite(Double.parseDouble(text))) {
            return Optional.empty();
          }
          row.add(Double.parseDouble(text));
        }
        rows.add(row);
      }
      return Optional.of(rows);
    }

    /** pandas' default missing-value markers, from its read_csv documentation. */
    private static boolean isMissing(String cell) {
      return List.of(
              "",
              "#N/A",
              "#N/A N/A",
              "#NA",
              "-1.#IND",
              "-1.#QNAN",
              "-NaN",
              "-nan",
              "1.#IND",
              "1.#QNAN",
              "<NA>",
              "N/A",
              "NA",
              "NULL",
              "NaN",
              "None",
              "n/a",
              "nan",
              "null")
          .stream()
          .anyMatch(marker -> marker.equalsIgnoreCase(cell.strip()));
    }

    private static boolean looksNumeric(String cell) {
      String text = cell.strip();
      return NUMBER.matcher(text).matches()
          || text.replaceFirst("^[+-]", "").toLowerCase(Locale.ROOT).matches("nan|inf|infinity");
    }

    private static List<List<Double>> rows(Dataset data) {
      List<List<Double>> rows = new ArrayList<>();
      for (int r = 0; r < data.size(); r++) {
        List<Double> row = new ArrayList<>(data.inputs().get(r).toJavaList());
        row.add(data.targets().get(r));
        rows.add(row);
      }
      return rows;
    }
  }
}
