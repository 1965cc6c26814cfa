package io.github.puregrad.docs;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown page, with the directives of the {@code <!-- snippet: ...
 * -->} comment on the line before it and the output block that follows it, if any.
 *
 * <pre>{@code
 * <!-- snippet: id neuron; run -->
 * ```java
 * Expr x = Expr.of(2.0, "x");
 * System.out.println(x.mul(x).value());
 * ```
 * ```
 * 4.0
 * ```
 * }</pre>
 *
 * <p>Directives, separated by {@code ;} (see {@code docs/contributing.md}):
 *
 * <ul>
 *   <li>{@code run}: compile, run, and compare what it prints with the next plain fenced block;
 *   <li>{@code id NAME}: name this block so that a later one can continue it;
 *   <li>{@code after NAME}: this block continues block NAME (and what NAME continues), as the next
 *       input of one JShell session;
 *   <li>{@code given Type name, Type name}: names the block uses but a reader has from elsewhere;
 *   <li>{@code skip REASON}: not compiled at all (use sparingly).
 * </ul>
 *
 * @param page the Markdown file, relative to the project root
 * @param line the 1-based line of the first line of code
 * @param code the block's text, fence indentation removed
 * @param directives the directives, in order
 * @param output the text of the plain fenced block after this one, if there is one before the next
 *     java block or heading
 */
record Snippet(
    String page, int line, String code, Vector<String> directives, Option<String> output) {
  private static final Pattern IMPORT = Pattern.compile("^import\\s+[^;]+;\\s*$");
  private static final Pattern UNIT =
      Pattern.compile(
          "^(package\\s|((public|final|abstract|sealed)\\s+)*(class|record|interface|enum)\\s)",
          Pattern.MULTILINE);
  private static final Pattern METHOD =
      Pattern.compile(
          "^(@.*|((public|private|protected|static|final)\\s+)*[\\w<>\\[\\], ?]+\\s+\\w+\\(.*\\{\\s*$)");

  Snippet {
    Objects.requireNonNull(page, "page is null");
    Objects.requireNonNull(code, "code is null");
    Objects.requireNonNull(directives, "directives is null");
    Objects.requireNonNull(output, "output is null");
  }

  /** How a block is wrapped into Java source. */
  enum Kind {
    /** statements: the body of a method */
    STATEMENTS,
    /** methods and fields: the body of a class */
    MEMBERS,
    /** a whole compilation unit, compiled as it is */
    UNIT
  }

  /** {@return where the block is, e.g. {@code docs/tutorial.md:42}} */
  String where() {
    return page + ":" + line;
  }

  /** {@return whether the block opted out of compilation with {@code skip REASON}} */
  boolean skipped() {
    return directives.exists(d -> d.equals("skip") || d.startsWith("skip "));
  }

  boolean has(String directive) {
    return directives.contains(directive);
  }

  /** {@return the argument of the directive {@code name ...}, if present} */
  Option<String> argument(String name) {
    return directives
        .find(d -> d.startsWith(name + " "))
        .map(d -> d.substring(name.length() + 1).trim());
  }

  /** {@return the declarations of the {@code given} directive, split at top-level commas} */
  List<String> givens() {
    return argument("given").map(Snippet::splitTopLevel).getOrElse(List.empty());
  }

  /** {@return the {@code import} lines at the top of the block} */
  List<String> imports() {
    return lines()
        .takeWhile(l -> l.isBlank() || IMPORT.matcher(l).matches())
        .filter(l -> !l.isBlank());
  }

  /** {@return the block without its leading {@code import} lines} */
  String body() {
    return lines().dropWhile(l -> l.isBlank() || IMPORT.matcher(l).matches()).mkString("\n");
  }

  /** {@return the number of lines {@link #body()} starts below {@link #line()}} */
  int bodyOffset() {
    return lines().takeWhile(l -> l.isBlank() || IMPORT.matcher(l).matches()).size();
  }

  Kind kind() {
    String body = body();
    if (UNIT.matcher(body).find()) {
      return Kind.UNIT;
    }
    String first =
        List.of(body.split("\n", -1))
            .map(String::trim)
            .find(l -> !l.isEmpty() && !l.startsWith("//"))
            .getOrElse("");
    return METHOD.matcher(first).matches() ? Kind.MEMBERS : Kind.STATEMENTS;
  }

  private List<String> lines() {
    return List.of(code.split("\n", -1));
  }

  static List<String> splitTopLevel(String text) {
    List<String> parts = List.empty();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts = parts.append(text.substring(start, i).trim());
        start = i + 1;
      }
    }
    return parts.append(text.substring(start).trim()).filter(s -> !s.isEmpty());
  }

  /** {@return the public type a compilation unit declares, or "Snippet"} */
  String unitName() {
    Matcher m =
        Pattern.compile(
                "public\\s+(?:final\\s+|abstract\\s+|sealed\\s+)*(?:class|record|interface|enum)\\s+(\\w+)")
            .matcher(body());
    return m.find() ? m.group(1) : "Snippet";
  }
}
