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
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
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
import java.util.function.Function;
import java.util.function.Predicate;
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
 * digits  a small CNN on scikit-learn's 8x8 digits (Digits): "epoch <k> loss <v> accuracy <p>%"
 * }</pre>
 *
 * <p>Options for both: {@code --init FILE} (parameters, one a line, micrograd's order), {@code
 * --seed N} (random start), {@code --data FILE} (CSV, last column the target), {@code --epochs N},
 * {@code --lr X} (for moons, the starting rate; it decays linearly to a tenth of it), {@code
 * --stop-after N} (stop after N steps as if interrupted; the run keeps its length, so the schedule
 * is unchanged), {@code --save FILE} (write the run's state when it stops), {@code --resume FILE}
 * (continue a saved run, printing the remaining steps with their original numbers), {@code --labels
 * 0/1} (read a CSV's targets 0 and 1 as -1 and +1).
 *
 * <p>Every error is one line on stderr, never a stack trace, with control characters shown as
 * Unicode's control pictures; a picture that cannot be drawn is "skipped", and the training's
 * result stands. {@code --save} is checked before training starts; a run that diverges saves its
 * last good state, which {@code --resume} reports rather than continues.
 */
public final class Demo {
  static final String USAGE =
      "usage: Demo [seed|moons|digits] [--init FILE] [--seed N] [--data FILE] [--epochs N] [--lr X]"
          + " [--stop-after N] [--save FILE] [--resume FILE] [--labels 0/1] [--help]";

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
          "  digits  a small CNN (conv 1->8 3x3, relu, max pool 2, linear 72->10) on scikit-learn's",
          "          8x8 digits: trains on the first 1,437, SGD lr 0.1 momentum 0.9, batches of 32,",
          "          10 epochs; prints \"epoch <k> loss <v> accuracy <p>%\" on the last 360",
          "          (takes --epochs and --seed only)",
          "",
          "options:",
          "  --init FILE       start from these parameters, one a line (micrograd's order)",
          "  --seed N          start from a random model drawn with seed N",
          "  --data FILE       train on this CSV file (last column the target)",
          "  --epochs N        train N epochs (seed) or steps (moons)",
          "  --lr X            the learning rate (moons: the starting rate)",
          "  --stop-after N    stop after N epochs or steps, as if interrupted",
          "  --save FILE       write the run's state when it stops, or its last good state when it",
          "                    diverges (FILE is checked before training starts)",
          "  --resume FILE     continue a saved run, on the data it was saved with",
          "  --labels 0/1      read the CSV's targets 0 and 1 as -1 and +1 (moons' hinge loss needs",
          "                    -1 and +1 and refuses 0/1 labels without this)",
          "  --help            print this and exit",
          "",
          "pictures go to target/puregrad/; every error is one line on stderr, control characters",
          "shown as symbols (ESC as \u241b); exit code 0, 1 for a bad file or a divergence, 2 for bad",
          "options.");

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
      err.println(visible("error: " + options.getLeft()));
      err.println(USAGE);
      return 2;
    }
    try {
      // before training, so that a bad name costs a second, not the run
      options.get().save().forEach(SaveFile::requireWritable);
      if (options.get().mode().equals("digits")) {
        return digits(options.get(), out, err, pictures);
      }
      return options.get().mode().equals("moons")
          ? moons(options.get(), out, err, pictures)
          : seed(options.get(), out, err, pictures);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println(visible("error: " + e.getMessage()));
      return 1;
    } catch (RuntimeException e) {
      // a bug rather than bad input; the user still gets one line, not a stack trace
      err.println(visible("error: unexpected " + e));
      return 1;
    } catch (OutOfMemoryError e) {
      // the inputs are bounded, so this is a model too large for the heap: still one line
      err.println("error: out of memory (" + e.getMessage() + "); give the JVM more with -Xmx");
      return 1;
    }
  }

  /**
   * {@return {@code text} on one line with its control characters made visible}: C0 controls and
   * DEL as Unicode's control pictures (ESC as \u241b, a line break as \u240a), other controls and
   * lone surrogates as U+FFFD, so no file or argument can drive the terminal or split the line
   */
  static String visible(String text) {
    StringBuilder line = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        line.append(c).append(text.charAt(++i));
      } else if (c < 0x20) {
        line.append((char) (0x2400 + c));
      } else if (c == 0x7F) {
        line.append('\u2421');
      } else if (Character.isSurrogate(c)
          || Character.isISOControl(c)
          || c == 0x2028
          || c == 0x2029) {
        line.append('\uFFFD');
      } else {
        line.append(c);
      }
    }
    return line.toString();
  }

  private static int seed(Options options, PrintStream out, PrintStream err, Path pictures) {
    Source source = source(options, "lecture", Dataset::lecture);
    Dataset data = source.data();
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
            source,
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
    Source source = source(options, "micrograd moons", Moons::micrograd);
    requireSigns(source);
    Dataset data = source.data();
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
            source,
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

  /** The digits CNN ({@link Digits}): it takes --epochs and --seed, and no other option. */
  private static int digits(Options options, PrintStream out, PrintStream err, Path pictures) {
    Option<String> other =
        List.of(
                options.init().map(x -> "--init"),
                options.data().map(x -> "--data"),
                options.lr().map(x -> "--lr"),
                options.stopAfter().map(x -> "--stop-after"),
                options.save().map(x -> "--save"),
                options.resume().map(x -> "--resume"),
                options.labels().map(x -> "--labels"))
            .flatMap(o -> o)
            .headOption();
    if (other.isDefined()) {
      throw new IllegalArgumentException(
          "expected only --epochs and --seed with digits, got " + other.get());
    }
    return Digits.run(
        options.epochs().getOrElse(Digits.EPOCHS),
        options.seed().getOrElse(Digits.SEED),
        io.github.puregrad.data.Digits.TRAIN,
        out,
        err,
        pictures);
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
   * Where the data came from and what it holds.
   *
   * @param name what a save file records: "lecture", "micrograd moons" or the CSV's name as given
   */
  private record Source(String name, Dataset data) {
    SaveFile.Data record() {
      return SaveFile.Data.of(name, data);
    }
  }

  /** The CSV of --data (its targets mapped with --labels 0/1), or the mode's own data. */
  private static Source source(Options options, String builtIn, Supplier<Dataset> own) {
    if (options.data().isEmpty()) {
      return new Source(builtIn, own.get());
    }
    Path file = options.data().get();
    Dataset data = Csv.dataset(file);
    if (options.labels().isDefined()) {
      Vector<Double> targets = data.targets();
      for (int i = 0; i < targets.size(); i++) {
        if (targets.get(i) != 0 && targets.get(i) != 1) {
          throw new IllegalArgumentException(
              file
                  + ": expected targets 0 and 1 with --labels 0/1, got "
                  + targets.get(i)
                  + " in example "
                  + (i + 1));
        }
      }
      data = new Dataset(data.inputs(), targets.map(y -> y == 0 ? -1.0 : 1.0));
    }
    return new Source(file.toString(), data);
  }

  /**
   * The hinge loss needs targets -1 and +1: 0/1 labels (scikit-learn's) would train to 50% and say
   * nothing, so they are refused unless --labels 0/1 maps them.
   */
  private static void requireSigns(Source source) {
    Vector<Double> targets = source.data().targets();
    Option<Double> other = targets.find(y -> y != -1 && y != 1);
    if (other.isEmpty()) {
      return;
    }
    if (targets.forAll(y -> y == 0 || y == 1)) {
      throw new IllegalArgumentException(
          source.name()
              + ": expected targets -1 and +1 for the hinge loss, got 0 and 1"
              + " (give --labels 0/1 to read 0 as -1)");
    }
    throw new IllegalArgumentException(
        source.name()
            + ": expected targets -1 and +1 for the hinge loss, got "
            + other.get()
            + " in example "
            + (targets.indexOf(other.get()) + 1));
  }

  /**
   * Trains from {@code start}, or from the saved run of --resume, up to the run's end or
   * --stop-after, reporting each epoch; saves the run with --save when it stops, and its last good
   * state when it diverges.
   *
   * @return the trained model when the run reached its end; else the exit code (1 when training
   *     diverged, 0 when it stopped early)
   */
  private static Either<Integer, Mlp> train(
      Options options,
      Run run,
      Mlp start,
      Source source,
      PrintStream out,
      PrintStream err,
      Consumer<Epoch<Mlp>> report) {
    int epochs = options.epochs().getOrElse(run.epochs());
    double lr = options.lr().getOrElse(run.lr());
    Checkpoint<Mlp, Sgd.Velocity> from;
    // the random start's seed, kept for people: the saved model is what a resumed run starts from
    Option<String> seed = options.seed().map(Object::toString);
    if (options.resume().isDefined()) {
      Path file = options.resume().get();
      // the settings first: they make the trainer that the whole file is then checked against
      Map<String, String> settings = SaveFile.settings(file);
      seed = settings.get("seed");
      String mode = settings.get("mode").getOrElse("");
      if (!mode.equals(run.mode())) {
        throw new IllegalArgumentException(
            file
                + ": expected a saved "
                + run.mode()
                + " run at 'settings.mode', got '"
                + mode
                + "'");
      }
      epochs = setting(file, settings, "epochs", Integer::parseInt, n -> n >= 1, "whole number");
      lr =
          setting(
              file,
              settings,
              "lr",
              Double::parseDouble,
              x -> x > 0 && x < Double.POSITIVE_INFINITY,
              "number");
      SaveFile.Saved<Mlp, Sgd.Velocity> saved =
          SaveFile.read(file, run.trainer(lr, epochs), start, source.record());
      if (saved.divergence().isDefined()) {
        SaveFile.Diverged diverged = saved.divergence().get();
        throw new IllegalArgumentException(
            file
                + ": the run diverged in "
                + run.word()
                + " "
                + diverged.epoch()
                + " ("
                + diverged.reason()
                + "); the file holds its last good state, before that "
                + run.word()
                + ", which would diverge again");
      }
      from = saved.checkpoint();
      if (from.epoch() > epochs) {
        throw new IllegalArgumentException(
            file
                + ": expected at most "
                + run.word()
                + " "
                + epochs
                + " at 'epoch', the run's length, got "
                + from.epoch());
      }
    } else {
      from = run.trainer(lr, epochs).start(start);
    }
    Trainer<Mlp, Sgd.Velocity> trainer = run.trainer(lr, epochs);
    Map<String, String> settings =
        LinkedHashMap.of(
                "mode", run.mode(), "epochs", Integer.toString(epochs), "lr", Double.toString(lr))
            .merge(seed.map(n -> LinkedHashMap.of("seed", n)).getOrElse(LinkedHashMap.empty()));
    int until = Math.min(options.stopAfter().getOrElse(epochs), epochs);
    // one epoch at a time, to keep the checkpoint before a divergence: the last good state
    Checkpoint<Mlp, Sgd.Velocity> at = from;
    while (at.epoch() < until) {
      Either<Divergence<Mlp>, Checkpoint<Mlp, Sgd.Velocity>> next =
          trainer.run(at, source.data(), at.epoch() + 1, report);
      if (next.isLeft()) {
        // the mode's word rather than Divergence.message()'s "epoch k, step b": both modes train
        // full batch, so the batch is always 0
        Divergence<Mlp> divergence = next.getLeft();
        if (options.save().isDefined()) {
          Path file =
              SaveFile.write(
                  options.save().get(),
                  trainer,
                  new SaveFile.Saved<>(
                      at,
                      Option.some(source.record()),
                      Option.some(SaveFile.Diverged.of(divergence)),
                      settings));
          out.println(
              visible(
                  "saved "
                      + file
                      + " with the last good state, before "
                      + run.word()
                      + " "
                      + at.epoch()
                      + " of "
                      + epochs));
        }
        err.println(
            visible(
                "error: training diverged in "
                    + run.word()
                    + " "
                    + divergence.epoch()
                    + ": "
                    + divergence.reason().message()));
        return Either.left(1);
      }
      at = next.get();
    }
    if (options.save().isDefined()) {
      Path file =
          SaveFile.write(
              options.save().get(), trainer, new SaveFile.Saved<>(at, source.record(), settings));
      out.println(
          visible(
              "saved " + file + " after " + at.epoch() + " of " + epochs + " " + run.word() + "s"));
    }
    return at.epoch() < epochs ? Either.left(0) : Either.right(at.model());
  }

  /** A setting of a saved run, parsed and checked: one line naming the field if it is not. */
  private static <T> T setting(
      Path file,
      Map<String, String> settings,
      String name,
      Function<String, T> parse,
      Predicate<T> valid,
      String what) {
    Option<String> value = settings.get(name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": expected a field 'settings." + name + "', got none");
    }
    try {
      T parsed = parse.apply(value.get());
      if (valid.test(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        file
            + ": expected a positive "
            + what
            + " at 'settings."
            + name
            + "', got '"
            + value.get()
            + "'");
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
