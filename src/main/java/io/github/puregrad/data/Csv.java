package io.github.puregrad.data;

import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Numeric CSV files: comma-separated finite numbers, an optional header line, blank lines ignored.
 * Malformed input fails with the file, line and column in the message.
 *
 * <pre>{@code
 * Dataset moons = Csv.dataset(Path.of("moons.csv"));    // x0,x1,y: the last column is the target
 * Vector<Double> init = Csv.values(Path.of("init.csv")); // one number a line
 * }</pre>
 */
public final class Csv {
  private Csv() {}

  /**
   * {@return the dataset in {@code file}: every column but the last are inputs, the last is the
   * target}
   *
   * @throws IllegalArgumentException naming the line and column of the first malformed cell
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Dataset dataset(Path file) {
    return dataset(file.toString(), read(file));
  }

  /** {@return the dataset in {@code lines}; {@code source} names them in error messages} */
  public static Dataset dataset(String source, Seq<String> lines) {
    Vector<Vector<Double>> rows = rows(source, lines);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(source + ": expected at least 1 row of numbers, got 0");
    }
    if (rows.head().size() < 2) {
      throw new IllegalArgumentException(
          source + ": expected at least 2 columns (inputs, then the target), got 1");
    }
    return new Dataset(rows.map(row -> row.init()), rows.map(Vector::last));
  }

  /**
   * {@return the numbers in {@code file}, one a line}
   *
   * @throws IllegalArgumentException naming the line of the first malformed number
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Vector<Double> values(Path file) {
    return values(file.toString(), read(file));
  }

  /** {@return the numbers in {@code lines}, one a line; {@code source} names them in errors} */
  public static Vector<Double> values(String source, Seq<String> lines) {
    Vector<Vector<Double>> rows = rows(source, lines);
    if (!rows.isEmpty() && rows.head().size() != 1) {
      throw new IllegalArgumentException(
          source + ": expected 1 number a line, got " + rows.head().size() + " columns");
    }
    return rows.map(Vector::head);
  }

  private static Vector<String> read(Path file) {
    Objects.requireNonNull(file, "file is null");
    try {
      return Vector.ofAll(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every non-blank line as numbers; a first line with any non-number is a header and skipped. */
  private static Vector<Vector<Double>> rows(String source, Seq<String> lines) {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(lines, "lines is null");
    Vector<Vector<Double>> rows = Vector.empty();
    int width = -1;
    int lineNumber = 0;
    for (String line : lines) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (lineNumber == 1 && Vector.of(cells).exists(cell -> parse(cell) == null)) {
        width = cells.length; // a header: it still fixes the number of columns
        continue;
      }
      if (width >= 0 && cells.length != width) {
        throw new IllegalArgumentException(
            source
                + " line "
                + lineNumber
                + ": expected "
                + width
                + " columns, got "
                + cells.length);
      }
      width = cells.length;
      Vector<Double> row = Vector.empty();
      for (int column = 0; column < cells.length; column++) {
        Double number = parse(cells[column]);
        if (number == null) {
          throw new IllegalArgumentException(
              source
                  + " line "
                  + lineNumber
                  + ", column "
                  + (column + 1)
                  + ": expected a finite number, got '"
                  + cells[column].strip()
                  + "'");
        }
        row = row.append(number);
      }
      rows = rows.append(row);
    }
    return rows;
  }

  /** A finite decimal number, or null. */
  private static @Nullable Double parse(String cell) {
    String text = cell.strip();
    if (text.isEmpty() || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return null; // rejects NaN, Infinity, hex and Java's 1d/1f suffixes
    }
    double value = Double.parseDouble(text);
    return Double.isFinite(value) ? value : null;
  }
}
