package io.github.puregrad.demo;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.data.Moons;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.nn.Conv2d;
import io.github.puregrad.plot.Plot;
import io.github.puregrad.viz.Dot;
import io.github.puregrad.viz.Explorer;
import io.github.puregrad.viz.Graphviz;
import io.github.puregrad.viz.Mermaid;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regenerates the pictures of {@code docs/pictures.md} and {@code docs/tutorial.md} into {@code
 * docs/images/}, and the tutorial's explorer page of a convolution into {@code docs/explorer/}:
 *
 * <pre>{@code
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.puregrad.demo.DocsPictures
 * }</pre>
 *
 * <p>The moons pictures come from micrograd's demo done with bare {@code Expr}s (this is not a
 * test, so it stays independent of the {@code nn} package): MLP(2, [16, 16, 1]) with ReLU, started
 * from micrograd's initial parameters ({@code Moons.microgradInit()}), max-margin loss plus 1e-4
 * L2, 100 steps of SGD with the learning rate falling from 1.0 to 0.1. The digits pictures are the
 * demo's own ({@code mvn -q compile exec:java -Dexec.args="digits"}), from the same run.
 */
final class DocsPictures {
  private static final int[] SIZES = {2, 16, 16, 1};

  private DocsPictures() {}

  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // files only, as Demo.main
    }
    Path dir = Path.of(args.length > 0 ? args[0] : "docs/images");
    Gradients neuron = Pictures.neuron();
    Graphviz graphviz = Graphviz.installed();
    report(graphviz.write(Dot.of(neuron), dir.resolve("neuron.svg")));
    report(graphviz.write(Dot.of(neuron), dir.resolve("neuron.png")));
    write(dir.resolve("neuron.dot"), Dot.of(neuron));
    write(dir.resolve("neuron.mmd"), Mermaid.of(neuron));
    Expr lecture = lectureL();
    report(graphviz.write(Dot.of(lecture), dir.resolve("lecture-l.svg")));
    report(graphviz.write(Dot.of(Autodiff.backward(lecture)), dir.resolve("lecture-l-grads.svg")));
    Expr conv = conv3x3();
    report(graphviz.write(convDot(conv), dir.resolve("conv-3x3.svg")));
    report(Explorer.write(conv, dir.resolveSibling("explorer").resolve("conv-3x3.html")));
    int digits =
        Digits.run(
            Digits.EPOCHS,
            Digits.SEED,
            io.github.puregrad.data.Digits.TRAIN,
            System.out,
            System.err,
            dir);
    if (digits != 0) {
      throw new IllegalStateException("the digits demo failed with exit code " + digits);
    }

    Dataset moons = Moons.micrograd();
    double[][] points =
        moons.inputs().map(x -> new double[] {x.get(0), x.get(1)}).toJavaArray(double[][]::new);
    int[] labels = moons.targets().toJavaStream().mapToInt(Double::intValue).toArray();
    Expr.Leaf[] params =
        Moons.microgradInit().map(value -> Expr.of(value)).toJavaArray(Expr.Leaf[]::new);
    List<Double> losses = new ArrayList<>();
    for (int step = 0; step < 100; step++) {
      Expr loss = loss(params, points, labels);
      losses.add(loss.value());
      Gradients grads = Autodiff.backward(loss);
      double rate = 1.0 - 0.9 * step / 100;
      for (int p = 0; p < params.length; p++) {
        params[p] = params[p].withValue(params[p].value() - rate * grads.get(params[p]));
      }
    }
    System.out.printf("loss: step 0 %.4f, step 99 %.4f%n", losses.get(0), losses.get(99));
    Expr.Leaf[] trained = params;
    report(Pictures.lossCurve(losses, dir.resolve("loss.png")));
    report(
        Pictures.decisionBoundary(
            Plot.decisionBoundary(
                    (x, y) -> score(trained, Expr.of(x), Expr.of(y)).value(), points, labels)
                .withClassNames("upper moon (-1)", "lower moon (+1)"),
            dir.resolve("moons.png")));
  }

  /**
   * The lecture's first example, L = (a*b + c) * f, built and named as the tutorial's section 4
   * builds it: e = a*b, d = e + c, L = d*f.
   */
  private static Expr lectureL() {
    Expr.Leaf a = Expr.of(2.0, "a");
    Expr.Leaf b = Expr.of(-3.0, "b");
    Expr.Leaf c = Expr.of(10.0, "c");
    Expr e = a.mul(b).withLabel("e");
    Expr d = e.add(c).withLabel("d");
    Expr.Leaf f = Expr.of(-2.0, "f");
    return d.mul(f).withLabel("L");
  }

  /**
   * The tutorial's section 16: a 3x3 image x00..x22 = 1..9, one 2x2 filter w00..w11 of ones with
   * bias b = 0.5, stride 1, no padding, and L = y00 + y01 + y10 + y11, built and named as the
   * tutorial builds it.
   */
  static Expr conv3x3() {
    Vector<Expr.Leaf> x = Vector.range(0, 9).map(i -> Expr.of(i + 1.0, "x" + i / 3 + i % 3));
    Vector<Expr.Leaf> w = Vector.of("w00", "w01", "w10", "w11").map(name -> Expr.of(1.0, name));
    Conv2d conv = new Conv2d(1, 3, 3, 1, 2, 1, 0, w, Vector.of(Expr.of(0.5, "b")));
    Vector<Expr> y =
        conv.forward(x).zipWith(Vector.of("y00", "y01", "y10", "y11"), Expr::withLabel);
    return y.reduceLeft(Expr::add).withLabel("L");
  }

  /**
   * {@code Dot.of(Autodiff.backward(output))} drawn top to bottom (49 nodes are too wide from left
   * to right), with w00, its four edges and the four products it feeds in red: the picture is about
   * the weight used at every position.
   */
  static String convDot(Expr output) {
    String dot = Dot.of(Autodiff.backward(output)).replace("rankdir=LR", "rankdir=TB");
    Matcher leaf = Pattern.compile("(?m)^  (v\\d+) \\[shape=record, label=\"\\{ w00 ").matcher(dot);
    if (!leaf.find()) {
      throw new IllegalStateException("no node named w00 in\n" + dot);
    }
    String w00 = leaf.group(1);
    String red = "\"#d62728\"";
    dot =
        dot.replace(
            "  " + w00 + " [shape=record,",
            "  " + w00 + " [shape=record, style=filled, fillcolor=\"#fbd5d5\", color=" + red + ",");
    Matcher edge = Pattern.compile("(?m)^  " + w00 + " -> (v\\d+op);$").matcher(dot);
    List<String> products = new ArrayList<>();
    while (edge.find()) {
      products.add(edge.group(1));
    }
    for (String product : products) {
      dot =
          dot.replace(
                  "  " + w00 + " -> " + product + ";",
                  "  " + w00 + " -> " + product + " [color=" + red + ", penwidth=2];")
              .replace(
                  "  " + product + " [shape=ellipse,",
                  "  " + product + " [shape=ellipse, color=" + red + ", penwidth=2,");
    }
    return dot;
  }

  /** micrograd's moons loss: mean of relu(1 - y * score) plus 1e-4 times the squared weights. */
  private static Expr loss(Expr.Leaf[] params, double[][] points, int[] labels) {
    Expr data = Expr.of(0.0);
    for (int i = 0; i < points.length; i++) {
      Expr score = score(params, Expr.of(points[i][0]), Expr.of(points[i][1]));
      data = data.add(score.mul(-labels[i]).add(1.0).relu());
    }
    Expr squares = Expr.of(0.0);
    for (Expr.Leaf p : params) {
      squares = squares.add(p.mul(p));
    }
    return data.mul(1.0 / points.length).add(squares.mul(1e-4));
  }

  /** The MLP's output; parameters in micrograd's order: per layer, per neuron, weights, bias. */
  private static Expr score(Expr.Leaf[] params, Expr x, Expr y) {
    Expr[] in = {x, y};
    int next = 0;
    for (int layer = 1; layer < SIZES.length; layer++) {
      Expr[] out = new Expr[SIZES[layer]];
      for (int n = 0; n < out.length; n++) {
        Expr sum = Expr.of(0.0);
        for (Expr input : in) {
          sum = sum.add(params[next++].mul(input));
        }
        sum = sum.add(params[next++]);
        out[n] = layer < SIZES.length - 1 ? sum.relu() : sum;
      }
      in = out;
    }
    return in[0];
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    report(file);
  }

  private static void report(Path file) {
    System.out.println("wrote " + file);
  }
}
