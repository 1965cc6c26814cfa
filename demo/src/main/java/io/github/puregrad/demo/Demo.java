package io.github.puregrad.demo;

import io.github.puregrad.data.Csv;
import io.github.puregrad.data.Dataset;
import io.github.puregrad.data.Moons;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.nn.Model;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.plot.Plot;
import io.github.puregrad.save.SaveFile;
import io.github.puregrad.train.Checkpoint;
import io.github.puregrad.train.Divergence;
import io.github.puregrad.train.Epoch;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.Trainer;
import io.github.puregrad.viz.Explorer;
import io.github.puregrad.viz.GraphvizException;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.awt.AWTError;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
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
 * {@code --lr X} (for moons, the starting rate; it decays linearly to a tenth of it), {@code
 * --stop-after N} (stop after N steps as if interrupted; the run keeps its length, so the schedule
 * is unchanged), {@code --save FILE} (write the run's state when it stops), {@code --resume FILE}
 * (continue a saved run, printing the remaining steps with their original numbers).
 *
 * <p>Every error is one line on stderr, never a stack trace; a picture that cannot be drawn is
 * "skipped", and the training's result stands.
 */
public final class Demo {
  static final String USAGE =
      "usage: Demo [seed|moons] [--init FILE] [--seed N] [--data FILE] [--epochs N] [--lr X]"
          + " [--stop-after N] [--save FILE] [--resume FILE] [--help]";

  /** What --help prints after the usage line. */
  // not a text block: the formatter on JDK 17 moves its delimiters to column 0, so every line
  // of it would keep the code's indentation
  @SuppressWarnings("StringConcatToTextBlock")
  static final String HELP =
      String.join(
          "\n",
          "",
          "modes:",
          "  seed    (default) MLP(3, [4, 4, 1]), tanh, on the lecture's four examples, SGD lr 0.1,",
          "          20 epochs; prints \"epoch <k> loss <value>\", then the four predictions",
          "  moons   micrograd's moons classifier, MLP(2, [16, 16, 1]), hinge loss, 100 steps of SGD",
          "          from lr 1.0 down to 0.1, from micrograd's data and initial weights;",
          "          prints \"step <k> loss <value> accuracy <p>%\"",
          "",
          "options:",
          "  --init FILE       start from these parameters, one a line (micrograd's order)",
          "  --seed N          start from a random model drawn with seed N",
          "  --data FILE       train on this CSV file (last column the target)",
          "  --epochs N        train N epochs (seed) or steps (moons)",
          "  --lr X            the learning rate (moons: the starting rate)",
          "  --stop-after N    stop after N epochs or steps, as if interrupted",
          "  --save FILE       write the run's state when it stops",
          "  --resume FILE     continue a saved run",
          "  --help            print this and exit",
          "",
          "pictures go to target/puregrad/; every error is one line on stderr.");

  private static final long DEFAULT_SEED = 1337;
  private static final Path PICTURES = Path.of("target", "puregrad");

  private Demo() {}

  public static void main(String[] args) {
    // the demo draws into files only; without this, XChart fails with an AWTError when DISPLAY
    // names an X server that cannot be reached (set here, not when a class loads)
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** {@return the exit code: 0, 1 when training or a file fails, 2 for bad options} */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, PICTURES);
  }

  /**
   * {@link #run(String[], PrintStream, PrintStream)}, drawing the pictures into {@code pictures}.
   */
  static int run(String[] args, PrintStream out, PrintStream err, Path pictures) {
    if (List.of(args).exists(arg -> arg.equals("--help") || arg.equals("-h"))) {
      out.println(USAGE);
      out.println(HELP);
      return 0;
    }
    Either<String, Options> options = Options.parse(List.of(args));
    if (options.isLeft()) {
      err.println("error: " + options.getLeft());
      err.println(USAGE);
      return 2;
    }
    try {
      return options.get().mode().equals("moons")
          ? moons(options.get(), out, err, pictures)
          : seed(options.get(), out, err, pictures);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      // a bug rather than bad input; the user still gets one line, not a stack trace
      err.println("error: unexpected " + e);
      return 1;
    }
  }

  private static int seed(Options options, PrintStream out, PrintStream err, Path pictures) {
    Dataset data = options.data().map(Csv::dataset).getOrElse(Dataset::lecture);
    Mlp random = Mlp.of(data.inputSize(), List.of(4, 4, 1), random(options));
    java.util.List<Double> losses = new java.util.ArrayList<>();
    Either<Integer, Mlp> last =
        train(
            options,
            new Run(
                "seed",
                "epoch",
                20,
                0.1,
                (lr, epochs) -> Schedule.constant(lr),
                Objective.sumOfSquares()),
            start(options, random, Vector.empty()),
            data,
            out,
            err,
            epoch -> {
              losses.add(epoch.loss());
              out.println("epoch " + epoch.index() + " loss " + epoch.loss());
            });
    if (last.isLeft()) {
      return last.getLeft();
    }
    Mlp trained = last.get();
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
    picture(out, err, "neuron.svg", () -> Pictures.neuron(pictures));
    picture(
        out,
        err,
        "neuron.html",
        () -> Explorer.write(Pictures.neuron().graph().output(), pictures.resolve("neuron.html")));
    picture(
        out,
        err,
        "loss.png",
        () -> Pictures.lossCurve(losses, "epoch", pictures.resolve("loss.png")));
    return 0;
  }

  private static int moons(Options options, PrintStream out, PrintStream err, Path pictures) {
    Dataset data = options.data().map(Csv::dataset).getOrElse(Moons::micrograd);
    Mlp random =
        Mlp.of(
            data.inputSize(),
            List.of(16, 16, 1),
            Activation.RELU,
            Activation.LINEAR,
            random(options));
    java.util.List<Double> losses = new java.util.ArrayList<>();
    // micrograd's own initial weights, unless the user asked for a random or another start
    Vector<Double> micrograd =
        options.seed().isDefined() || options.data().isDefined() || options.resume().isDefined()
            ? Vector.empty()
            : Moons.microgradInit();
    Either<Integer, Mlp> last =
        train(
            options,
            new Run(
                "moons",
                "step",
                100,
                1.0,
                (lr, epochs) -> Schedule.linear(lr, lr / 10, epochs),
                Objective.hinge(1e-4)),
            start(options, random, micrograd),
            data,
            out,
            err,
            epoch -> {
              losses.add(epoch.loss());
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
      return last.getLeft();
    }
    if (data.inputSize() != 2) {
      err.println(
          "skipped moons.png: the picture needs 2 inputs per row, the data has "
              + data.inputSize());
      return 0;
    }
    Mlp trained = last.get();
    Plot boundary = Plot.decisionBoundary(trained, data);
    Plot named =
        options.data().isEmpty()
            ? boundary.withClassNames("upper moon (-1)", "lower moon (+1)")
            : boundary;
    picture(
        out,
        err,
        "moons.png",
        () -> Pictures.decisionBoundary(named, pictures.resolve("moons.png")));
    picture(
        out,
        err,
        "moons-loss.png",
        () -> Pictures.lossCurve(losses, pictures.resolve("moons-loss.png")));
    return 0;
  }

  /**
   * What a mode trains, and what a saved run keeps of it.
   *
   * @param mode "seed" or "moons"
   * @param word what the mode calls one pass over the data in every message: "epoch" or "step"
   * @param epochs the run's length unless --epochs says otherwise
   * @param lr the (starting) rate unless --lr says otherwise
   * @param schedule the learning rate of a run of some length from some rate
   */
  private record Run(
      String mode,
      String word,
      int epochs,
      double lr,
      BiFunction<Double, Integer, Schedule> schedule,
      Objective<Model<?>> objective) {

    Trainer<Mlp, Sgd.Velocity> trainer(double rate, int length) {
      return Trainer.of(objective, Sgd.of(schedule.apply(rate, length)));
    }
  }

  /**
   * Trains from {@code start}, or from the saved run of --resume, up to the run's end or
   * --stop-after, reporting each epoch; saves the run with --save.
   *
   * @return the trained model when the run reached its end; else the exit code (1 when training
   *     diverged, 0 when it stopped early)
   */
  private static Either<Integer, Mlp> train(
      Options options,
      Run run,
      Mlp start,
      Dataset data,
      PrintStream out,
      PrintStream err,
      Consumer<Epoch<Mlp>> report) {
    int epochs = options.epochs().getOrElse(run.epochs());
    double lr = options.lr().getOrElse(run.lr());
    Checkpoint<Mlp, Sgd.Velocity> from;
    if (options.resume().isDefined()) {
      Path file = options.resume().get();
      // reading needs the optimizer's kind and the batching only, not the saved rate
      SaveFile.Saved<Mlp, Sgd.Velocity> saved = SaveFile.read(file, run.trainer(1, 1), start);
      String mode = saved.settings().get("mode").getOrElse("");
      if (!mode.equals(run.mode())) {
        throw new IllegalArgumentException(
            file + ": expected a saved " + run.mode() + " run, got '" + mode + "'");
      }
      epochs = setting(file, saved, "epochs", Integer::parseInt);
      lr = setting(file, saved, "lr", Double::parseDouble);
      from = saved.checkpoint();
      if (from.epoch() > epochs || epochs < 1 || !(lr > 0 && Double.isFinite(lr))) {
        throw new IllegalArgumentException(
            file
                + ": expected a "
                + run.word()
                + " of a run of "
                + epochs
                + " "
                + run.word()
                + "s, got "
                + run.word()
                + " "
                + from.epoch());
      }
    } else {
      from = run.trainer(lr, epochs).start(start);
    }
    Trainer<Mlp, Sgd.Velocity> trainer = run.trainer(lr, epochs);
    int until = Math.min(options.stopAfter().getOrElse(epochs), epochs);
    Either<Divergence<Mlp>, Checkpoint<Mlp, Sgd.Velocity>> result =
        trainer.run(from, data, until, report);
    if (result.isLeft()) {
      // the mode's word rather than Divergence.message()'s "epoch k, step b": both modes train
      // full batch, so the batch is always 0
      Divergence<Mlp> divergence = result.getLeft();
      err.println(
          "error: training diverged in "
              + run.word()
              + " "
              + divergence.epoch()
              + ": "
              + divergence.reason().message());
      return Either.left(1);
    }
    Checkpoint<Mlp, Sgd.Velocity> end = result.get();
    if (options.save().isDefined()) {
      Path file =
          SaveFile.write(
              options.save().get(),
              trainer,
              end,
              LinkedHashMap.of(
                  "mode",
                  run.mode(),
                  "epochs",
                  Integer.toString(epochs),
                  "lr",
                  Double.toString(lr)));
      out.println(
          "saved " + file + " after " + end.epoch() + " of " + epochs + " " + run.word() + "s");
    }
    return end.epoch() < epochs ? Either.left(0) : Either.right(end.model());
  }

  private static <T> T setting(
      Path file,
      SaveFile.Saved<Mlp, Sgd.Velocity> saved,
      String name,
      java.util.function.Function<String, T> parse) {
    String value = saved.settings().get(name).getOrElse("");
    try {
      return parse.apply(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file + ": expected a number for the setting '" + name + "', got '" + value + "'", e);
    }
  }

  /**
   * Draws one picture; one that cannot be drawn (no Graphviz, no XChart, a directory that cannot be
   * written) is reported as skipped, with its cause, since training succeeded.
   */
  private static void picture(PrintStream out, PrintStream err, String name, Supplier<Path> draw) {
    try {
      out.println("wrote " + draw.get());
    } catch (UncheckedIOException e) {
      // an UncheckedIOException always has its IOException as the cause
      err.println(
          "skipped "
              + name
              + ": "
              + e.getMessage()
              + ": "
              + reason(Objects.requireNonNull(e.getCause())));
    } catch (GraphvizException
        | IllegalStateException
        | IllegalArgumentException
        | NoClassDefFoundError
        | AWTError e) {
      err.println("skipped " + name + ": " + e.getMessage());
    }
  }

  /** {@return why a file operation failed: a file exception's message is often just the path} */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException file && file.getReason() != null) {
      return file.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
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
}
