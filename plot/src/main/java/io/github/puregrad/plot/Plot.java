package io.github.puregrad.plot;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.viz.Graphviz;
import io.vavr.collection.Vector;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * A training picture, drawn with XChart when written: the loss curve of a run, or the decision
 * boundary of a 2-D classifier with its data points. A {@code Plot} is an immutable description;
 * {@link #write(Path)} renders it to PNG or SVG.
 *
 * <pre>{@code
 * Plot.lossCurve(losses).withTitle("moons").write(Path.of("loss.png"));
 * Plot.decisionBoundary(mlp, Moons.micrograd())              // any Dataset with 2 inputs
 *     .withClassNames("upper moon", "lower moon")
 *     .write(Path.of("moons.png"));
 * Plot.decisionBoundary((x, y) -> x * y, points, labels).write(Path.of("xy.svg"));
 * }</pre>
 *
 * <p>A loss curve whose losses span more than two decades gets a logarithmic axis, so that the end
 * of a run is not a flat line at zero ({@link #withLogScale(boolean)} decides it instead). A
 * decision boundary shows the sign of the score on a 200 x 200 grid with the line where the score
 * is 0, interpolated between grid points. PNG files have two pixels per unit of the size (a 800 x
 * 600 plot is a 1600 x 1200 image), sharp on high-density screens; SVG files are vector graphics.
 *
 * <p>Drawing needs no display: on a server run with {@code -Djava.awt.headless=true} (Linux without
 * {@code DISPLAY} is headless anyway).
 */
public final class Plot {
  private static final int DEFAULT_WIDTH = 800;
  private static final int DEFAULT_HEIGHT = 600;
  private static final int DEFAULT_CELLS = 200;

  /** Losses spanning more than this factor get a logarithmic axis by default. */
  private static final double LOG_SPAN = 100;

  private final Content content;
  private final String title;
  private final int width;
  private final int height;

  private Plot(Content content, String title, int width, int height) {
    this.content = content;
    this.title = title;
    this.width = width;
    this.height = height;
  }

  // -- static API

  /**
   * {@return the curve of {@code losses} against the step number 0, 1, 2, ...}
   *
   * @throws IllegalArgumentException if there is no loss or a loss is NaN or infinite
   */
  public static Plot lossCurve(double[] losses) {
    Objects.requireNonNull(losses, "losses is null");
    if (losses.length == 0) {
      throw new IllegalArgumentException("expected at least one loss, got none");
    }
    for (int step = 0; step < losses.length; step++) {
      if (!Double.isFinite(losses[step])) {
        throw new IllegalArgumentException(
            "loss at step " + step + " is " + losses[step] + ": expected a finite number");
      }
    }
    return new Plot(
        new LossCurve(losses.clone(), logByDefault(losses), "step"),
        "loss",
        DEFAULT_WIDTH,
        DEFAULT_HEIGHT);
  }

  /** {@return the curve of {@code losses}, in iteration order; see {@link #lossCurve(double[])}} */
  public static Plot lossCurve(Iterable<? extends Number> losses) {
    Objects.requireNonNull(losses, "losses is null");
    double[] values = new double[16];
    int count = 0;
    for (Number loss : losses) {
      if (count == values.length) {
        values = Arrays.copyOf(values, 2 * count);
      }
      values[count++] = Objects.requireNonNull(loss, "loss " + count + " is null").doubleValue();
    }
    return lossCurve(Arrays.copyOf(values, count));
  }

  /**
   * {@return the decision boundary of a 2-D binary classifier}: the background shows the sign of
   * {@code score} on a grid over the points (and a margin around them), the points are coloured by
   * label. A score above 0 is the positive class, and so is a label above 0 (so labels may be ±1 or
   * 0/1).
   *
   * @param score the classifier's score of a point (x, y)
   * @param points the data, {@code points[i] = {x, y}}
   * @param labels the class of each point
   * @throws IllegalArgumentException if there is no point, a point does not have 2 finite
   *     coordinates or there is not one label per point
   */
  public static Plot decisionBoundary(DoubleBinaryOperator score, double[][] points, int[] labels) {
    Objects.requireNonNull(score, "score is null");
    Objects.requireNonNull(points, "points is null");
    Objects.requireNonNull(labels, "labels is null");
    if (points.length == 0) {
      throw new IllegalArgumentException("expected at least one point, got none");
    }
    if (labels.length != points.length) {
      throw new IllegalArgumentException(
          "expected " + points.length + " labels (one per point), got " + labels.length);
    }
    double[] xs = new double[points.length];
    double[] ys = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      double[] point = Objects.requireNonNull(points[i], "point " + i + " is null");
      if (point.length != 2) {
        throw new IllegalArgumentException(
            "point " + i + " has " + point.length + " coordinates, expected 2");
      }
      if (!Double.isFinite(point[0]) || !Double.isFinite(point[1])) {
        throw new IllegalArgumentException(
            "point " + i + " is " + Arrays.toString(point) + ": expected finite coordinates");
      }
      xs[i] = point[0];
      ys[i] = point[1];
    }
    return new Plot(
        new DecisionBoundary(
            score,
            xs,
            ys,
            labels.clone(),
            DEFAULT_CELLS,
            className(labels, false),
            className(labels, true)),
        "decision boundary",
        DEFAULT_WIDTH,
        DEFAULT_HEIGHT);
  }

  /**
   * {@return the decision boundary of {@code model} on {@code data}}: as {@link
   * #decisionBoundary(DoubleBinaryOperator, double[][], int[])} with the score {@code
   * model.apply(Vector.of(x, y)).value()}, the data's inputs as points and its targets as labels
   * (above 0: the positive class).
   *
   * @param model any function of two inputs to an expression, e.g. {@code x -> mlp.apply(...)}
   * @throws IllegalArgumentException if the data does not have 2 inputs per row
   */
  public static Plot decisionBoundary(
      Function<? super Vector<Double>, ? extends Expr> model, Dataset data) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(data, "data is null");
    if (data.inputSize() != 2) {
      throw new IllegalArgumentException(
          "expected a dataset with 2 inputs per row, got " + data.inputSize());
    }
    double[][] points =
        data.inputs().map(x -> new double[] {x.get(0), x.get(1)}).toJavaArray(double[][]::new);
    int[] labels = data.targets().toJavaStream().mapToInt(y -> label(y)).toArray();
    return decisionBoundary((x, y) -> model.apply(Vector.of(x, y)).value(), points, labels);
  }

  /**
   * {@return the decision boundary of a network with one output on {@code data}}; see {@link
   * #decisionBoundary(Function, Dataset)}
   *
   * @throws IllegalArgumentException if the network or the data does not have 2 inputs
   */
  public static Plot decisionBoundary(Mlp model, Dataset data) {
    Objects.requireNonNull(model, "model is null");
    if (model.nin() != 2 || model.nout() != 1) {
      throw new IllegalArgumentException(
          "expected a network with 2 inputs and 1 output, got " + model);
    }
    return decisionBoundary(x -> model.apply(x.get(0), x.get(1)), data);
  }

  // -- non-static API

  /** {@return this plot with another title} */
  public Plot withTitle(String newTitle) {
    return new Plot(content, Objects.requireNonNull(newTitle, "newTitle is null"), width, height);
  }

  /**
   * {@return this plot at another size in pixels (the default is 800 x 600)}
   *
   * @throws IllegalArgumentException unless both are between 16 and 10,000
   */
  public Plot withSize(int newWidth, int newHeight) {
    if (newWidth < 16 || newHeight < 16 || newWidth > 10_000 || newHeight > 10_000) {
      throw new IllegalArgumentException(
          "expected a size between 16 and 10000 pixels, got " + newWidth + " x " + newHeight);
    }
    return new Plot(content, title, newWidth, newHeight);
  }

  /**
   * {@return this plot with the decision boundary sampled on {@code cells} x {@code cells} cells
   * (200 by default); a loss curve ignores it}
   *
   * @throws IllegalArgumentException unless {@code cells} is between 2 and 1,000
   */
  public Plot withResolution(int cells) {
    if (cells < 2 || cells > 1000) {
      throw new IllegalArgumentException("expected 2 to 1000 cells per axis, got " + cells);
    }
    return new Plot(content.withCells(cells), title, width, height);
  }

  /**
   * {@return this decision boundary with the legend naming the classes {@code negative} (labels up
   * to 0) and {@code positive} (labels above 0)}; the default names are "class" and the labels,
   * e.g. "class -1" and "class 1"
   *
   * @throws IllegalStateException if this is a loss curve
   */
  public Plot withClassNames(String negative, String positive) {
    Objects.requireNonNull(negative, "negative is null");
    Objects.requireNonNull(positive, "positive is null");
    if (!(content instanceof DecisionBoundary boundary)) {
      throw new IllegalStateException("class names are for a decision boundary, not a loss curve");
    }
    return new Plot(boundary.withNames(negative, positive), title, width, height);
  }

  /**
   * {@return this loss curve with a logarithmic (true) or linear (false) loss axis}; by default the
   * axis is logarithmic when the losses are positive and span more than two decades
   *
   * @throws IllegalArgumentException if a logarithmic axis is asked for a loss of 0 or below
   * @throws IllegalStateException if this is a decision boundary
   */
  public Plot withLogScale(boolean log) {
    if (!(content instanceof LossCurve curve)) {
      throw new IllegalStateException("a log scale is for a loss curve, not a decision boundary");
    }
    if (log) {
      for (int step = 0; step < curve.losses.length; step++) {
        if (!(curve.losses[step] > 0)) {
          throw new IllegalArgumentException(
              "a log scale needs losses above 0, got " + curve.losses[step] + " at step " + step);
        }
      }
    }
    return new Plot(new LossCurve(curve.losses, log, curve.stepName), title, width, height);
  }

  /**
   * {@return this loss curve with its horizontal axis titled {@code name}, e.g. "epoch" ("step" by
   * default)}
   *
   * @throws IllegalStateException if this is a decision boundary
   */
  public Plot withStepName(String name) {
    Objects.requireNonNull(name, "name is null");
    if (!(content instanceof LossCurve curve)) {
      throw new IllegalStateException("a step name is for a loss curve, not a decision boundary");
    }
    return new Plot(new LossCurve(curve.losses, curve.log, name), title, width, height);
  }

  /** {@return whether the loss axis of this loss curve is logarithmic; false for a boundary} */
  public boolean logScale() {
    return content instanceof LossCurve curve && curve.log;
  }

  /** {@return the title drawn above the plot} */
  public String title() {
    return title;
  }

  /** {@return the width in pixels} */
  public int width() {
    return width;
  }

  /** {@return the height in pixels} */
  public int height() {
    return height;
  }

  /**
   * Draws this plot into {@code file}, as PNG or SVG after the file name's ending, creating missing
   * parent directories.
   *
   * @return {@code file}
   * @throws IllegalArgumentException if the file name ends neither in .png nor in .svg
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public Path write(Path file) {
    Objects.requireNonNull(file, "file is null");
    Graphviz.Format format = Graphviz.Format.of(file); // the same two endings, checked first
    Charts.write(this, format == Graphviz.Format.PNG, file);
    return file;
  }

  Content content() {
    return content;
  }

  private static boolean logByDefault(double[] losses) {
    double min = Arrays.stream(losses).min().orElseThrow();
    double max = Arrays.stream(losses).max().orElseThrow();
    return min > 0 && max / min > LOG_SPAN;
  }

  /** A target as a label: its sign, so that 0/1 and -1/+1 targets both work. */
  private static int label(double target) {
    return target > 0 ? 1 : target < 0 ? -1 : 0;
  }

  /** "class " and the first label of the class (0 and below, or above 0), "class 1" if none. */
  private static String className(int[] labels, boolean positive) {
    for (int label : labels) {
      if (label > 0 == positive) {
        return "class " + label;
      }
    }
    return positive ? "class 1" : "class -1";
  }

  @Override
  public String toString() {
    return "Plot["
        + content.getClass().getSimpleName()
        + ", "
        + title
        + ", "
        + width
        + "x"
        + height
        + "]";
  }

  /** What a plot shows; the drawing lives in {@link Charts}, the only class that needs XChart. */
  sealed interface Content permits LossCurve, DecisionBoundary {
    /** {@return this content sampled on a grid of {@code cells} per axis, if it has a grid} */
    Content withCells(int cells);
  }

  // Classes, not records: their arrays (copied by the factories, handed to XChart as they are)
  // would make a record's equals and hashCode compare identities while promising values.

  static final class LossCurve implements Content {
    final double[] losses;
    final boolean log;
    final String stepName;

    LossCurve(double[] losses, boolean log, String stepName) {
      this.losses = losses;
      this.log = log;
      this.stepName = stepName;
    }

    @Override
    public Content withCells(int cells) {
      return this;
    }
  }

  static final class DecisionBoundary implements Content {
    final DoubleBinaryOperator score;
    final double[] xs;
    final double[] ys;
    final int[] labels;
    final int cells;
    final String negative;
    final String positive;

    DecisionBoundary(
        DoubleBinaryOperator score,
        double[] xs,
        double[] ys,
        int[] labels,
        int cells,
        String negative,
        String positive) {
      this.score = score;
      this.xs = xs;
      this.ys = ys;
      this.labels = labels;
      this.cells = cells;
      this.negative = negative;
      this.positive = positive;
    }

    @Override
    public Content withCells(int newCells) {
      return new DecisionBoundary(score, xs, ys, labels, newCells, negative, positive);
    }

    DecisionBoundary withNames(String newNegative, String newPositive) {
      return new DecisionBoundary(score, xs, ys, labels, cells, newNegative, newPositive);
    }
  }
}
