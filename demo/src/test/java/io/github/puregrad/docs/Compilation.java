package io.github.puregrad.docs;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Markdown java blocks with {@code javax.tools.JavaCompiler} against the test class path,
 * all in one compiler run, and runs the ones that print.
 *
 * <pre>{@code
 * Compilation compilation = Compilation.of(Pages.snippets(root), Compilation.imports(root));
 * compilation.errors(snippet);      // empty when the block compiles
 * compilation.run(snippet);         // what its main method printed
 * }</pre>
 *
 * <p>A block of statements becomes the body of a method of its own class in package {@code snippet}
 * (outside puregrad, so only public API is visible), with JShell's default imports and those of
 * {@code docs/puregrad.jsh}: a block that compiles here can be pasted into that JShell session.
 * Blocks continued with {@code after NAME} are concatenated first. Error lines are mapped back to
 * the Markdown page.
 */
final class Compilation {
  /** What JShell imports by itself, so a block here sees what it sees there. */
  static final List<String> JSHELL_IMPORTS =
      List.of(
              "java.io.*",
              "java.math.*",
              "java.net.*",
              "java.nio.file.*",
              "java.util.*",
              "java.util.concurrent.*",
              "java.util.function.*",
              "java.util.prefs.*",
              "java.util.regex.*",
              "java.util.stream.*")
          .map(p -> "import " + p + ";");

  private static final List<String> TEST_IMPORTS =
      List.of(
          "import org.junit.jupiter.api.*;",
          "import org.junit.jupiter.params.*;",
          "import org.junit.jupiter.params.provider.*;");

  private final Vector<Snippet> snippets;
  private final Map<Snippet, Source> sources;
  private final Map<Snippet, List<String>> errors;
  private final Path classes;

  private Compilation(
      Vector<Snippet> snippets,
      Map<Snippet, Source> sources,
      Map<Snippet, List<String>> errors,
      Path classes) {
    this.snippets = snippets;
    this.sources = sources;
    this.errors = errors;
    this.classes = classes;
  }

  /** One generated source file and where each of its snippets' lines starts in it. */
  private record Source(String className, String text, Vector<Segment> segments) {}

  /**
   * Lines {@code [from, from + length)} of a generated file are {@code snippet}'s from line {@code
   * firstLine} of its page.
   */
  private record Segment(Snippet snippet, int from, int length, int firstLine) {}

  // -- static API

  /** {@return the import lines of {@code docs/puregrad.jsh}} */
  static List<String> imports(Path root) {
    return List.of(Pages.read(root, Path.of("docs", "puregrad.jsh")).split("\n"))
        .map(String::trim)
        .filter(l -> l.startsWith("import "));
  }

