package io.github.puregrad.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.plot.Plot;
import io.github.puregrad.viz.DotProgram;
import io.github.puregrad.viz.Explorer;
import io.github.puregrad.viz.Svg;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicturesTest {
  @TempDir Path dir;

  private static Expr.Leaf leaf(Gradients grads, String label) {
    return grads
        .graph()
        .nodes()
        .filter(Expr.Leaf.class::isInstance)
        .map(Expr.Leaf.class::cast)
        .find(leaf -> leaf.label().equals(label))
        .get();
  }

  @Nested
  class Neuron {
    /** micrograd's lecture: o = tanh(n) = 0.7071, do/dn = 1 - o^2 = 0.5, x1.grad = w1 * 0.5. */
    @Test
    void shouldHaveTheLectureGradients() {
      Gradients grads = Pictures.neuron();
      assertThat(grads.graph().output().value()).isCloseTo(Math.sqrt(0.5), within(1e-9));
      assertThat(grads.get(leaf(grads, "x1"))).isCloseTo(-1.5, within(1e-9));
      assertThat(grads.get(leaf(grads, "w1"))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void shouldWriteNeuronSvgShowingTheGradients() throws Exception {
      DotProgram.require();
      Path svg = Pictures.neuron(dir.resolve("puregrad"));
      assertThat(svg).hasFileName("neuron.svg");
      String text = Svg.parse(svg).getDocumentElement().getTextContent();
      assertThat(text).contains("x1").contains("grad -1.5000");
    }
  }

  @Nested
  class Plots {
    @Test
    void shouldWriteTheLossCurve() throws Exception {
      Path png = Pictures.lossCurve(List.of(0.9, 0.4, 0.2), dir.resolve("loss.png"));
      assertThat(ImageIO.read(png.toFile())).isNotNull();
    }

    @Test
    void shouldWriteTheDecisionBoundary() throws Exception {
      double[][] points = {{0, 0}, {1, 1}};
      Path png =
          Pictures.decisionBoundary(
              Plot.decisionBoundary((x, y) -> x - 0.5, points, new int[] {-1, 1}),
              dir.resolve("moons.png"));
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).isNotNull();
    }
  }

  /** The tutorial's section 16: a 2x2 filter over a 3x3 image, and its committed pictures. */
  @Nested
  class Convolution {
    /** Each weight meets four pixels: w00 the top-left of each window, 1 + 2 + 4 + 5 = 12. */
    @Test
    void shouldSumTheFourPositionsIntoEachWeightsGradientWhenTheOutputsAreAdded() {
      Gradients grads = Autodiff.backward(DocsPictures.conv3x3());
      assertThat(grads.graph().output().value()).isCloseTo(82.0, within(1e-12));
      assertThat(grads.graph().nodes().size()).isEqualTo(49);
      assertThat(grads.get(leaf(grads, "w00"))).isCloseTo(12.0, within(1e-12));
      assertThat(grads.get(leaf(grads, "w11"))).isCloseTo(28.0, within(1e-12));
      assertThat(grads.get(leaf(grads, "b"))).isCloseTo(4.0, within(1e-12));
      assertThat(grads.get(leaf(grads, "x11"))).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void shouldDrawW00AndItsFourProductsInRedWhenDrawingTheGraph() {
      String dot = DocsPictures.convDot(DocsPictures.conv3x3());
      assertThat(dot).contains("rankdir=TB").contains("w00 | data 1.0000 | grad 12.0000");
      assertThat(dot.lines().filter(line -> line.contains("penwidth=2]")).count()).isEqualTo(4);
      assertThat(dot.lines().filter(line -> line.contains("shape=ellipse, color=")).count())
          .isEqualTo(4);
    }

    /** docs/tutorial.md links a committed copy; regenerate it with DocsPictures when this fails. */
    @Test
    void shouldMatchTheExplorerPageCommittedInTheDocsWhenBuiltAsTheTutorialBuildsIt()
        throws Exception {
      // the demo's tests run in the project root (demo/pom.xml)
      String committed = Files.readString(Path.of("docs/explorer/conv-3x3.html"));
      assertThat(committed).isEqualTo(Explorer.of(DocsPictures.conv3x3()));
    }
  }
}
