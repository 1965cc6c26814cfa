package io.github.puregrad.data;

import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Numeric CSV files: comma-separated finite numbers, an optional header line, blank lines ignored.
 * Malformed input fails with the file, line and column in the message; no row is ever skipped.
 *
 * <p>The first non-blank line is a header when none of its cells is a number and not all of them
 * are missing-value markers ({@code NA}, {@code #N/A}, an empty cell: pandas' list), which would be
 * a row of missing data, not names. A first line with some numbers and some other cells is an
 * error, as is {@code NaN} or {@code Infinity} anywhere. A UTF-8 byte-order mark is ignored, bytes
 * that are not UTF-8 are an error naming the line, and a message quotes at most 40 characters of a
 * bad cell, control characters shown as Unicode's control pictures. Numbers are read in time linear
 * in their length; a file larger than {@value #MAX_BYTES} bytes is refused before it is read.
 *
 * <pre>{@code
 * Dataset moons = Csv.dataset(Path.of("moons.csv"));    // x0,x1,y: the last column is the target
 * Vector<Double> init = Csv.values(Path.of("init.csv")); // one number a line
 * }</pre>
 */
public final class Csv {
  /** The largest file {@link #dataset(Path)} and {@link #values(Path)} read: 64 MiB. */
  public static final int MAX_BYTES = 64 << 20;

  /**
   * What pandas' {@code read_csv} takes for a missing value by default (compared without case): a
   * first line of only these is a row of missing data, never a header.
   */
  private static final Set<String> MISSING =
      Set.of(
          "",
          "#n/a",
          "#n/a n/a",
          "#na",
          "-1.#ind",
          "-1.#qnan",
          "-nan",
          "1.#ind",
          "1.#qnan",
          "<na>",
          "n/a",
          "na",
          "null",
          "nan",
          "none");

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

  /** The lines of {@code file}, decoded as strict UTF-8 one line at a time to name a bad one. */
  private static Vector<String> read(Path file) {
    Objects.requireNonNull(file, "file is null");
    byte[] bytes;
    try {
      // a bounded read: a huge file or an endless device (/dev/zero) is one line, not an
      // OutOfMemoryError
      if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
        throw tooLarge(file, Files.size(file) + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw tooLarge(file, "more");
      }
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + file + ": no such file", e);
    } catch (FileSystemException e) {
      String reason = e.getReason();
      throw new UncheckedIOException(
          "cannot read " + file + ": " + (reason == null ? e.getClass().getSimpleName() : reason),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
    }
    Vector<String> lines = Vector.empty();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (i == bytes.length && start == i) {
          break; // the file ends with a line break: no last, empty line
        }
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        lines = lines.append(decode(file, lines.size() + 1, bytes, start, end));
        start = i + 1;
      }
    }
    return lines;
  }

  private static IllegalArgumentException tooLarge(Path file, String got) {
    return new IllegalArgumentException(
        file + ": expected a CSV file of at most " + MAX_BYTES + " bytes (64 MiB), got " + got);
  }

  private static String decode(Path file, int line, byte[] bytes, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          file + " line " + line + ": expected UTF-8 text, got bytes that are not");
    }
  }

  /**
   * Every non-blank line as numbers. The first non-blank line is a header when none of its cells is
   * a number; a first line with some numbers and some words is an error, never a header, so a row
   * with a typo is never dropped.
   */
  private static Vector<Vector<Double>> rows(String source, Seq<String> lines) {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(lines, "lines is null");
    Vector<Vector<Double>> rows = Vector.empty();
    int width = -1;
    int lineNumber = 0;
    boolean first = true;
    for (String raw : lines) {
      lineNumber++;
      // spreadsheet programs start UTF-8 files with a byte-order mark
      String line = lineNumber == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (first) {
        first = false;
        if (isMissing(cells)) {
          throw new IllegalArgumentException(
              source
                  + " line "
                  + lineNumber
                  + ", column 1: expected a header or a row of numbers, got "
                  + Numbers.quote(cells[0])
                  + ", a missing value, in every column");
        }
        if (isHeader(cells)) {
          width = cells.length; // a header: it still fixes the number of columns
          continue;
        }
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
        Double number = Numbers.parse(cells[column]);
        if (number == null) {
          throw new IllegalArgumentException(
              source
                  + " line "
                  + lineNumber
                  + ", column "
                  + (column + 1)
                  + ": expected a finite number, got "
                  + Numbers.quote(cells[column]));
        }
        row = row.append(number);
      }
      rows = rows.append(row);
    }
    return rows;
  }

  /** Every cell is a missing-value marker: a row of missing data, not a header of names. */
  private static boolean isMissing(String[] cells) {
    for (String cell : cells) {
      if (!MISSING.contains(cell.strip().toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  /** No cell is a number, nor NaN or an infinity (which are bad numbers, not names). */
  private static boolean isHeader(String[] cells) {
    for (String cell : cells) {
      if (Numbers.isNumeral(cell) || Numbers.isNonFinite(cell)) {
        return false;
      }
    }
    return true;
  }
}