  /** {@return every snippet that is not skipped, compiled in one run of the compiler} */
  static Compilation of(Vector<Snippet> snippets, List<String> imports) {
    Vector<Snippet> compiled = snippets.filter(s -> !s.skipped());
    Map<Snippet, Source> sources = HashMap.empty();
    for (int i = 0; i < compiled.size(); i++) {
      Snippet snippet = compiled.get(i);
      sources = sources.put(snippet, source(i, chain(snippets, snippet), imports));
    }
    Path classes;
    try {
      classes = Files.createTempDirectory("puregrad-snippets");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, Snippet> byClass = sources.map((s, src) -> io.vavr.Tuple.of(src.className(), s));
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      java.util.List<JavaFileObject> units = sources.values().map(Compilation::unit).toJavaList();
      java.util.List<String> options =
          java.util.List.of(
              "--release",
              "17",
              "-proc:none",
              "-implicit:none",
              "-XDshould-stop.ifError=FLOW",
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              classes.toString());
      if (!units.isEmpty()) {
        compiler.getTask(null, files, diagnostics, options, null, units).call();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Snippet, List<String>> errors = HashMap.empty();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String name = d.getSource() == null ? "" : className(d.getSource());
      Option<Snippet> owner = byClass.get(name);
      if (owner.isEmpty()) {
        throw new IllegalStateException("compiler error outside any snippet: " + d);
      }
      Source source = sources.get(owner.get()).get();
      String message = locate(source, (int) d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT);
      errors =
          errors.put(owner.get(), errors.get(owner.get()).getOrElse(List.empty()).append(message));
    }
    return new Compilation(snippets, sources, errors, classes);
  }

  /** {@return {@code snippet} preceded by the blocks it continues, oldest first} */
  static Vector<Snippet> chain(Vector<Snippet> all, Snippet snippet) {
    Vector<Snippet> chain = Vector.of(snippet);
    Snippet current = snippet;
    while (current.argument("after").isDefined()) {
      String name = current.argument("after").get();
      Snippet from = current;
      current =
          all.filter(s -> s.page().equals(from.page()) && s.argument("id").contains(name))
              .headOption()
              .getOrElseThrow(
                  () ->
                      new IllegalArgumentException(
                          from.where()
                              + ": 'after "
                              + name
                              + "', but no block has 'id "
                              + name
                              + "'"));
      if (chain.contains(current)) {
        throw new IllegalArgumentException(from.where() + ": 'after " + name + "' makes a cycle");
      }
      chain = chain.prepend(current);
    }
    return chain;
  }

  private static Source source(int index, Vector<Snippet> chain, List<String> imports) {
    Snippet last = chain.last();
    Snippet.Kind kind = last.kind();
    StringBuilder text = new StringBuilder();
    if (kind == Snippet.Kind.UNIT) {
      String pkg = "snippet.unit" + index;
      text.append("package ").append(pkg).append(";\n");
      JSHELL_IMPORTS.appendAll(imports).forEach(i -> text.append(i).append('\n'));
      Segment segment = new Segment(last, nextLine(text), lineCount(last.code()), last.line());
      text.append(last.code()).append('\n');
      return new Source(pkg + "." + last.unitName(), text.toString(), Vector.of(segment));
    }
    String simple = "S" + index;
    text.append("package snippet;\n");
    JSHELL_IMPORTS
        .appendAll(imports)
        .appendAll(kind == Snippet.Kind.MEMBERS ? TEST_IMPORTS : List.empty())
        .appendAll(chain.flatMap(Snippet::imports))
        .distinct()
        .forEach(i -> text.append(i).append('\n'));
    text.append("@SuppressWarnings(\"all\")\npublic final class ").append(simple).append(" {\n");
    Vector<Segment> segments = Vector.empty();
    if (kind == Snippet.Kind.MEMBERS) {
      segments = segments.append(segment(last, text));
      text.append(last.body()).append("\n}\n");
      return new Source("snippet." + simple, text.toString(), segments);
    }
    List<String> givens = List.ofAll(chain).flatMap(Snippet::givens).distinct();
    if (givens.isEmpty()) {
      text.append("  public static void main(String[] args) throws Throwable {\n");
    } else {
      text.append("  static void snippet(").append(givens.mkString(", "));
      text.append(") throws Throwable {\n");
    }
    for (Snippet s : chain) {
      segments = segments.append(segment(s, text));
      text.append(s.body()).append('\n');
    }
    text.append("  }\n}\n");
    return new Source("snippet." + simple, text.toString(), segments);
  }

  private static Segment segment(Snippet snippet, StringBuilder text) {
    return new Segment(
        snippet, nextLine(text), lineCount(snippet.body()), snippet.line() + snippet.bodyOffset());
  }

  private static int nextLine(CharSequence text) {
    return (int) text.chars().filter(c -> c == '\n').count() + 1;
  }

  private static int lineCount(String text) {
    return text.split("\n", -1).length;
  }

  /** {@return the Markdown position of line {@code line} of a generated file} */
  private static String locate(Source source, int line) {
    for (Segment segment : source.segments()) {
      if (line >= segment.from() && line < segment.from() + segment.length()) {
        return segment.snippet().page() + ":" + (segment.firstLine() + line - segment.from());
      }
    }
    return source.segments().last().snippet().where() + " (generated line " + line + ")";
  }

  private static JavaFileObject unit(Source source) {
    URI uri = URI.create("string:///" + source.className().replace('.', '/') + ".java");
    return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source.text();
      }
    };
  }

  private static String className(JavaFileObject file) {
    String path = file.toUri().getPath();
    return path.substring(1, path.length() - ".java".length()).replace('/', '.');
  }

  // -- non-static API

  /** {@return the blocks that were compiled: all but the skipped ones} */
  Vector<Snippet> compiled() {
    return snippets.filter(sources::containsKey);
  }

  /** {@return the compiler's errors for {@code snippet}, each with its page and line} */
  List<String> errors(Snippet snippet) {
    return errors.get(snippet).getOrElse(List.empty());
  }

  /** {@return the generated source of {@code snippet}, for failure messages} */
  String source(Snippet snippet) {
    return sources.get(snippet).map(Source::text).getOrElse("");
  }

  /**
   * {@return what {@code snippet}'s main method prints to {@code System.out}}
   *
   * @throws IllegalStateException if it did not compile or takes {@code given} names
   */
  String run(Snippet snippet) throws Throwable {
    if (!errors(snippet).isEmpty()) {
      throw new IllegalStateException(snippet.where() + " does not compile: " + errors(snippet));
    }
    Source source =
        sources
            .get(snippet)
            .getOrElseThrow(() -> new IllegalStateException(snippet.where() + " was not compiled"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, Compilation.class.getClassLoader())) {
      Method main = loader.loadClass(source.className()).getMethod("main", String[].class);
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** {@return the output blocks of {@code snippet}'s chain, joined: what a run should print} */
  String expectedOutput(Snippet snippet) {
    return chain(snippets, snippet)
        .flatMap(Snippet::output)
        .filter(o -> !o.isEmpty())
        .map(o -> o + "\n")
        .mkString();
  }
}
