package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.expr.Expr;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels with characters that would break a chart or a picture. */
class EscapingTest {

  @Nested
  class MermaidLabels {
    @Test
    void shouldEscapeABacktickAtTheStartOfALabel() {
      String chart = Mermaid.of(Expr.of(1.0, "`x`").mul(2));
      assertThat(chart).doesNotContain("`");
    }

    @Test
    void shouldEscapeNulAndControlCharacters() {
      String chart = Mermaid.of(Expr.of(1.0, "a\0b\u0007c\u007f").mul(2));
      assertThat(chart.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
      assertThat(chart).doesNotContain("\u007f");
    }
  }

  @Nested
  class DotLabels {
    @Test
    void shouldEscapeNulInALabel() {
      String dot = Dot.of(Expr.of(1.0, "a\0b").mul(2));
      assertThat(dot).doesNotContain("\0");
    }

    @Test
    void shouldEscapeControlCharactersInALabel() {
      String dot = Dot.of(Expr.of(1.0, "a\u001b[31mb\rc\u007f").mul(2));
      assertThat(dot.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
      assertThat(dot).doesNotContain("\u007f");
    }
  }

  /** Fault 10 of docs/reliability.md: a label with a lone surrogate threw on writing. */
  @Nested
  class LoneSurrogates {
    @Test
    void shouldWriteTheExplorerPageOfALabelWithALoneSurrogate(@TempDir Path dir) throws Exception {
      Path page = Explorer.write(Expr.of(1.0, "x\uD800y").mul(2), dir.resolve("page.html"));
      assertThat(Files.readString(page)).contains("x\uFFFDy").doesNotContain("\uD800");
    }

    @Test
    void shouldShowALoneSurrogateInDotAsTheReplacementCharacter() {
      assertThat(Dot.of(Expr.of(1.0, "a\uDC00"))).contains("{ a\uFFFD | data 1.0000 }");
    }
  }

  @Nested
  class Size {
    @Test
    void shouldSayWhenTheTextOfAGraphWouldOverflowAString() {
      StringBuilder out = new StringBuilder("digraph {");
      assertThatThrownBy(() -> Labels.append(out, "  v1 -> v2;", 22_000_000, 12))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "a graph of 22000000 nodes is too large to export as text: more than 2147483639"
                  + " characters, the most a String holds");
    }

    @Test
    void shouldRefuseAGraphWhoseSmallestTextCannotFitBeforeRenderingIt() {
      assertThatThrownBy(() -> Labels.capacity(50_000_000, 45))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("a graph of 50000000 nodes is too large to export as text");
    }

    @Test
    void shouldAppendWhatFits() {
      StringBuilder out = new StringBuilder("digraph {");
      Labels.append(out, "}", 1, 10);
      assertThat(out).hasToString("digraph {}");
    }
  }
}
