package io.github.puregrad.demo;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Act;
import io.github.puregrad.nn.Conv2d;
import io.github.puregrad.nn.Dense;
import io.github.puregrad.nn.MaxPool2d;
import io.github.puregrad.nn.Model;
import io.github.puregrad.nn.Sequential;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.plot.Images;
import io.github.puregrad.plot.Plot;
import io.github.puregrad.train.Divergence;
import io.github.puregrad.train.Epoch;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.TrainConfig;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.awt.AWTError;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The digits demo: a small CNN (conv 1→8 3x3, relu, max pool 2, linear 72→10) trained with SGD (lr
 * 0.1, momentum 0.9, batches of 32) on the first 1,437 of scikit-learn's 8x8 digits, its accuracy
 * measured on the last 360 after every epoch, then four pictures: the learned filters, the
 * confusion matrix, misclassified digits and the loss curve.
 *
 * <pre>{@code
 * mvn -q compile exec:java -pl demo -Dexec.mainClass=io.github.puregrad.demo.Digits
 * // epoch 1 loss 1.0529 accuracy 85.8%  ...
 * }</pre>
 */
public final class Digits {
  /** The demo's defaults: 10 epochs over all 1,437 training rows. */
  static final int EPOCHS = 10;

  /**
   * The default seed. The run is noisy (lr 0.1 with momentum 0.9 moves the test accuracy by a point
   * or two from one epoch to the next): after 10 epochs seeds 1 to 8 give 92.8, 91.9, 94.2, 92.8,
   * 93.1, 91.7, 93.1 and 93.6 % (mean 92.9 %, PyTorch 92.5 %), seed 1337 90.8 %. Seed 1 is the
   * first of them, not the best.
   */
  static final long SEED = 1;

  private static final Path PICTURES = Path.of("target", "puregrad");

  private Digits() {}

  public static void main(String[] args) {
    // the demo draws into files only, as Demo does
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    // optional: the number of epochs, then the seed
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : EPOCHS;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : SEED;
    int code =
        run(epochs, seed, io.github.puregrad.data.Digits.TRAIN, System.out, System.err, PICTURES);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Trains and reports.
   *
   * @param epochs passes over the training rows
   * @param seed the initial parameters' and the batches' seed
   * @param rows how many of the first 1,437 rows to train on (all of them in the demo; fewer in
   *     tests)
   * @return the exit code: 0, or 1 if training diverged
   */
  static int run(int epochs, long seed, int rows, PrintStream out, PrintStream err, Path pictures) {
    Dataset train = io.github.puregrad.data.Digits.train().slice(0, rows);
    Dataset test = io.github.puregrad.data.Digits.test();
    SplittableRandom random = new SplittableRandom(seed);
    Sequential cnn =
        Sequential.of(
            Conv2d.of(1, 8, 8, 8, 3, 1, 0, random), // 1x8x8 -> 8x6x6
            Act.RELU,
            MaxPool2d.of(8, 6, 6, 2), // -> 8x3x3: 72 features
            Dense.of(72, 10, random)); // -> one logit per digit
    Trainer<Sequential, Sgd.Velocity> trainer =
        Trainer.<Sequential, Sgd.Velocity>of(
                Objective.crossEntropyTraced(), Sgd.of(Schedule.constant(0.1)).withMomentum(0.9))
            .withConfig(TrainConfig.builder().batchSize(32).seed(seed).build());
    Objective<Model<?>> measure = Objective.crossEntropyTraced();
    List<Double> losses = new ArrayList<>();
    long start = System.nanoTime();
    Either<Divergence<Sequential>, Epoch<Sequential>> end =
        trainer.fit(
            cnn,
            train,
            epochs,
            epoch -> {
              double accuracy =
                  measure.evaluate(epoch.next(), test).metrics().get("accuracy").get();
              losses.add(epoch.loss());
              out.printf(
                  Locale.ROOT,
                  "epoch %d loss %.4f accuracy %.1f%%%n",
                  epoch.index() + 1,
                  epoch.loss(),
                  100 * accuracy);
            });
    if (end.isLeft()) {
      err.println("error: training diverged: " + end.getLeft().message());
      return 1;
    }
    out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
    Sequential model = end.get().next();
    pictures(model, test, losses, out, err, pictures);
    return 0;
  }

  /** The filters, the confusion matrix, up to 12 misclassified test digits, the loss curve. */
  private static void pictures(
      Sequential model,
      Dataset test,
      List<Double> losses,
      PrintStream out,
      PrintStream err,
      Path pictures) {
    List<double[]> filters = new ArrayList<>();
    List<String> filterNames = new ArrayList<>();
    if (model.layers().head() instanceof Conv2d conv) {
      for (int o = 0; o < conv.outChannels(); o++) {
        filters.add(values(conv.weight().slice(9 * o, 9 * o + 9).map(Expr.Leaf::value)));
        filterNames.add("filter " + o);
      }
    }
    int[][] confusion = new int[10][10];
    List<double[]> wrong = new ArrayList<>();
    List<String> wrongNames = new ArrayList<>();
    for (int row = 0; row < test.size(); row++) {
      Vector<Double> pixels = test.inputs().get(row);
      Vector<Expr> logits = model.forward(pixels.map(Expr::of));
      int predicted = 0;
      for (int k = 1; k < logits.size(); k++) {
        predicted = logits.get(k).value() > logits.get(predicted).value() ? k : predicted;
      }
      int actual = (int) (double) test.targets().get(row);
      confusion[actual][predicted]++;
      if (predicted != actual && wrong.size() < 12) {
        wrong.add(values(pixels));
        wrongNames.add(
            "row "
                + (io.github.puregrad.data.Digits.TRAIN + row)
                + ": "
                + actual
                + " as "
                + predicted);
      }
    }
    picture(
        out,
        err,
        "filters",
        () ->
            Images.grid(
                    filters,
                    3,
                    3,
                    filterNames,
                    Images.Scale.DIVERGING,
                    8,
                    "learned 3x3 filters (red +, blue -)")
                .write(pictures.resolve("digits-filters.png")));
    picture(
        out,
        err,
        "confusion matrix",
        () ->
            Images.confusion(confusion, "digits: the 360 test images, true by predicted class")
                .write(pictures.resolve("digits-confusion.png")));
    if (!wrong.isEmpty()) {
      picture(
          out,
          err,
          "misclassified digits",
          () ->
              Images.grid(
                      wrong,
                      8,
                      8,
                      wrongNames,
                      Images.Scale.GRAY,
                      6,
                      "misclassified test digits (true as predicted)")
                  .write(pictures.resolve("digits-misclassified.png")));
    }
    picture(
        out,
        err,
        "loss curve",
        () ->
            Plot.lossCurve(losses)
                .withStepName("epoch")
                .withTitle("digits CNN: mean training loss per epoch (0 is the first)")
                .write(pictures.resolve("digits-loss.png")));
  }

  private static double[] values(Vector<Double> numbers) {
    return numbers.toJavaStream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Draws one picture, or says why it was skipped: training succeeded either way. */
  private static void picture(PrintStream out, PrintStream err, String name, Supplier<Path> draw) {
    try {
      out.println("wrote " + draw.get());
    } catch (UncheckedIOException | IllegalArgumentException | AWTError e) {
      err.println("skipped " + name + ": " + e.getMessage());
    }
  }
}
