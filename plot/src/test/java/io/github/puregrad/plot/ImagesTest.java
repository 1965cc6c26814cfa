package io.github.puregrad.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

  @Nested
  class Grid {
    @Test
    void shouldDrawGrayImagesBlackAtTheLargestValue(@TempDir Path dir) throws Exception {
      Path file =
          Images.grid(
                  List.of(new double[] {0, 16, 8, 0}, new double[] {16, 0, 0, 16}),
                  2,
                  2,
                  List.of("a", "b"),
                  Images.Scale.GRAY,
                  2,
                  "two")
              .write(dir.resolve("grid.png"));
      BufferedImage image = ImageIO.read(file.toFile());
      // image 0's pixel (0, 1) holds 16, the largest: black
      assertThat(image.getRGB(16 + 24 + 12, 36 + 12) & 0xFFFFFF).isZero();
      assertThat(image.getRGB(16 + 12, 36 + 12) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void shouldDrawWeightsRedAndBlue(@TempDir Path dir) throws Exception {
      Path file =
          Images.grid(
                  List.of(new double[] {-1, 1}),
                  1,
                  2,
                  List.of("w"),
                  Images.Scale.DIVERGING,
                  4,
                  "weights")
              .write(dir.resolve("w.png"));
      BufferedImage image = ImageIO.read(file.toFile());
      assertThat(image.getRGB(16 + 12, 36 + 12) & 0xFFFFFF).isEqualTo(0x3288BD);
      assertThat(image.getRGB(16 + 36, 36 + 12) & 0xFFFFFF).isEqualTo(0xD53E4F);
    }

    @Test
    void shouldRejectAnImageOfTheWrongSize() {
      assertThatThrownBy(
              () ->
                  Images.grid(
                      List.of(new double[] {1}), 2, 2, List.of("x"), Images.Scale.GRAY, 1, "t"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected images of 4 numbers, got 1");
    }

    @Test
    void shouldRejectMissingCaptions() {
      assertThatThrownBy(
              () ->
                  Images.grid(
                      List.of(new double[] {1}), 1, 1, List.of(), Images.Scale.GRAY, 1, "t"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Confusion {
    @Test
    void shouldDrawTheMatrix(@TempDir Path dir) throws Exception {
      Path file =
          Images.confusion(new int[][] {{5, 1}, {0, 4}}, "two classes").write(dir.resolve("c.png"));
      assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(90 + 2 * 44 + 16);
    }

    @Test
    void shouldRejectANonSquareMatrix() {
      assertThatThrownBy(() -> Images.confusion(new int[][] {{1, 2}}, "t"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a square matrix of counts");
    }

    @Test
    void shouldRejectAnotherEnding(@TempDir Path dir) {
      assertThatThrownBy(() -> Images.confusion(new int[][] {{1}}, "t").write(dir.resolve("c.svg")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(".png");
    }
  }
}
