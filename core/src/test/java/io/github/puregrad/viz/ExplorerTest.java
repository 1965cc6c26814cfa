package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.expr.Lecture;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.grad.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backprop explorer page: its text here, its behaviour in a real headless Chromium. Steps are
 * numbered as in the page's {@code #step=N}: 1 to n compute the n nodes, n + 1 seeds the output, n
 * + 2 + k is the k-th edge of the {@link Trace}.
 */
class ExplorerTest {
  private static final double EXACT = 1e-15; // the page prints Trace's doubles, round-trip

  /** (p*q) * (p+q): p and q are used twice, so their gradients are sums of two contributions. */
  private static Expr twice() {
    Expr p = Expr.of(-2.0, "p");
    Expr q = Expr.of(3.0, "q");
    return p.mul(q).mul(p.add(q));
  }

  /** {@code text} with every decimal fraction rounded to 12 significant digits. */
  private static String digits12(String text) {
    return Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?")
        .matcher(text)
        .replaceAll(m -> String.format(Locale.ROOT, "%.11e", Double.parseDouble(m.group())));
  }

  private static long occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1L;
  }

  @Nested
  class Page {
    @Test
    void shouldLoadNothingFromTheNetwork() {
      String page = Explorer.of(Lecture.neuron());
      assertThat(page).doesNotContain("http:", "https:", "<link", " src=", "@import");
    }

    @Test
    void shouldHaveAStepPerNodeThenTheSeedThenAStepPerEdge() {
      Expr o = Lecture.neuron();
      String page = Explorer.of(o);
      Trace trace = Trace.of(o);
      assertThat(
              new long[] {
                occurrences(page, "kind: 'forward'"),
                occurrences(page, "kind: 'seed'"),
                occurrences(page, "kind: 'backward'")
              })
          .containsExactly(trace.graph().size(), 1, trace.edges().size());
    }

    @Test
    void shouldExploreALoneLeafInTwoSteps() {
      String page = Explorer.of(Expr.of(1.0, "x"));
      assertThat(
              new long[] {
                occurrences(page, "<h1>backprop explorer: x</h1>"),
                occurrences(page, "kind: 'forward'") + occurrences(page, "kind: 'seed'"),
                occurrences(page, "kind: 'backward'")
              })
          .containsExactly(1, 2, 0);
    }

    @Test
    void shouldNotLetALabelEndTheScriptOrAddMarkup() {
      String page = Explorer.of(Expr.of(1.0, "</script><img onerror=x>&\"'").mul(2));
      assertThat(new long[] {occurrences(page, "</script>"), occurrences(page, "<img")})
          .containsExactly(1, 0);
    }

    @Test
    void shouldShowControlCharactersInALabelAsVisibleSymbols() {
      String page = Explorer.of(Expr.of(1.0, "a\0b\u001bc").mul(2));
      assertThat(page.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
    }

    /**
     * docs/pictures.md and the tutorial link a committed copy; regenerate it when this fails.
     * Numbers are compared to 12 digits: {@code Math.tanh} of JDK 25 differs from JDK 17's in the
     * last bit (0.7071067811865476 against ...477), and so do the gradients through it.
     */
    @Test
    void shouldMatchTheCopyCommittedInTheDocs() throws Exception {
      // the tests run in core/, the docs are one level up
      String committed = Files.readString(Path.of("../docs/explorer/neuron.html"));
      assertThat(digits12(committed)).isEqualTo(digits12(Explorer.of(Lecture.neuron())));
    }

    @Test
    void shouldWriteThePageToAFileInANewDirectory(@TempDir Path dir) throws Exception {
      Path file = Explorer.write(Lecture.neuron(), dir.resolve("new/neuron.html"));
      assertThat(file).content().startsWith("<!DOCTYPE html>");
    }
  }

  @Nested
  class Size {
    @Test
    void shouldDrawAChainAsLongAsTheLimit() {
      Expr chain = Expr.of(0.5, "x");
      for (int i = 1; i < Explorer.MAX_NODES; i++) {
        chain = chain.tanh();
      }
      assertThat(Explorer.of(chain)).contains("id=\"n" + (Explorer.MAX_NODES - 1) + "\"");
    }

    @Test
    void shouldRefuseAGraphLargerThanTheLimit() {
      Expr chain = Expr.of(0.5, "x");
      for (int i = 0; i < Explorer.MAX_NODES; i++) {
        chain = chain.tanh();
      }
      Expr tooLarge = chain;
      assertThatThrownBy(() -> Explorer.of(tooLarge))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "a graph of 2001 nodes is too large for the explorer (at most 2000):"
                  + " use Trace.of(output).render() or Dot.of(output) instead");
    }

    @Test
    @Tag("slow") // PIT leaves these out: they multiply its run time, not its kills
    void shouldRefuseAMillionNodeChainWithoutOverflowingTheStack() {
      Expr chain = Expr.of(0.5, "x");
      for (int i = 0; i < 1_000_000; i++) {
        chain = chain.tanh();
      }
      Expr deep = chain;
      assertThatThrownBy(() -> Explorer.of(deep))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1000001 nodes is too large");
    }
  }

  /**
   * The page opened by headless Chromium, its DOM read after the script ran. Tagged slow so that
   * PIT, which reruns the tests covering a mutated {@code Trace}, does not start a browser per
   * mutant; {@code mvn verify} runs them.
   */
  @Nested
  @Tag("slow")
  class InTheBrowser {
    @TempDir Path dir;

    @BeforeEach
    void requireTheBrowser() {
      Chromium.require();
    }

    private Chromium.Dom open(Expr output, String fragment) {
      Path page = Explorer.write(output, dir.resolve("page.html"));
      return Chromium.dumpDom(page, fragment, dir);
    }

    @Test
    void shouldOpenTheFirstStepWithoutAFragment() {
      Chromium.Dom dom = open(Lecture.neuron(), "");
      assertThat(dom.current()).containsExactly(0);
    }

    @Test
    void shouldHighlightNodeWhenDeepLinked() {
      Expr o = Lecture.neuron();
      Graph graph = Graph.of(o);
      Chromium.Dom dom = open(o, "#step=3");
      assertThat(dom.current()).containsExactly(2);
      assertThat(dom.number("value")).isCloseTo(graph.node(2).value(), within(EXACT));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5})
    void shouldShowTheTraceEdgeNumbersAtABackwardStep(int k) {
      Expr o = twice();
      Trace trace = Trace.of(o);
      Trace.Edge edge = trace.edges().get(k);
      double accumulated =
          trace
              .edges()
              .take(k + 1)
              .filter(e -> e.operand() == edge.operand())
              .map(Trace.Edge::contribution)
              .fold(0.0, Double::sum);
      Chromium.Dom dom = open(o, "#step=" + (trace.graph().size() + 2 + k));
      assertThat(dom.current()).containsExactly(trace.graph().positionOf(edge.operand()));
      assertThat(
              new double[] {
                dom.number("upstream"),
                dom.number("local"),
                dom.number("product"),
                dom.number("accumulated")
              })
          .containsExactly(
              new double[] {edge.upstream(), edge.local(), edge.contribution(), accumulated},
              within(EXACT));
    }

    /**
     * The buttons and keys, driven by a script appended to a copy of the page (the browser is run
     * with --dump-dom, which cannot click): two Next clicks and one left arrow from step 1.
     */
    @Test
    void shouldStepWithTheButtonsAndTheArrowKeys() throws Exception {
      Path page = Explorer.write(Lecture.neuron(), dir.resolve("page.html"));
      String clicks =
          "<script>$('next').click(); $('next').click();"
              + " document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowLeft'}));"
              + " document.body.setAttribute('data-hash', location.hash);</script>\n</body>";
      Files.writeString(page, Files.readString(page).replace("</body>", clicks));
      Chromium.Dom dom = Chromium.dumpDom(page, "", dir);
      assertThat(dom.current()).containsExactly(1);
      assertThat(dom.html()).contains("data-hash=\"#step=2\"");
    }

    @Test
    void shouldOpenTheLastStepWhenDeepLinkIsPastTheEnd() {
      Expr o = Lecture.neuron();
      Trace trace = Trace.of(o);
      int steps = trace.graph().size() + 1 + trace.edges().size();
      Chromium.Dom dom = open(o, "#step=" + (steps + 100));
      assertThat(dom.text("counter")).isEqualTo("step " + steps + " of " + steps + " (backward)");
    }

    @Test
    void shouldShowEveryLeafGradientOfAutodiffAtTheLastStep() {
      Expr o = twice();
      Gradients grads = Autodiff.backward(o);
      Graph graph = grads.graph();
      Chromium.Dom dom = open(o, "#step=999");
      assertThat(dom.nodes())
          .filteredOn(n -> "true".equals(n.get("data-leaf")))
          .hasSize(2)
          .allSatisfy(
              (Map<String, String> n) ->
                  assertThat(Double.parseDouble(n.get("data-grad")))
                      .isCloseTo(
                          grads.get(graph.node(Integer.parseInt(n.get("data-pos")))),
                          within(EXACT)));
    }
  }
}
