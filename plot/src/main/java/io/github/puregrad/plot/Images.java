package io.github.puregrad.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Pictures made of small images, drawn with Java 2D into PNG files: a grid of images with captions
 * (digits, learned filters) and a confusion matrix. Each image is a row-major array of numbers.
 *
 * <pre>{@code
 * Images.grid(List.of(pixels), 8, 8, List.of("a 7"), Images.Scale.GRAY, 4, "digits")
 *     .write(Path.of("digits.png"));
 * Images.confusion(counts, "digits: true class by predicted class").write(Path.of("confusion.png"));
 * }</pre>
 *
 * <p>{@link Scale#GRAY} shows 0 as white and the largest value as black, as scikit-learn's digits
 * are drawn; {@link Scale#DIVERGING} shows 0 as white, positive values red and negative blue, each
 * image scaled by its own largest magnitude, for weights.
 */
public final class Images {
  private static final int CELL = 24; // pixels per image pixel
  private static final int GAP = 16;
  private static final int CAPTION = 22;
  private static final int TITLE = 36;

  private final BufferedImage image;

  private Images(BufferedImage image) {
    this.image = image;
  }

  /** How numbers become colours. */
  public enum Scale {
    /** 0 white, the largest value of all images black. */
    GRAY,
    /** 0 white, positive red, negative blue, each image scaled by its largest magnitude. */
    DIVERGING
  }

  /**
   * {@return the images in a grid of {@code columns} columns, each with its caption below}
   *
   * @throws IllegalArgumentException if there is no image, an image is not {@code height · width}
   *     numbers, or there is not one caption per image
   */
  public static Images grid(
      List<double[]> images,
      int height,
      int width,
      List<String> captions,
      Scale scale,
      int columns,
      String title) {
    Objects.requireNonNull(images, "images is null");
    Objects.requireNonNull(captions, "captions is null");
    Objects.requireNonNull(scale, "scale is null");
    Objects.requireNonNull(title, "title is null");
    if (images.isEmpty() || captions.size() != images.size() || columns < 1) {
      throw new IllegalArgumentException(
          "expected at least 1 image, one caption each and 1 column, got "
              + images.size()
              + ", "
              + captions.size()
              + " and "
              + columns);
    }
    double top = 0;
    for (double[] pixels : images) {
      if (pixels.length != height * width) {
        throw new IllegalArgumentException(
            "expected images of " + height * width + " numbers, got " + pixels.length);
      }
      for (double v : pixels) {
        top = Math.max(top, Math.abs(v));
      }
    }
    int cols = Math.min(columns, images.size());
    int rows = (images.size() + cols - 1) / cols;
    int cellW = width * CELL + GAP;
    int cellH = height * CELL + CAPTION + GAP;
    BufferedImage out =
        new BufferedImage(
            cols * cellW + GAP, TITLE + rows * cellH + GAP, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(out, title);
    for (int n = 0; n < images.size(); n++) {
      double[] pixels = images.get(n);
      double own = 0;
      for (double v : pixels) {
        own = Math.max(own, Math.abs(v));
      }
      double range = scale == Scale.GRAY ? top : own;
      int x0 = GAP + (n % cols) * cellW;
      int y0 = TITLE + (n / cols) * cellH;
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          double v = range == 0 ? 0 : pixels[r * width + c] / range;
          g.setColor(scale == Scale.GRAY ? gray(v) : diverging(v));
          g.fillRect(x0 + c * CELL, y0 + r * CELL, CELL, CELL);
        }
      }
      g.setColor(Color.GRAY);
      g.drawRect(x0, y0, width * CELL, height * CELL);
      g.setColor(Color.BLACK);
      g.drawString(captions.get(n), x0, y0 + height * CELL + CAPTION - 4);
    }
    g.dispose();
    return new Images(out);
  }

  /**
   * {@return a confusion matrix: {@code counts[t][p]} examples of class t predicted as p, each cell
   * shaded by its count, with the count written in it}
   *
   * @throws IllegalArgumentException if {@code counts} is not square or empty
   */
  public static Images confusion(int[][] counts, String title) {
    Objects.requireNonNull(counts, "counts is null");
    Objects.requireNonNull(title, "title is null");
    int n = counts.length;
    int max = 1;
    for (int[] row : counts) {
      if (row.length != n) {
        throw new IllegalArgumentException("expected a square matrix of counts");
      }
      for (int c : row) {
        max = Math.max(max, c);
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("expected at least 1 class, got 0");
    }
    int cell = 44;
    int left = 90;
    int top = TITLE + 40;
    BufferedImage out =
        new BufferedImage(left + n * cell + GAP, top + n * cell + 60, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(out, title);
    FontMetrics metrics = g.getFontMetrics();
    for (int t = 0; t < n; t++) {
      for (int p = 0; p < n; p++) {
        double share = counts[t][p] / (double) max;
        g.setColor(
            t == p ? blend(new Color(50, 136, 189), share) : blend(new Color(213, 62, 79), share));
        g.fillRect(left + p * cell, top + t * cell, cell, cell);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left + p * cell, top + t * cell, cell, cell);
        if (counts[t][p] > 0) {
          String text = Integer.toString(counts[t][p]);
          g.setColor(share > 0.6 ? Color.WHITE : Color.BLACK);
          g.drawString(
              text,
              left + p * cell + (cell - metrics.stringWidth(text)) / 2,
              top + t * cell + cell / 2 + 6);
        }
      }
      g.setColor(Color.BLACK);
      g.drawString(Integer.toString(t), left - 20, top + t * cell + cell / 2 + 6);
      g.drawString(Integer.toString(t), left + t * cell + cell / 2 - 4, top - 8);
    }
    g.drawString("predicted", left + n * cell / 2 - 30, top - 26);
    g.drawString("true", 12, top + n * cell / 2);
    g.dispose();
    return new Images(out);
  }

  /**
   * Draws this picture into {@code file} as PNG, creating missing parent directories.
   *
   * @return {@code file}
   * @throws IllegalArgumentException if the file name does not end in .png
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path write(Path file) {
    Objects.requireNonNull(file, "file is null");
    if (!file.toString().endsWith(".png")) {
      throw new IllegalArgumentException("expected a file name ending in .png, got " + file);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  private static Graphics2D graphics(BufferedImage out, String title) {
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, GAP, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    return g;
  }

  /** 0 white to 1 black. */
  private static Color gray(double v) {
    int level = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, v))));
    return new Color(level, level, level);
  }

  /** -1 blue, 0 white, 1 red. */
  private static Color diverging(double v) {
    double s = Math.max(-1, Math.min(1, v));
    return s >= 0 ? blend(new Color(213, 62, 79), s) : blend(new Color(50, 136, 189), -s);
  }

  /** White blended towards {@code color} by {@code share} in [0, 1]. */
  private static Color blend(Color color, double share) {
    return new Color(
        (int) Math.round(255 + (color.getRed() - 255) * share),
        (int) Math.round(255 + (color.getGreen() - 255) * share),
        (int) Math.round(255 + (color.getBlue() - 255) * share));
  }
}
