package io.github.puregrad.data;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decimal numbers in text: a scanner in one pass over the characters (a regular expression with
 * nested repetition backtracks, and took 14 s on a 30,000-digit bad cell), and quotes of bad cells
 * short enough for one line.
 *
 * <pre>{@code
 * Numbers.parse(" -1.5e3 ");  // -1500.0
 * Numbers.parse("NaN");       // null
 * }</pre>
 */
final class Numbers {
  /** The most characters of a bad cell an error message quotes. */
  static final int QUOTED = 40;

  private Numbers() {}

  /**
   * {@return the finite number {@code cell} spells, spaces around it allowed, or null}: {@code
   * [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}, so never NaN, an infinity, hex or
   * Java's {@code 1d}/{@code 1f} suffixes; a number too large for a double is null too
   */
  static @Nullable Double parse(String cell) {
    String text = cell.strip();
    if (!isNumeral(text)) {
      return null;
    }
    double value = Double.parseDouble(text); // linear for text the scanner accepted
    return Double.isFinite(value) ? value : null;
  }

  /** {@return whether {@code cell} is written as a decimal number, however large} */
  static boolean isNumeral(String cell) {
    String text = cell.strip();
    int n = text.length();
    int i = 0;
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int integer = digits(text, i);
    i += integer;
    int fraction = 0;
    if (i < n && text.charAt(i) == '.') {
      i++;
      fraction = digits(text, i);
      i += fraction;
    }
    if (integer + fraction == 0) {
      return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponent = digits(text, i);
      if (exponent == 0) {
        return false;
      }
      i += exponent;
    }
    return i == n;
  }

  /** {@return whether {@code cell} is NaN or an infinity, as Java or a spreadsheet writes them} */
  static boolean isNonFinite(String cell) {
    String text = cell.strip().toLowerCase(Locale.ROOT);
    if (text.startsWith("+") || text.startsWith("-")) {
      text = text.substring(1);
    }
    return text.equals("nan") || text.equals("inf") || text.equals("infinity");
  }

  /**
   * {@return {@code cell} in quotes, cut to {@link #QUOTED} characters with its length if longer,
   * its control characters made visible}
   */
  static String quote(String cell) {
    String text = cell.strip();
    if (text.length() <= QUOTED) {
      return "'" + visible(text) + "'";
    }
    return "'" + visible(text.substring(0, QUOTED)) + "...' (" + text.length() + " characters)";
  }

  /**
   * {@return {@code text} with C0 controls and DEL as Unicode's control pictures (ESC as ␛), other
   * controls as U+FFFD}: a cell with ESC or BEL bytes must not drive the terminal that shows the
   * error
   */
  static String visible(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20) {
        out.append((char) (0x2400 + c));
      } else if (c == 0x7F) {
        out.append('\u2421');
      } else if (Character.isISOControl(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int digits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }
}
