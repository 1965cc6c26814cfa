package io.github.puregrad.docs;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.optim.Iterate;
import io.github.puregrad.optim.Minimizer;
import io.vavr.collection.Vector;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@code docs/minimize/rosenbrock-path.png}: the contour lines of Rosenbrock's function and
 * the iterates of L-BFGS, BFGS and Newton-CG from (-1.2, 1), read from {@code Minimizer.iterates}.
 * Run from the repository's root:
 *
 * <pre>{@code
 * mvn -q -B test-compile -pl demo -am -P '!errorprone' -DskipTests && mvn -q -B exec:java -pl demo \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.github.puregrad.docs.MinimizePicture
 * }</pre>
 */
public final class MinimizePicture {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 600;
  private static final int SCALE = 2;
  private static final int CELLS = 300;
  private static final double X_MIN = -1.6;
  private static final double X_MAX = 1.6;
  private static final double Y_MIN = -0.6;
  private static final double Y_MAX = 1.8;

  private MinimizePicture() {}

  static final Function<Vector<Expr>, Expr> ROSENBROCK =
      v -> {
        Expr a = v.get(0);
        Expr b = v.get(1);
        return a.neg().add(1).pow(2).add(b.sub(a.pow(2)).pow(2).mul(100));
      };

  static double rosenbrock(double a, double b) {
    return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "docs/minimize/rosenbrock-path.png");
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Rosenbrock's valley from (-1.2, 1): the iterates of three minimizers")
            .xAxisTitle("x")
            .yAxisTitle("y")
            .build();
    XYStyler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesVisible(false);
    styler.setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setXAxisMin(X_MIN).setXAxisMax(X_MAX).setYAxisMin(Y_MIN).setYAxisMax(Y_MAX);
    double[] levels = {0.25, 1, 4, 16, 64, 256};
    for (int i = 0; i < levels.length; i++) {
      int shade = 150 + 12 * i;
      contour(chart, levels[i], new Color(shade - 60, shade - 30, shade), i == 0);
    }
    path(chart, Minimizer.Method.LBFGS, "L-BFGS", new Color(213, 62, 79));
    path(chart, Minimizer.Method.BFGS, "BFGS", new Color(50, 136, 189));
    path(chart, Minimizer.Method.NEWTON_CG, "Newton-CG", new Color(102, 166, 30));
    XYSeries minimum = chart.addSeries("minimum (1, 1)", new double[] {1}, new double[] {1});
    minimum.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    minimum.setMarker(SeriesMarkers.DIAMOND);
    minimum.setMarkerColor(Color.BLACK);
    BufferedImage image =
        new BufferedImage(SCALE * WIDTH, SCALE * HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.scale(SCALE, SCALE);
    chart.paint(g, WIDTH, HEIGHT);
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
    System.out.println("wrote " + file);
  }

  /** The iterates of one method, as a line with a dot per iterate. */
  private static void path(XYChart chart, Minimizer.Method method, String name, Color color) {
    Vector<Iterate> iterates =
        Minimizer.builder(method).build().iterates(ROSENBROCK, Vector.of(-1.2, 1.0)).toVector();
    double[] xs = iterates.map(it -> it.x().get(0)).toJavaStream().mapToDouble(d -> d).toArray();
    double[] ys = iterates.map(it -> it.x().get(1)).toJavaStream().mapToDouble(d -> d).toArray();
    Iterate last = iterates.last();
    String label =
        String.format(
            "%s: %d iterations, %d evaluations%s",
            name,
            last.iteration(),
            last.evaluations(),
            last.hessianVectorProducts() > 0 ? ", " + last.hessianVectorProducts() + " H·v" : "");
    XYSeries series = chart.addSeries(label, xs, ys);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(color);
    series.setLineColor(color);
    series.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
  }

  /** The line f = level, by marching squares, as one series broken at NaN between segments. */
  private static void contour(XYChart chart, double level, Color color, boolean legend) {
    double dx = (X_MAX - X_MIN) / CELLS;
    double dy = (Y_MAX - Y_MIN) / CELLS;
    double[][] s = new double[CELLS + 1][CELLS + 1];
    for (int row = 0; row <= CELLS; row++) {
      for (int column = 0; column <= CELLS; column++) {
        s[row][column] = rosenbrock(X_MIN + column * dx, Y_MIN + row * dy) - level;
      }
    }
    int[][] corners = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    double[] crossing = new double[8];
    for (int row = 0; row < CELLS; row++) {
      for (int column = 0; column < CELLS; column++) {
        double[] c = {
          s[row][column], s[row][column + 1], s[row + 1][column + 1], s[row + 1][column]
        };
        int found = 0;
        for (int edge = 0; edge < 4; edge++) {
          double a = c[edge];
          double b = c[(edge + 1) % 4];
          if ((a > 0) != (b > 0)) {
            double t = a / (a - b);
            int[] from = corners[edge];
            int[] to = corners[(edge + 1) % 4];
            crossing[2 * found] = X_MIN + (column + from[0] + t * (to[0] - from[0])) * dx;
            crossing[2 * found + 1] = Y_MIN + (row + from[1] + t * (to[1] - from[1])) * dy;
            found++;
          }
        }
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
    XYSeries line =
        chart.addSeries(
            legend ? "f = 1/4, 1, 4, 16, 64, 256" : "f = " + level,
            xs.stream().mapToDouble(Double::doubleValue).toArray(),
            ys.stream().mapToDouble(Double::doubleValue).toArray());
    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(color);
    line.setLineStyle(new BasicStroke(0.8f));
    line.setShowInLegend(legend);
  }
}
