package io.github.puregrad.docs;

import io.vavr.collection.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares printed output with the output a page shows: the text must be the same and every number
 * equal to within 1e-9 relative (1e-12 absolute), so that a last-digit difference of {@code
 * Math.exp} on another CPU does not fail the build, while a changed number does.
 *
 * <pre>{@code
 * Output.differences("loss 0.30000000000000004\n", "loss 0.3\n");   // empty
 * Output.differences("loss 0.31\n", "loss 0.3\n");                  // one difference
 * }</pre>
 */
final class Output {
  private static final Pattern NUMBER =
      Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|-?Infinity|NaN");
  private static final double RELATIVE = 1e-9;
  private static final double ABSOLUTE = 1e-12;

  private Output() {}

  /** {@return one line per difference, empty when {@code actual} matches {@code expected}} */
  static List<String> differences(String actual, String expected) {
    List<String> got = lines(actual);
    List<String> want = lines(expected);
    List<String> differences = List.empty();
    for (int i = 0; i < Math.max(got.size(), want.size()); i++) {
      String g = i < got.size() ? got.get(i) : "<nothing>";
      String w = i < want.size() ? want.get(i) : "<nothing>";
      if (!same(g, w)) {
        differences =
            differences.append("line " + (i + 1) + ": got '" + g + "', expected '" + w + "'");
      }
    }
    return differences;
  }

  private static List<String> lines(String text) {
    List<String> lines = List.of(text.split("\r?\n", -1)).map(String::stripTrailing);
    return lines.reverse().dropWhile(String::isEmpty).reverse();
  }

  static boolean same(String got, String want) {
    Matcher g = NUMBER.matcher(got);
    Matcher w = NUMBER.matcher(want);
    int gAt = 0;
    int wAt = 0;
    while (true) {
      boolean gFound = g.find();
      boolean wFound = w.find();
      if (gFound != wFound) {
        return false;
      }
      String gText = got.substring(gAt, gFound ? g.start() : got.length());
      String wText = want.substring(wAt, wFound ? w.start() : want.length());
      if (!gText.equals(wText)) {
        return false;
      }
      if (!gFound) {
        return true;
      }
      if (!close(Double.parseDouble(g.group()), Double.parseDouble(w.group()))) {
        return false;
      }
      gAt = g.end();
      wAt = w.end();
    }
  }

  private static boolean close(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
      return Double.compare(a, b) == 0;
    }
    return Math.abs(a - b) <= ABSOLUTE + RELATIVE * Math.max(Math.abs(a), Math.abs(b));
  }
}
