package io.github.puregrad.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/*.md} compiles against the
 * current API; blocks marked {@code run} print what the page shows. The markers are described in
 * {@code docs/contributing.md}.
 */
class DocsTest {
  private static final Path ROOT = Pages.root();
  private static final Vector<Snippet> SNIPPETS = Pages.snippets(ROOT);

  /** Compiled once: one compiler run for all blocks. */
  private static final class Compiled {
    static final Compilation ALL = Compilation.of(SNIPPETS, Compilation.imports(ROOT));
  }

  @TestFactory
  Stream<DynamicTest> shouldCompileEveryJavaBlock() {
    Compilation compilation = Compiled.ALL;
    return compilation
        .compiled()
        .toJavaStream()
        .map(
            snippet ->
                DynamicTest.dynamicTest(
                    snippet.where(),
                    () ->
                        assertThat(compilation.errors(snippet))
                            .as(
                                "%s does not compile; generated source:%n%s",
                                snippet.where(), compilation.source(snippet))
                            .isEmpty()));
  }

  @TestFactory
  Stream<DynamicTest> shouldPrintWhatThePageShows() {
    Compilation compilation = Compiled.ALL;
    return compilation
        .compiled()
        .filter(s -> s.has("run"))
        .toJavaStream()
        .map(
            snippet ->
                DynamicTest.dynamicTest(
                    snippet.where(),
                    () -> {
                      String actual = compilation.run(snippet);
                      if (Boolean.getBoolean("docs.print")) {
                        System.out.println("== " + snippet.where() + "\n" + actual);
                      }
                      assertThat(Output.differences(actual, compilation.expectedOutput(snippet)))
                          .as("output of %s, which printed:%n%s", snippet.where(), actual)
                          .isEmpty();
                    }));
  }

  /**
   * JShell ends a snippet at the first line that is a complete statement, so a block that javac
   * accepts may still break when pasted: a line starting with {@code .method(...)} after a complete
   * statement. The tutorial and the README promise that pasting works.
   */
  @TestFactory
  Stream<DynamicTest> shouldSplitIntoJShellSnippetsAsWritten() {
    return SNIPPETS
        .filter(s -> s.page().equals("docs/tutorial.md") || s.page().equals("README.md"))
        .filter(s -> s.kind() == Snippet.Kind.STATEMENTS && !s.skipped())
        .toJavaStream()
        .map(
            snippet ->
                DynamicTest.dynamicTest(
                    snippet.where(),
                    () -> assertThat(JShellSplit.danglingLines(snippet.body())).isEmpty()));
  }

  @Nested
  class Markers {
    @Test
    void shouldUseOnlyKnownDirectives() {
      List<String> known = List.of("run", "id", "after", "given", "skip");
      assertThat(SNIPPETS.flatMap(s -> s.directives().map(d -> s.where() + ": " + d)))
          .filteredOn(d -> !known.contains(firstWord(d.substring(d.indexOf(": ") + 2))))
          .isEmpty();
    }

    @Test
    void shouldGiveAReasonForEverySkip() {
      assertThat(SNIPPETS.filter(s -> s.directives().contains("skip")).map(Snippet::where))
          .isEmpty();
    }

    @Test
    void shouldShowAnOutputBlockAfterEveryRunBlock() {
      assertThat(SNIPPETS.filter(s -> s.has("run") && s.output().isEmpty()).map(Snippet::where))
          .isEmpty();
    }

    @Test
    void shouldRunOnlyBlocksWithoutGivenNames() {
      assertThat(
              SNIPPETS
                  .filter(
                      s ->
                          s.has("run")
                              && !Compilation.chain(SNIPPETS, s).flatMap(Snippet::givens).isEmpty())
                  .map(Snippet::where))
          .isEmpty();
    }

    @Test
    void shouldFindTheTutorial() {
      assertThat(SNIPPETS.filter(s -> s.page().equals("docs/tutorial.md") && s.has("run")))
          .hasSizeGreaterThan(5);
    }
  }

