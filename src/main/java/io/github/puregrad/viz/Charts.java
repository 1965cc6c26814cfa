package io.github.puregrad.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The XChart drawing of a {@link Plot}: the one class that touches the optional dependency. */
final class Charts {
  // Colours after matplotlib's Spectral map, which micrograd's moons picture uses.
  private static final Color NEGATIVE = new Color(213, 62, 79);
  private static final Color POSITIVE = new Color(50, 136, 189);
  private static final Color NEGATIVE_AREA = new Color(250, 205, 195);
  private static final Color POSITIVE_AREA = new Color(200, 222, 242);

  private Charts() {}

  static void write(Plot plot, boolean png, Path file) {
    XYChart chart = chart(plot);
    try {
      byte[] bytes;
      if (png) {
        bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
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
    XYChart chart = base(plot, "step", "loss");
    chart.getStyler().setLegendVisible(false);
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
    addRegions(chart, boundary, xRange, yRange);
    addPoints(chart, boundary, false, "label ≤ 0", NEGATIVE);
    addPoints(chart, boundary, true, "label > 0", POSITIVE);

    chart.getStyler().setXAxisMin(xRange[0]);
    chart.getStyler().setXAxisMax(xRange[1]);
    chart.getStyler().setYAxisMin(yRange[0]);
    chart.getStyler().setYAxisMax(yRange[1]);
    return chart;
  }

  /**
   * The background: the sign of the score on a grid, drawn row by row as runs of cells of one sign,
   * so an SVG holds a few hundred rectangles rather than one per cell. Runs of one sign and length
   * share a series (XChart sizes markers per series).
   */
  private static void addRegions(
      XYChart chart, Plot.DecisionBoundary boundary, double[] xRange, double[] yRange) {
    int cells = boundary.cells;
    double dx = (xRange[1] - xRange[0]) / cells;
    double dy = (yRange[1] - yRange[0]) / cells;
    // runs[sign][length] = centres {x, y} of the runs of that sign and length
    List<List<List<double[]>>> runs = List.of(new ArrayList<>(), new ArrayList<>());
    for (List<List<double[]>> bySign : runs) {
      for (int length = 0; length <= cells; length++) {
        bySign.add(new ArrayList<>());
      }
    }
    int[] signs = new int[cells];
    for (int row = 0; row < cells; row++) {
      double y = yRange[0] + (row + 0.5) * dy;
      for (int column = 0; column < cells; column++) {
        double score = boundary.score.applyAsDouble(xRange[0] + (column + 0.5) * dx, y);
        signs[column] = score > 0 ? 1 : score <= 0 ? 0 : -1; // -1: NaN, the cell stays white
      }
      for (int start = 0, end; start < cells; start = end) {
        end = start + 1;
        while (end < cells && signs[end] == signs[start]) {
          end++;
        }
        if (signs[start] >= 0) {
          double x = xRange[0] + 0.5 * (start + end) * dx;
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
