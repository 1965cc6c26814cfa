package io.github.puregrad.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.viz.Svg;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {
  private static final double[][] POINTS = {{-1, 0}, {-0.5, 1}, {0.5, -1}, {1, 0}};
  private static final int[] LABELS = {-1, -1, 1, 1};

  @TempDir Path dir;

  private static BufferedImage read(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a PNG that ImageIO can read").isNotNull();
    return image;
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  @Nested
  class LossCurve {
    private final Plot plot = Plot.lossCurve(new double[] {0.9, 1.7, 0.7, 0.4, 0.2, 0.1});

    @Test
    void shouldWriteAPngOfTwiceTheRequestedSizeInPixels() throws Exception {
      BufferedImage image = read(plot.withSize(640, 480).write(dir.resolve("loss.png")));
      assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(1280, 960);
    }

    @Test
    void shouldKeepALinearAxisWhenTheLossesSpanTwoDecadesOrLess() {
      assertThat(plot.logScale()).isFalse();
      assertThat(Plot.lossCurve(new double[] {1.0, 0.01}).logScale()).isFalse();
    }

    @Test
    void shouldChooseALogAxisWhenTheLossesSpanMoreThanTwoDecades() {
      assertThat(Plot.lossCurve(new double[] {1.0, 0.5, 0.0099}).logScale()).isTrue();
    }

    @Test
    void shouldKeepALinearAxisWhenALossIsZero() {
      assertThat(Plot.lossCurve(new double[] {1.0, 0.0}).logScale()).isFalse();
    }

    @Test
    void shouldWriteALogScaleCurve() throws Exception {
      Plot log = Plot.lossCurve(new double[] {1.0, 1e-2, 1e-4, 1e-6}).withLogScale(true);
      assertThat(distinctColours(read(log.write(dir.resolve("log.png"))))).isGreaterThan(1);
    }

    @Test
    void shouldLetTheCallerTurnTheLogAxisOff() {
      Plot curve = Plot.lossCurve(new double[] {1.0, 1e-6});
      assertThat(curve.withLogScale(false).logScale()).isFalse();
    }

    @Test
    void shouldRefuseALogAxisWhenALossIsNotPositive() {
      Plot zero = Plot.lossCurve(new double[] {1.0, 0.0});
      assertThatThrownBy(() -> zero.withLogScale(true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a log scale needs losses above 0, got 0.0 at step 1");
    }

    @Test
    void shouldTitleTheStepAxisWithTheGivenName() {
      Plot.LossCurve curve = (Plot.LossCurve) plot.withStepName("epoch").content();
      assertThat(curve.stepName).isEqualTo("epoch");
      assertThat(((Plot.LossCurve) plot.content()).stepName).isEqualTo("step");
    }

    @Test
    void shouldRefuseClassNames() {
      assertThatThrownBy(() -> plot.withClassNames("a", "b"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("class names are for a decision boundary, not a loss curve");
    }

    @Test
    void shouldDrawSomethingInThePng() throws Exception {
      assertThat(distinctColours(read(plot.write(dir.resolve("loss.png"))))).isGreaterThan(1);
    }

    @Test
    void shouldWriteAnSvgThatParsesAsXml() throws Exception {
      Path svg = plot.write(dir.resolve("loss.svg"));
      assertThat(Svg.parse(svg).getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void shouldAcceptLossesAsAList() throws Exception {
      Path png = Plot.lossCurve(List.of(0.9, 0.5, 0.1)).write(dir.resolve("list.png"));
      assertThat(Files.size(png)).isPositive();
    }

    @Test
    void shouldCreateMissingDirectories() {
      assertThat(plot.write(dir.resolve("a/b/loss.png"))).exists();
    }

    @Test
    void shouldRejectNoLosses() {
      assertThatThrownBy(() -> Plot.lossCurve(new double[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected at least one loss, got none");
    }

    @Test
    void shouldRejectANaNLossNamingItsStep() {
      assertThatThrownBy(() -> Plot.lossCurve(new double[] {1.0, Double.NaN}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("loss at step 1 is NaN: expected a finite number");
    }

    @Test
    void shouldRejectAFileNameWithAnotherEnding() {
      assertThatThrownBy(() -> plot.write(dir.resolve("loss.jpg")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected a file name ending in .svg or .png");
    }

    @Test
    void shouldRejectATinySize() {
      assertThatThrownBy(() -> plot.withSize(0, 480))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got 0 x 480");
    }
  }

  @Nested
  class DecisionBoundary {
    // the boundary x = 0: left of it negative, right of it positive
    private final Plot plot = Plot.decisionBoundary((x, y) -> x, POINTS, LABELS);

    @Test
    void shouldWriteAPngOfTwiceTheRequestedSizeInPixels() throws Exception {
      BufferedImage image = read(plot.withSize(500, 400).write(dir.resolve("moons.png")));
      assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(1000, 800);
    }

    @Test
    void shouldDrawTheLineWhereTheScoreIsZero() throws Exception {
      BufferedImage image = read(plot.withSize(400, 400).write(dir.resolve("moons.png")));
      // the score x is 0 on the vertical line through the middle of the plot area; the boundary
      // colour is a dark grey, darker than both regions and the points' colours
      int y = (int) (0.85 * image.getHeight());
      int darkest = 255;
      for (int x = (int) (0.45 * image.getWidth()); x < 0.6 * image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        darkest = Math.min(darkest, ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff));
      }
      assertThat(darkest).isLessThan(3 * 120);
    }

    @Test
    void shouldRefuseALogScale() {
      assertThatThrownBy(() -> plot.withLogScale(true))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("a log scale is for a loss curve, not a decision boundary");
      assertThat(plot.logScale()).isFalse();
      assertThatThrownBy(() -> plot.withStepName("epoch"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("a step name is for a loss curve, not a decision boundary");
    }

    @Test
    void shouldDrawSomethingInThePng() throws Exception {
      assertThat(distinctColours(read(plot.write(dir.resolve("moons.png"))))).isGreaterThan(1);
    }

    @Test
    void shouldColourTheTwoSidesOfTheBoundaryDifferently() throws Exception {
      BufferedImage image = read(plot.withSize(400, 400).write(dir.resolve("moons.png")));
      // the points span x in [-1, 1], so the plot spans [-1.5, 1.5] and its quarter lines lie
      // well inside the two half planes; sample near the bottom, away from points and legend
      int y = (int) (0.85 * image.getHeight());
      int left = image.getRGB((int) (0.3 * image.getWidth()), y);
      int right = image.getRGB((int) (0.8 * image.getWidth()), y);
      assertThat(left).isNotEqualTo(right);
    }

    @Test
    void shouldWriteAnSvg() throws Exception {
      Path svg = plot.withResolution(20).write(dir.resolve("moons.svg"));
      assertThat(Files.readString(svg)).contains("<svg");
    }

    @Test
    void shouldRejectLabelsThatDoNotMatchThePoints() {
      assertThatThrownBy(() -> Plot.decisionBoundary((x, y) -> x, POINTS, new int[] {1, -1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 4 labels (one per point), got 2");
    }

    @Test
    void shouldRejectAPointWithoutTwoCoordinates() {
      double[][] points = {{0, 0}, {1, 2, 3}};
      assertThatThrownBy(() -> Plot.decisionBoundary((x, y) -> x, points, new int[] {1, -1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("point 1 has 3 coordinates, expected 2");
    }

    @Test
    void shouldRejectNoPoints() {
      assertThatThrownBy(() -> Plot.decisionBoundary((x, y) -> x, new double[0][], new int[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected at least one point, got none");
    }

    @Test
    void shouldRejectAResolutionBelowTwoCells() {
      assertThatThrownBy(() -> plot.withResolution(1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 to 1000 cells per axis, got 1");
    }
  }

  @Nested
  class FromADatasetAndAModel {
    private final Dataset data =
        Dataset.of(POINTS, new double[] {LABELS[0], LABELS[1], LABELS[2], LABELS[3]});

    @Test
    void shouldDrawAnyFunctionOfTwoInputs() throws Exception {
      Plot plot = Plot.decisionBoundary(x -> Expr.of(x.get(0)), data).withResolution(20);
      assertThat(distinctColours(read(plot.write(dir.resolve("f.png"))))).isGreaterThan(1);
    }

    @Test
    void shouldDrawANetwork() throws Exception {
      Mlp mlp = Mlp.of(2, io.vavr.collection.List.of(4, 1), new SplittableRandom(1));
      Plot plot = Plot.decisionBoundary(mlp, data).withResolution(20);
      assertThat(distinctColours(read(plot.write(dir.resolve("mlp.png"))))).isGreaterThan(1);
    }

    @Test
    void shouldRejectADatasetWithoutTwoInputs() {
      Dataset three = Dataset.of(new double[][] {{1, 2, 3}}, new double[] {1});
      assertThatThrownBy(() -> Plot.decisionBoundary(x -> Expr.of(0), three))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a dataset with 2 inputs per row, got 3");
    }

    @Test
    void shouldRejectANetworkWithoutTwoInputs() {
      Mlp mlp = Mlp.of(3, io.vavr.collection.List.of(1), new SplittableRandom(1));
      assertThatThrownBy(() -> Plot.decisionBoundary(mlp, data))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("expected a network with 2 inputs and 1 output, got MLP(3");
    }

    @Test
    void shouldTakeClassNamesForTheLegend() {
      Plot named =
          Plot.decisionBoundary(x -> Expr.of(x.get(0)), data)
              .withClassNames("upper moon", "lower moon");
      // the SVG draws text as outlines, so the names are read from the description
      Plot.DecisionBoundary boundary = (Plot.DecisionBoundary) named.content();
      assertThat(new String[] {boundary.negative, boundary.positive})
          .containsExactly("upper moon", "lower moon");
    }

    @Test
    void shouldNameTheClassesByTheirLabelsByDefault() {
      Plot plot = Plot.decisionBoundary(x -> Expr.of(x.get(0)), data);
      Plot.DecisionBoundary boundary = (Plot.DecisionBoundary) plot.content();
      assertThat(new String[] {boundary.negative, boundary.positive})
          .containsExactly("class -1", "class 1");
    }
  }
}