  /** The harness itself: a broken block must fail, with its page and line. */
  @Nested
  class Harness {
    private Compilation compile(String markdown) {
      return Compilation.of(Pages.parse("page.md", markdown), Compilation.imports(ROOT));
    }

    @Test
    void shouldReportTheMarkdownLineWhenABlockDoesNotCompile() {
      Compilation c = compile("text\n\n```java\nExpr x = Expr.of(1.0);\nx.noSuchMethod();\n```\n");
      assertThat(c.errors(c.compiled().head()))
          .singleElement()
          .asString()
          .startsWith("page.md:5: ")
          .contains("noSuchMethod");
    }

    @Test
    void shouldCompileABlockThatContinuesAnother() {
      Compilation c =
          compile(
              """
              <!-- snippet: id a -->
              ```java
              Expr x = Expr.of(1.0);
              ```
              <!-- snippet: after a -->
              ```java
              System.out.println(x.value());
              ```
              """);
      assertThat(c.compiled().flatMap(c::errors)).isEmpty();
    }

    @Test
    void shouldDeclareGivenNames() {
      Compilation c =
          compile(
              """
              <!-- snippet: given Mlp model, Map<String, Double> m -->
              ```java
              model.parameters();
              m.get("a");
              ```
              """);
      assertThat(c.compiled().flatMap(c::errors)).isEmpty();
    }

    @Test
    void shouldCompileTestMethods() {
      Compilation c = compile("```java\n@Test\nvoid shouldWork() {\n  Expr.of(1.0);\n}\n```\n");
      assertThat(c.compiled().flatMap(c::errors)).isEmpty();
    }

    @Test
    void shouldNotCompileSkippedBlocks() {
      Compilation c = compile("<!-- snippet: skip not Java -->\n```java\nnot java\n```\n");
      assertThat(c.compiled()).isEmpty();
    }

    @Test
    void shouldRunABlockAndReadItsOutput() throws Throwable {
      Compilation c =
          compile(
              "<!-- snippet: run -->\n```java\nSystem.out.println(2 + 2);\n```\n\n```\n4\n```\n");
      Snippet snippet = c.compiled().head();
      assertThat(Output.differences(c.run(snippet), c.expectedOutput(snippet))).isEmpty();
    }

    @Test
    void shouldFindALineThatJShellWouldCutOff() {
      assertThat(JShellSplit.danglingLines("Mlp m = Mlp.of(1, List.of(1), r)\n    .withValues(v);"))
          .containsExactly(".withValues(v);");
    }

    @Test
    void shouldAcceptAStatementSplitInsideParentheses() {
      assertThat(JShellSplit.danglingLines("System.out.println(1\n    + 2);\nint x = 3;"))
          .isEmpty();
    }

    @Test
    void shouldAllowSmallDifferencesInTheLastDigits() {
      assertThat(Output.differences("loss 0.30000000000000004\n", "loss 0.3")).isEmpty();
    }

    @Test
    void shouldReportADifferentNumber() {
      assertThat(Output.differences("loss 0.31\nok", "loss 0.3\nok"))
          .containsExactly("line 1: got 'loss 0.31', expected 'loss 0.3'");
    }

    @Test
    void shouldReportDifferentText() {
      assertThat(Output.differences("accuracy 1.0", "accuracy: 1.0")).hasSize(1);
    }

    @Test
    void shouldRejectAContinuationOfAnUnknownBlock() {
      assertThatThrownBy(
              () -> compile("<!-- snippet: after nowhere -->\n```java\nint x = 1;\n```\n"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no block has 'id nowhere'");
    }
  }

  /** The text up to the first space: a directive's name. */
  private static String firstWord(String directive) {
    int space = directive.indexOf(' ');
    return space < 0 ? directive : directive.substring(0, space);
  }
}
