package io.github.puregrad.docs;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Markdown pages whose {@code ```java} blocks are tested: {@code README.md} and every {@code
 * docs/*.md}.
 *
 * <pre>{@code
 * Vector<Snippet> snippets = Pages.snippets(Pages.root());
 * }</pre>
 */
final class Pages {
  private static final Pattern DIRECTIVES = Pattern.compile("^\\s*<!--\\s*snippet:(.*)-->\\s*$");

  private Pages() {}

  /** {@return the project root: the nearest directory upwards that holds pom.xml and docs} */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null
        && !(Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("docs")))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no pom.xml and docs above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** {@return README.md and docs/*.md, in that order, relative to {@code root}} */
  static Vector<Path> pages(Path root) {
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      return Vector.of(Path.of("README.md"))
          .appendAll(
              docs.filter(p -> p.getFileName().toString().endsWith(".md"))
                  .map(root::relativize)
                  .sorted()
                  .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return every java block of every page} */
  static Vector<Snippet> snippets(Path root) {
    return pages(root).flatMap(page -> parse(page.toString().replace('\\', '/'), read(root, page)));
  }

  static String read(Path root, Path page) {
    try {
      return Files.readString(root.resolve(page), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the java blocks of one page's {@code text}} */
  static Vector<Snippet> parse(String page, String text) {
    List<String> lines = List.of(text.split("\r?\n", -1));
    Vector<Snippet> snippets = Vector.empty();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.trim().equals("```java")) {
        continue;
      }
      int indent = line.indexOf('`');
      int end = closing(lines, i, page);
      String code = lines.subSequence(i + 1, end).map(l -> strip(l, indent)).mkString("\n");
      Vector<String> directives = i > 0 ? directives(lines.get(i - 1)) : Vector.empty();
      snippets =
          snippets.append(new Snippet(page, i + 2, code, directives, output(lines, end + 1)));
      i = end;
    }
    return snippets;
  }

  private static int closing(List<String> lines, int open, String page) {
    for (int j = open + 1; j < lines.size(); j++) {
      if (lines.get(j).trim().equals("```")) {
        return j;
      }
    }
    throw new IllegalArgumentException(page + ":" + (open + 1) + ": unclosed ```java block");
  }

  private static String strip(String line, int indent) {
    int n = 0;
    while (n < indent && n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return line.substring(n);
  }

  static Vector<String> directives(String line) {
    Matcher m = DIRECTIVES.matcher(line);
    if (!m.matches()) {
      return Vector.empty();
    }
    return Vector.of(m.group(1).split(";")).map(String::trim).filter(d -> !d.isEmpty());
  }

  /** The next plain (or {@code text}) fenced block, before any other block or heading. */
  private static Option<String> output(List<String> lines, int from) {
    for (int j = from; j < lines.size(); j++) {
      String line = lines.get(j).trim();
      if (line.startsWith("#")) {
        return Option.none();
      }
      if (line.startsWith("```")) {
        if (!line.equals("```") && !line.equals("```text")) {
          return Option.none();
        }
        int end = j + 1;
        while (end < lines.size() && !lines.get(end).trim().equals("```")) {
          end++;
        }
        return Option.some(lines.subSequence(j + 1, end).mkString("\n"));
      }
    }
    return Option.none();
  }
}
