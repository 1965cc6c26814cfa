package io.github.puregrad.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The XChart drawing of a {@link Plot}: the one class that touches XChart. */
final class Charts {
  // Colours after matplotlib's Spectral map, which micrograd's moons picture uses.
  private static final Color NEGATIVE = new Color(213, 62, 79);
  private static final Color POSITIVE = new Color(50, 136, 189);
  private static final Color NEGATIVE_AREA = new Color(250, 205, 195);
  private static final Color POSITIVE_AREA = new Color(200, 222, 242);
  private static final Color BOUNDARY = new Color(60, 60, 60);

  /** Pixels per unit of a PNG: a plot of 800 x 600 is a 1600 x 1200 image. */
  private static final int PNG_SCALE = 2;

  /** A cell's corners counter-clockwise from the lower left, as (column, row) offsets. */
  private static final int[][] CORNERS = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};

  private Charts() {}

  static void write(Plot plot, boolean png, Path file) {
    XYChart chart = chart(plot);
    try {
      byte[] bytes;
      if (png) {
        bytes = png(chart, plot.width(), plot.height());
      } else {
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(
            chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        bytes = svg.toByteArray();
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The chart painted at {@link #PNG_SCALE} pixels per unit: XChart's own encoder paints one pixel
   * per unit, which is blurry on today's screens; scaling the graphics keeps the layout and fonts.
   */
  private static byte[] png(XYChart chart, int width, int height) throws IOException {
    BufferedImage image =
        new BufferedImage(PNG_SCALE * width, PNG_SCALE * height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(PNG_SCALE, PNG_SCALE);
      chart.paint(g, width, height);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static XYChart chart(Plot plot) {
    Plot.Content content = plot.content();
    if (content instanceof Plot.LossCurve curve) {
      return lossCurve(plot, curve);
    } else if (content instanceof Plot.DecisionBoundary boundary) {
      return decisionBoundary(plot, boundary);
    }
    throw new AssertionError("unknown plot content " + content);
  }

  private static XYChart base(Plot plot, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(plot.width())
            .height(plot.height())
            .title(plot.title())
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    Styler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(true);
    styler.setLegendPosition(Styler.LegendPosition.InsideNE);
    return chart;
  }

  private static XYChart lossCurve(Plot plot, Plot.LossCurve curve) {
    XYChart chart = base(plot, curve.stepName, curve.log ? "loss (log scale)" : "loss");
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisLogarithmic(curve.log);
    double[] steps = new double[curve.losses.length];
    Arrays.setAll(steps, step -> step);
    XYSeries series = chart.addSeries("loss", steps, curve.losses);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(POSITIVE);
    series.setLineWidth(2f);
    return chart;
  }

  private static XYChart decisionBoundary(Plot plot, Plot.DecisionBoundary boundary) {
    XYChart chart = base(plot, "x", "y");
    chart.getStyler().setPlotContentSize(1.0); // the grid fills the plot, edge to edge
    chart.getStyler().setMarkerSize(9);

    double[] xRange = paddedRange(boundary.xs);
    double[] yRange = paddedRange(boundary.ys);
    Grid grid = grid(boundary, xRange, yRange);
    addRegions(chart, grid);
    addContour(chart, grid);
    addPoints(chart, boundary, false, boundary.negative, NEGATIVE);
    addPoints(chart, boundary, true, boundary.positive, POSITIVE);

    chart.getStyler().setXAxisMin(xRange[0]);
    chart.getStyler().setXAxisMax(xRange[1]);
    chart.getStyler().setYAxisMin(yRange[0]);
    chart.getStyler().setYAxisMax(yRange[1]);
    return chart;
  }

  /**
   * The sampling grid: {@code cells} x {@code cells} cells from (x0, y0), each dx by dy, and the
   * score at their corners, {@code scores[row][column]} for row and column from 0 to {@code cells}
   * (each point is scored once, for the background and the line). Never compared, so the array in a
   * record is harmless.
   */
  @SuppressWarnings("ArrayRecordComponent") // never compared, hashed nor shared (above)
  private record Grid(int cells, double x0, double y0, double dx, double dy, double[][] scores) {}

  private static Grid grid(Plot.DecisionBoundary boundary, double[] xRange, double[] yRange) {
    int cells = boundary.cells;
    double dx = (xRange[1] - xRange[0]) / cells;
    double dy = (yRange[1] - yRange[0]) / cells;
    double[][] scores = new double[cells + 1][cells + 1];
    for (int row = 0; row <= cells; row++) {
      for (int column = 0; column <= cells; column++) {
        scores[row][column] =
            boundary.score.applyAsDouble(xRange[0] + column * dx, yRange[0] + row * dy);
      }
    }
    return new Grid(cells, xRange[0], yRange[0], dx, dy, scores);
  }

  /**
   * The background: the sign of the score on a grid (a cell takes the sign of the mean of its
   * corners), drawn row by row as runs of cells of one sign, so an SVG holds a few hundred
   * rectangles rather than one per cell. Runs of one sign and length share a series (XChart sizes
   * markers per series).
   */
  private static void addRegions(XYChart chart, Grid grid) {
    int cells = grid.cells();
    double[][] scores = grid.scores();
    // runs[sign][length] = centres {x, y} of the runs of that sign and length
    List<List<List<double[]>>> runs = List.of(new ArrayList<>(), new ArrayList<>());
    for (List<List<double[]>> bySign : runs) {
      for (int length = 0; length <= cells; length++) {
        bySign.add(new ArrayList<>());
      }
    }
    int[] signs = new int[cells];
    for (int row = 0; row < cells; row++) {
      double y = grid.y0() + (row + 0.5) * grid.dy();
      for (int column = 0; column < cells; column++) {
        double score =
            scores[row][column]
                + scores[row][column + 1]
                + scores[row + 1][column]
                + scores[row + 1][column + 1];
        signs[column] = score > 0 ? 1 : score <= 0 ? 0 : -1; // -1: NaN, the cell stays white
      }
      for (int start = 0, end; start < cells; start = end) {
        end = start + 1;
        while (end < cells && signs[end] == signs[start]) {
          end++;
        }
        if (signs[start] >= 0) {
          double x = grid.x0() + 0.5 * (start + end) * grid.dx();
          runs.get(signs[start]).get(end - start).add(new double[] {x, y});
        }
      }
    }
    for (int sign = 0; sign < 2; sign++) {
      for (int length = 1; length <= cells; length++) {
        List<double[]> centres = runs.get(sign).get(length);
        if (!centres.isEmpty()) {
          XYSeries series =
              chart.addSeries(
                  (sign == 1 ? "score > 0, " : "score ≤ 0, ") + length + " cells",
                  centres.stream().mapToDouble(c -> c[0]).toArray(),
                  centres.stream().mapToDouble(c -> c[1]).toArray());
          series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          series.setMarker(new Run(length, cells));
          series.setMarkerColor(sign == 1 ? POSITIVE_AREA : NEGATIVE_AREA);
          series.setShowInLegend(false);
        }
      }
    }
  }

  /**
   * The line where the score is 0, by marching squares: in each cell, the points where the score
   * changes sign along an edge, placed by linear interpolation, joined in pairs. All segments are
   * one series with a NaN between them (XChart breaks a line at NaN), in the order found.
   */
  private static void addContour(XYChart chart, Grid grid) {
    int cells = grid.cells();
    double[][] scores = grid.scores();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    double[] crossing = new double[8];
    for (int row = 0; row < cells; row++) {
      for (int column = 0; column < cells; column++) {
        double[] s = {
          scores[row][column],
          scores[row][column + 1],
          scores[row + 1][column + 1],
          scores[row + 1][column]
        };
        int found = 0;
        for (int edge = 0; edge < 4; edge++) {
          double a = s[edge];
          double b = s[(edge + 1) % 4];
          if (Double.isFinite(a) && Double.isFinite(b) && (a > 0) != (b > 0)) {
            double t = a / (a - b);
            int[] from = CORNERS[edge];
            int[] to = CORNERS[(edge + 1) % 4];
            crossing[2 * found] =
                grid.x0() + (column + from[0] + t * (to[0] - from[0])) * grid.dx();
            crossing[2 * found + 1] =
                grid.y0() + (row + from[1] + t * (to[1] - from[1])) * grid.dy();
            found++;
          }
        }
        // 2 crossings: one segment; 4 (a saddle): two, pairing neighbouring edges
        for (int k = 0; k + 1 < found; k += 2) {
          xs.add(crossing[2 * k]);
          ys.add(crossing[2 * k + 1]);
          xs.add(crossing[2 * k + 2]);
          ys.add(crossing[2 * k + 3]);
          xs.add(Double.NaN);
          ys.add(Double.NaN);
        }
      }
    }
    if (xs.isEmpty()) {
      return;
    }
    XYSeries line =
        chart.addSeries(
            "score = 0",
            xs.stream().mapToDouble(Double::doubleValue).toArray(),
            ys.stream().mapToDouble(Double::doubleValue).toArray());
    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(BOUNDARY);
    line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    line.setShowInLegend(false);
  }

  private static void addPoints(
      XYChart chart, Plot.DecisionBoundary boundary, boolean positive, String name, Color color) {
    int[] labels = boundary.labels;
    double[] xs = new double[labels.length];
    double[] ys = new double[labels.length];
    int count = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] > 0 == positive) {
        xs[count] = boundary.xs[i];
        ys[count++] = boundary.ys[i];
      }
    }
    if (count == 0) {
      return;
    }
    XYSeries series = chart.addSeries(name, Arrays.copyOf(xs, count), Arrays.copyOf(ys, count));
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(color);
  }

  /** [min, max] of {@code values} with a quarter of the span on each side (1 if all equal). */
  private static double[] paddedRange(double[] values) {
    double min = Arrays.stream(values).min().orElseThrow();
    double max = Arrays.stream(values).max().orElseThrow();
    double margin = max > min ? 0.25 * (max - min) : 1.0;
    return new double[] {min - margin, max + margin};
  }

  /**
   * A run of {@code length} grid cells in one row of the background. XChart has one marker size for
   * a whole chart, so the run sizes itself: the plot content is clipped to the plot area while
   * markers are painted, and with a content size of 1.0 the grid spans exactly that area.
   */
  private static final class Run extends Marker {
    private final int length;
    private final int cells;

    Run(int length, int cells) {
      this.length = length;
      this.cells = cells;
    }

    @Override
    public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
      Rectangle plot = g.getClipBounds();
      double cellWidth = plot == null ? markerSize : (double) plot.width / cells;
      double height = plot == null ? markerSize : (double) plot.height / cells;
      double width = length * cellWidth;
      // half a pixel more on each side, so antialiased neighbours leave no seams
      g.fill(
          new Rectangle2D.Double(
              xOffset - width / 2 - 0.5, yOffset - height / 2 - 0.5, width + 1, height + 1));
    }
  }
}
