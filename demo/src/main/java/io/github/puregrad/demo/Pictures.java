package io.github.puregrad.demo;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.plot.Plot;
import io.github.puregrad.viz.Dot;
import io.github.puregrad.viz.Graphviz;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The demo's pictures: the lecture neuron's graph, a loss curve and a decision boundary.
 *
 * <pre>{@code
 * Path dir = Path.of("target/puregrad");
 * Pictures.neuron(dir);                                       // target/puregrad/neuron.svg
 * Pictures.lossCurve(losses, dir.resolve("loss.png"));
 * Pictures.decisionBoundary(Plot.decisionBoundary(model, data), dir.resolve("moons.png"));
 * }</pre>
 *
 * <p>The graph needs the Graphviz {@code dot} program and the plots need XChart (an optional
 * dependency); both run headless.
 */
public final class Pictures {
  private Pictures() {}

  /**
   * The neuron of micrograd's lecture, o = tanh(x1*w1 + x2*w2 + b), after backward: x1's gradient
   * is -1.5, w1's 1.0.
   */
  public static Gradients neuron() {
    Expr x1 = Expr.of(2.0, "x1");
    Expr x2 = Expr.of(0.0, "x2");
    Expr w1 = Expr.of(-3.0, "w1");
    Expr w2 = Expr.of(1.0, "w2");
    Expr b = Expr.of(6.881373587019543, "b");
    Expr x1w1 = x1.mul(w1).withLabel("x1w1");
    Expr x2w2 = x2.mul(w2).withLabel("x2w2");
    Expr n = x1w1.add(x2w2).withLabel("x1w1x2w2").add(b).withLabel("n");
    return Autodiff.backward(n.tanh().withLabel("o"));
  }

  /**
   * Writes the neuron's graph, with data and gradients, to {@code dir/neuron.svg}.
   *
   * @return the file written
   * @throws io.github.puregrad.viz.GraphvizException if Graphviz is not installed
   */
  public static Path neuron(Path dir) {
    Objects.requireNonNull(dir, "dir is null");
    return Graphviz.installed().write(Dot.of(neuron()), dir.resolve("neuron.svg"));
  }

  /** Writes the curve of {@code losses}, one per step, to {@code file} (.png or .svg). */
  public static Path lossCurve(List<Double> losses, Path file) {
    return lossCurve(losses, "step", file);
  }

  /**
   * Writes the curve of {@code losses}, one per {@code word} ("epoch", "step"), to {@code file}.
   */
  public static Path lossCurve(List<Double> losses, String word, Path file) {
    return Plot.lossCurve(losses).withTitle("training loss").withStepName(word).write(file);
  }

  /** Writes {@code boundary}, a decision boundary, with the demo's title and size. */
  public static Path decisionBoundary(Plot boundary, Path file) {
    return boundary.withTitle("decision boundary").withSize(700, 600).write(file);
  }
}
