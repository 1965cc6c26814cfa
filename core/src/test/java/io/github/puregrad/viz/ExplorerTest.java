package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.expr.Lecture;
import io.github.puregrad.expr.UnaryOp;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.grad.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Point;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The backprop explorer page: its text here, its behaviour in a real headless Chromium driven by
 * Selenium. Steps are numbered as in the page's {@code #step=N}: 1 to n compute the n nodes, n + 1
 * seeds the output, n + 2 + k is the k-th edge of the {@link Trace}.
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

  /** {@code text}'s steps of this kind: the data, not the script's own code. */
  private static long steps(String text, String kind) {
    return Pattern.compile("\\{kind: '" + kind + "', (node|from): \\d")
        .matcher(text)
        .results()
        .count();
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
      assertThat(new long[] {steps(page, "forward"), steps(page, "seed"), steps(page, "backward")})
          .containsExactly(trace.graph().size(), 1, trace.edges().size());
    }

    @Test
    void shouldExploreALoneLeafInTwoSteps() {
      String page = Explorer.of(Expr.of(1.0, "x"));
      assertThat(
              new long[] {
                occurrences(page, "<h1>backprop explorer: x</h1>"),
                steps(page, "forward") + steps(page, "seed"),
                steps(page, "backward")
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
      assertThat(digits12(committed)).isEqualTo(digits12(Explorer.of(Lecture.labelledNeuron())));
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
   * The page in a real browser (Debian's chromium, driven by Selenium WebDriver through its
   * chromedriver): clicks, keys and edits, then the DOM. One browser for the class. Tagged slow so
   * that PIT leaves them out ({@code mvn verify} runs them).
   */
  /**
   * {@return {@code output}'s graph built again, node by node in topological order (so that the
   * positions stay the same), with the leaf named {@code name} holding {@code value}}
   */
  private static Expr withLeaf(Expr output, String name, double value) {
    Graph graph = Graph.of(output);
    Expr[] rebuilt = new Expr[graph.size()];
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      int at = p;
      IntFunction<Expr> operand = k -> rebuilt[graph.operandPosition(at, k)];
      if (node instanceof Expr.Binary b) {
        rebuilt[p] = operand.apply(0).apply(b.op(), operand.apply(1)).withLabel(b.label());
      } else if (node instanceof Expr.Unary u) {
        rebuilt[p] = operand.apply(0).apply(u.op()).withLabel(u.label());
      } else {
        Expr.Leaf leaf = (Expr.Leaf) node;
        rebuilt[p] = leaf.label().equals(name) ? leaf.withValue(value) : leaf;
      }
    }
    return rebuilt[graph.size() - 1];
  }

  @Nested
  @Tag("slow")
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class InTheBrowser {
    private static final double RECOMPUTED = 1e-12; // the browser's Math against the JDK's

    private ChromeDriver driver;
    private Path dir;

    @BeforeAll
    void startTheBrowser() throws Exception {
      driver = Browser.start();
      dir = Files.createTempDirectory("explorer");
    }

    @AfterAll
    void stopTheBrowser() {
      if (driver != null) {
        driver.quit();
      }
    }

    private void open(Expr output, String fragment) {
      Path page = Explorer.write(output, dir.resolve("page" + System.nanoTime() + ".html"));
      driver.get(page.toUri() + fragment);
    }

    private List<Integer> current() {
      return driver.findElements(By.cssSelector(".node[aria-current=step]")).stream()
          .map(e -> Integer.parseInt(e.getAttribute("data-pos")))
          .toList();
    }

    private String text(String id) {
      return driver.findElement(By.id(id)).getText();
    }

    private double panel(String field) {
      return Double.parseDouble(driver.findElement(By.id("panel")).getAttribute("data-" + field));
    }

    private double node(int p, String attribute) {
      return Double.parseDouble(
          driver.findElement(By.id("n" + p)).getAttribute("data-" + attribute));
    }

    private void type(WebElement field, String text) {
      field.clear();
      field.sendKeys(text, Keys.ENTER);
    }

    private WebElement leaf(Graph graph, String name) {
      for (int p = 0; p < graph.size(); p++) {
        if (graph.node(p).label().equals(name)) {
          return driver.findElement(By.id("leaf" + p));
        }
      }
      return fail("no leaf " + name);
    }

    /** Every node's value, and at the last step its gradient, as the library computes them. */
    private void assertTheLibrarysNumbers(Expr output) {
      driver.findElement(By.tagName("body")).sendKeys(Keys.END);
      Gradients grads = Autodiff.backward(output);
      Graph graph = grads.graph();
      for (int p = 0; p < graph.size(); p++) {
        Expr expected = graph.node(p);
        assertThat(node(p, "value"))
            .as("value of %s", expected)
            .isCloseTo(expected.value(), within(RECOMPUTED * (1 + Math.abs(expected.value()))));
        double grad = grads.at(p);
        assertThat(node(p, "grad"))
            .as("gradient of %s", expected)
            .isCloseTo(grad, within(RECOMPUTED * (1 + Math.abs(grad))));
      }
    }

    @Test
    void shouldOpenTheFirstStepWithoutAFragment() {
      open(Lecture.neuron(), "");
      assertThat(current()).containsExactly(0);
    }

    @Test
    void shouldHighlightTheNodeWhoseRuleIsAppliedAndShowTheRule() {
      Expr o = Lecture.labelledNeuron();
      open(o, "#step=12"); // 10 nodes, the seed, then tanh's rule: the first backward step
      WebElement receiving = driver.findElement(By.cssSelector(".node.receiving"));
      assertThat(
              List.of(current(), receiving.getAttribute("data-pos"), text("rule"), text("product")))
          .containsExactly(
              List.of(9), "8", "∂o/∂n = 1 − o² = 0.5", "grad o × ∂o/∂n = 1 × 0.5 = 0.5");
    }

    @Test
    void shouldNameAUserDefinedOperationThatGivesNoRule() {
      UnaryOp myexp = UnaryOp.of("myexp", Math::exp, (x, y) -> y);
      Expr y = Expr.of(1.0, "x").apply(myexp).withLabel("y");
      open(y, "#step=4");
      assertThat(text("rule")).isEqualTo("∂y/∂x = myexp′(x) = 2.71828");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5})
    void shouldShowTheTraceEdgeNumbersAtABackwardStep(int k) {
      Expr o = twice();
      Trace trace = Trace.of(o);
      Trace.Edge edge = trace.edges().get(k);
      double old =
          trace
              .edges()
              .take(k)
              .filter(e -> e.operand() == edge.operand())
              .lastOption()
              .map(Trace.Edge::total)
              .getOrElse(0.0);
      open(o, "#step=" + (trace.graph().size() + 2 + k));
      assertThat(current()).containsExactly(trace.graph().positionOf(edge.node()));
      assertThat(
              new double[] {
                panel("upstream"),
                panel("local"),
                panel("product"),
                panel("old"),
                panel("accumulated")
              })
          .containsExactly(
              new double[] {edge.upstream(), edge.local(), edge.contribution(), old, edge.total()},
              within(EXACT));
    }

    @Test
    void shouldShowTheSecondContributionAsOldPlusProductEqualsNew() {
      Expr a = Expr.of(-3.0, "a");
      Expr c = a.mul(2.0).withLabel("c").add(a.mul(3.0).withLabel("d")).withLabel("s");
      Trace trace = Trace.of(c);
      int second = trace.edges().lastIndexWhere(e -> e.operand() == a);
      open(c, "#step=" + (trace.graph().size() + 2 + second));
      assertThat(text("sum")).isEqualTo("grad a = 3 + 2 = 5");
    }

    @Test
    void shouldShowADashForEveryGradientNotYetReached() {
      Expr o = Lecture.labelledNeuron();
      open(o, "#step=11"); // the seed
      List<String> grads =
          driver.findElements(By.cssSelector("text.grad")).stream()
              .map(WebElement::getText)
              .toList();
      assertThat(grads)
          .hasSize(10)
          .endsWith("grad 1")
          .startsWith(Collections.nCopies(9, "grad —").toArray(String[]::new));
    }

    @Test
    void shouldStepWithTheButtonsAndTheArrowKeys() {
      open(Lecture.neuron(), "");
      driver.findElement(By.id("next")).click();
      driver.findElement(By.id("next")).click();
      driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_LEFT);
      assertThat(List.of(current(), driver.getCurrentUrl().replaceAll(".*#", "#")))
          .containsExactly(List.of(1), "#step=2");
    }

    @Test
    void shouldKeepTheButtonsInPlaceAsTheCounterGrows() {
      open(Lecture.neuron(), "#step=9");
      WebElement back = driver.findElement(By.id("back"));
      WebElement next = driver.findElement(By.id("next"));
      List<Point> before = List.of(back.getLocation(), next.getLocation());
      next.click(); // "step 9 of 20 (forward)" becomes "step 10 of 20 (forward)"
      driver.findElement(By.tagName("body")).sendKeys(Keys.END); // and "(backward)"
      assertThat(List.of(back.getLocation(), next.getLocation())).isEqualTo(before);
    }

    @Test
    void shouldOpenTheLastStepWhenDeepLinkIsPastTheEnd() {
      Expr o = Lecture.neuron();
      Trace trace = Trace.of(o);
      int steps = trace.graph().size() + 1 + trace.edges().size();
      open(o, "#step=" + (steps + 100));
      assertThat(text("counter")).isEqualTo("step " + steps + " of " + steps + " (backward)");
    }

    @Test
    void shouldShowEveryGradientOfAutodiffAtTheLastStep() {
      Expr o = twice();
      open(o, "");
      assertTheLibrarysNumbers(o);
    }

    @Test
    void shouldRecomputeEveryValueAndGradientWhenALeafChanges() {
      Expr o = Lecture.labelledNeuron();
      open(o, "#step=12");
      type(leaf(Graph.of(o), "x1"), "1.5");
      Expr expected = withLeaf(o, "x1", 1.5);
      assertTheLibrarysNumbers(expected);
    }

    @Test
    void shouldTakeAGradientStepOnTheCheckedLeaves() {
      Expr o = Lecture.labelledNeuron();
      Graph graph = Graph.of(o);
      Gradients grads = Autodiff.backward(o);
      open(o, "");
      leaf(graph, "x1").findElement(By.xpath("../input[@type='checkbox']")).click();
      leaf(graph, "x2").findElement(By.xpath("../input[@type='checkbox']")).click();
      type(driver.findElement(By.id("rate")), "-0.5");
      driver.findElement(By.id("step")).click();
      Expr stepped = o;
      for (String name : List.of("w1", "w2", "b")) {
        Expr.Leaf p = (Expr.Leaf) graph.nodes().find(e -> e.label().equals(name)).get();
        stepped = withLeaf(stepped, name, p.value() - 0.5 * grads.get(p));
      }
      assertThat(text("moved")).startsWith("o: 0.707107 → ");
      assertTheLibrarysNumbers(stepped);
    }

    @Test
    void shouldComputeEveryBuiltInOperationAsTheLibraryDoes() {
      Expr x = Expr.of(0.5, "x");
      Expr y = Expr.of(1.25, "y");
      Expr all = x;
      for (UnaryOp op : UnaryOp.BUILT_IN) {
        all = all.add(x.apply(op));
      }
      for (BinaryOp op : BinaryOp.BUILT_IN) {
        all = all.add(x.apply(op, y));
      }
      Expr program = all.add(x.pow(3)).add(y.pow(-1.5)).add(x.pow(0)).withLabel("f");
      open(program, "");
      type(leaf(Graph.of(program), "x"), "0.75");
      type(leaf(Graph.of(program), "y"), "2");
      assertTheLibrarysNumbers(withLeaf(withLeaf(program, "x", 0.75), "y", 2.0));
    }

    @Test
    void shouldRefuseAValueThatIsNotANumberWithOneLine() {
      Expr o = Lecture.labelledNeuron();
      open(o, "");
      type(leaf(Graph.of(o), "w1"), "abc");
      assertThat(text("message")).isEqualTo("w1: \"abc\" is not a finite number");
      assertTheLibrarysNumbers(o);
    }

    @Test
    void shouldNotEditAGraphWithAUserDefinedOperation() {
      UnaryOp myexp = UnaryOp.of("myexp", Math::exp, (x, y) -> y);
      open(Expr.of(1.0, "x").apply(myexp), "");
      assertThat(
              List.of(
                  driver.findElement(By.id("leaf0")).isEnabled(),
                  driver.findElement(By.id("step")).isEnabled(),
                  text("message").startsWith("the page cannot compute myexp(x), a user-defined")))
          .containsExactly(false, false, true);
    }

    /** Samples every edge along its length: no point may fall inside a box. */
    @Test
    void shouldNeverDrawAnEdgeUnderABox() {
      Expr x = Expr.of(0.5, "x");
      Expr wide =
          x.mul(x).add(x.exp()).tanh().mul(x.sin()).add(x.pow(3)).div(Expr.of(2.0).add(x.relu()));
      open(wide, "");
      Object inside =
          driver.executeScript(
              "const boxes = [...document.querySelectorAll('rect')].map(r => r.getBBox());"
                  + "let hits = 0;"
                  + "document.querySelectorAll('.edge').forEach(e => {"
                  + "  const n = e.getTotalLength();"
                  + "  for (let s = 0; s <= 200; s++) {"
                  + "    const p = e.getPointAtLength(n * s / 200);"
                  + "    boxes.forEach(b => { if (p.x > b.x + 1 && p.x < b.x + b.width - 1"
                  + "      && p.y > b.y + 1 && p.y < b.y + b.height - 1) hits++; });"
                  + "  }"
                  + "});"
                  + "return hits;");
      assertThat(inside).isEqualTo(0L);
    }
  }
}
