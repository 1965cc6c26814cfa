package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    void shouldWriteAPngOfTheRequestedSize() throws Exception {
      BufferedImage image = read(plot.withSize(640, 480).write(dir.resolve("loss.png")));
      assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(640, 480);
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
    void shouldWriteAPngOfTheRequestedSize() throws Exception {
      BufferedImage image = read(plot.withSize(500, 400).write(dir.resolve("moons.png")));
      assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(500, 400);
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
}
