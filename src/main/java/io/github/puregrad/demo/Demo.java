package io.github.puregrad.demo;

import io.github.puregrad.data.Csv;
import io.github.puregrad.data.Dataset;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Divergence;
import io.github.puregrad.train.Epoch;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.Trainer;
import io.github.puregrad.viz.GraphvizException;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The main demo, {@code mvn -q compile exec:java [-Dexec.args="..."]}.
 *
 * <pre>{@code
 * seed    (default) MLP(3, [4, 4, 1]), tanh, on the lecture's four examples, sum of squares,
 *         SGD lr 0.1, 20 epochs: "epoch <k> loss <value>", then the four predictions
 * moons   micrograd's moons classifier: MLP(2, [16, 16, 1]), relu then linear, hinge + 1e-4 L2,
 *         SGD lr 1.0 - 0.9*k/100, 100 steps, from micrograd's own data and initial weights:
 *         "step <k> loss <value> accuracy <p>%"
 * }</pre>
 *
 * <p>Options for both: {@code --init FILE} (parameters, one a line, micrograd's order), {@code
 * --seed N} (random start), {@code --data FILE} (CSV, last column the target), {@code --epochs N},
 * {@code --lr X} (for moons, the starting rate; it decays linearly to a tenth of it).
 */
public final class Demo {
  static final String USAGE =
      "usage: Demo [seed|moons] [--init FILE] [--seed N] [--data FILE] [--epochs N] [--lr X]";
  private static final long DEFAULT_SEED = 1337;
  private static final Path PICTURES = Path.of("target", "puregrad");

  private Demo() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** {@return the exit code: 0, 1 when training or a file fails, 2 for bad options} */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Either<String, Options> options = Options.parse(List.of(args));
    if (options.isLeft()) {
      err.println("error: " + options.getLeft());
      err.println(USAGE);
      return 2;
    }
    try {
      return options.get().mode().equals("moons")
          ? moons(options.get(), out, err)
          : seed(options.get(), out, err);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static int seed(Options options, PrintStream out, PrintStream err) {
    Dataset data = options.data().map(Csv::dataset).getOrElse(Dataset::lecture);
    Mlp model =
        start(options, Mlp.of(data.inputSize(), List.of(4, 4, 1), random(options)), Vector.empty());
    Trainer<Mlp, Sgd.State> trainer =
        Trainer.of(
            Objective.sumOfSquares(), Sgd.of(Schedule.constant(options.lr().getOrElse(0.1))));
    java.util.List<Double> losses = new java.util.ArrayList<>();
    Either<Divergence<Mlp>, Epoch<Mlp>> last =
        train(
            trainer,
            model,
            data,
            options.epochs().getOrElse(20),
            err,
            epoch -> {
              losses.add(epoch.loss());
              out.println("epoch " + epoch.index() + " loss " + epoch.loss());
            });
    if (last.isLeft()) {
      return 1;
    }
    Mlp trained = last.get().next();
    for (int i = 0; i < data.size(); i++) {
      double[] x = data.inputs().get(i).toJavaStream().mapToDouble(Double::doubleValue).toArray();
      out.println(
          "prediction "
              + data.inputs().get(i).mkString("[", ", ", "]")
              + " -> "
              + trained.apply(x).value()
              + " (target "
              + data.targets().get(i)
              + ")");
    }
    picture(out, err, "neuron.svg", () -> Pictures.neuron(PICTURES));
    picture(out, err, "loss.png", () -> Pictures.lossCurve(losses, PICTURES.resolve("loss.png")));
    return 0;
  }

  private static int moons(Options options, PrintStream out, PrintStream err) {
    Dataset data =
        options
            .data()
            .map(Csv::dataset)
            .getOrElse(() -> Csv.dataset("moons.csv", resource("moons.csv")));
    Mlp random =
        Mlp.of(
            data.inputSize(),
            List.of(16, 16, 1),
            Activation.RELU,
            Activation.LINEAR,
            random(options));
    // micrograd's own initial weights, unless the user asked for a random or another start
    Vector<Double> micrograd =
        options.seed().isDefined() || options.data().isDefined()
            ? Vector.empty()
            : Csv.values("moons-init.csv", resource("moons-init.csv"));
    Mlp model = start(options, random, micrograd);
    int epochs = options.epochs().getOrElse(100);
    double lr = options.lr().getOrElse(1.0);
    Trainer<Mlp, Sgd.State> trainer =
        Trainer.of(Objective.hinge(1e-4), Sgd.of(Schedule.linear(lr, lr / 10, epochs)));
    Either<Divergence<Mlp>, Epoch<Mlp>> last =
        train(
            trainer,
            model,
            data,
            epochs,
            err,
            epoch -> {
              long correct = Math.round(epoch.metric("accuracy").get() * data.size());
              out.println(
                  "step "
                      + epoch.index()
                      + " loss "
                      + epoch.loss()
                      + " accuracy "
                      + 100.0 * correct / data.size()
                      + "%");
            });
    if (last.isLeft()) {
      return 1;
    }
    Mlp trained = last.get().next();
    double[][] points =
        data.inputs().map(x -> new double[] {x.get(0), x.get(1)}).toJavaArray(double[][]::new);
    int[] labels = data.targets().toJavaStream().mapToInt(y -> y > 0 ? 1 : -1).toArray();
    picture(
        out,
        err,
        "moons.png",
        () ->
            Pictures.decisionBoundary(
                (x, y) -> trained.apply(new double[] {x, y}).value(),
                points,
                labels,
                PICTURES.resolve("moons.png")));
    return 0;
  }

  /** Draws one picture; a missing Graphviz or XChart is reported, since training succeeded. */
  private static void picture(PrintStream out, PrintStream err, String name, Supplier<Path> draw) {
    try {
      out.println("wrote " + draw.get());
    } catch (GraphvizException | IllegalStateException | NoClassDefFoundError e) {
      err.println("skipped " + name + ": " + e.getMessage());
    }
  }

  /** Runs {@code epochs} epochs, reporting each; a divergence is printed, not thrown. */
  private static Either<Divergence<Mlp>, Epoch<Mlp>> train(
      Trainer<Mlp, Sgd.State> trainer,
      Mlp model,
      Dataset data,
      int epochs,
      PrintStream err,
      Consumer<Epoch<Mlp>> report) {
    Either<Divergence<Mlp>, Epoch<Mlp>> last =
        trainer.epochs(model, data).take(epochs).peek(e -> e.peek(report)).last();
    last.peekLeft(divergence -> err.println("error: " + divergence.message()));
    return last;
  }

  /** --init wins, then the given default values, then the random model. */
  private static Mlp start(Options options, Mlp random, Vector<Double> defaults) {
    if (options.init().isDefined()) {
      return random.withValues(Csv.values(options.init().get()));
    }
    return defaults.isEmpty() ? random : random.withValues(defaults);
  }

  private static SplittableRandom random(Options options) {
    return new SplittableRandom(options.seed().getOrElse(DEFAULT_SEED));
  }

  /** {@return the lines of micrograd's {@code name} in the resources' {@code moons/}} */
  static Vector<String> resource(String name) {
    InputStream stream = Demo.class.getResourceAsStream("/moons/" + name);
    if (stream == null) {
      throw new UncheckedIOException(new IOException("resource /moons/" + name + " is missing"));
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      return Vector.ofAll(reader.lines());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
