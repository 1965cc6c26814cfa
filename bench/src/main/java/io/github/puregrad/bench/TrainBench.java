package io.github.puregrad.bench;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.nn.Model;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Divergence;
import io.github.puregrad.train.Epoch;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.TrainConfig;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.List;
import io.vavr.collection.Stream;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of micrograd's moons demo through {@link Trainer}, as a user runs it: the
 * objective's forward pass, the gradients, the SGD update and the epoch's bookkeeping. Each
 * benchmark call advances its own run of epochs by one, so the tape is traced once and replayed.
 *
 * <ul>
 *   <li>{@code eager}: {@link TrainConfig#fullBatch()}, one graph differentiated by {@code
 *       Autodiff.backward} every step;
 *   <li>{@code tape}: {@code tape(true)}, the loss traced at the first step, replayed afterwards
 *       with no records built (the objective is traceable, decision 0047);
 *   <li>{@code tapeRecords}: the same with an objective that does not say it is traceable, so each
 *       step still builds the objective's records (decision 0043);
 *   <li>{@code flat}: the baseline for {@code tape}, a whole step on the flat tape of the benchmark
 *       sources: loss, gradient, accuracy and the SGD update;
 *   <li>{@code threads1}, {@code threads2}: {@code threads(1)} and {@code threads(2)}, chunks of 8
 *       points differentiated on 1 or 2 threads (the same results to the last bit);
 *   <li>{@code threads2Tape}: both, one tape per chunk.
 * </ul>
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar TrainBench
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainBench {
  private Run eager = Run.of(TrainConfig.fullBatch());
  private Run tape = eager;
  private Run threads1 = eager;
  private Run threads2 = eager;
  private Run threads2Tape = eager;
  private Run tapeRecords = eager;
  private final Moons moons = Moons.load();
  private FlatTape flatTape = new FlatTape(1);
  private double[] flatParameters = new double[0];
  private int flatStep;

  // written, never read: so that the accuracy loop a Trainer runs each epoch is not dead code
  @SuppressWarnings("UnusedVariable")
  private int flatCorrect;

  @Setup
  public void setUp() {
    eager = Run.of(TrainConfig.fullBatch());
    tape = Run.of(TrainConfig.builder().tape(true).build());
    threads1 = Run.of(TrainConfig.builder().threads(1).build());
    threads2 = Run.of(TrainConfig.builder().threads(2).build());
    threads2Tape = Run.of(TrainConfig.builder().threads(2).tape(true).build());
    tapeRecords = Run.of(TrainConfig.builder().tape(true).build(), false);
    flatTape = new FlatTape(1 << 17);
    flatParameters = moons.parameters();
    flatStep = 0;
    // what is timed computes the right thing: micrograd's first loss, the tape's steps are the
    // eager ones to the last bit, and so are 1 and 2 threads
    Check.equal("eager step-0 loss", eager.loss(), Moons.STEP0_LOSS);
    Vector<Double> eagerCurve = Run.of(TrainConfig.fullBatch()).curve(5);
    same("tape", Run.of(TrainConfig.builder().tape(true).build()).curve(5), eagerCurve);
    same(
        "tape with records",
        Run.of(TrainConfig.builder().tape(true).build(), false).curve(5),
        eagerCurve);
    FlatTape check = new FlatTape(1 << 17);
    Check.equal("flat step-0 loss", flatStep(check, moons.parameters(), 0), Moons.STEP0_LOSS);
    Vector<Double> oneThread = Run.of(TrainConfig.builder().threads(1).build()).curve(5);
    same("2 threads", Run.of(TrainConfig.builder().threads(2).build()).curve(5), oneThread);
    same(
        "2 threads, tape",
        Run.of(TrainConfig.builder().threads(2).tape(true).build()).curve(5),
        oneThread);
  }

  private static void same(String what, Vector<Double> actual, Vector<Double> expected) {
    for (int k = 0; k < expected.size(); k++) {
      Check.equal(what + " loss at step " + k, actual.get(k), expected.get(k));
    }
  }

  /** One graph per step: objective, {@code Autodiff.backward}, update. */
  @Benchmark
  public double eager() {
    return eager.next();
  }

  /** The tape traced at the first step, replayed at every later one. */
  // called once per step, the generated methods reach HotSpot's C2 after thousands of steps
  @Benchmark
  @Warmup(iterations = 20, time = 1)
  public double tape() {
    return tape.next();
  }

  /** The tape with an objective that builds its records at every step (decision 0043). */
  @Benchmark
  public double tapeRecords() {
    return tapeRecords.next();
  }

  /** A whole step on the flat tape: loss, gradient, accuracy and the SGD update. */
  @Benchmark
  public double flat() {
    double loss = flatStep(flatTape, flatParameters, flatStep);
    flatStep = (flatStep + 1) % 100;
    return loss;
  }

  /** One moons step on {@code tape}, moving {@code parameters} in place; returns the loss. */
  private double flatStep(FlatTape tape, double[] parameters, int step) {
    int out = tape.moonsLoss(parameters, moons);
    tape.backward(out);
    int correct = 0;
    for (int n = 0; n < moons.size(); n++) {
      correct += (moons.y()[n] > 0) == (tape.value[tape.scores[n]] > 0) ? 1 : 0;
    }
    double rate = 1.0 - 0.9 * step / 100; // micrograd's schedule
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] -= rate * tape.grad[i];
    }
    flatCorrect = correct;
    return tape.value[out];
  }

  /** Chunks of 8 points, each its own graph, on the calling thread. */
  @Benchmark
  public double threads1() {
    return threads1.next();
  }

  /** Chunks of 8 points, each its own graph, on 2 threads. */
  @Benchmark
  public double threads2() {
    return threads2.next();
  }

  /** Chunks of 8 points on 2 threads, one tape per chunk. */
  @Benchmark
  public double threads2Tape() {
    return threads2Tape.next();
  }

  /** A training run of micrograd's moons demo, one epoch (one step) at a time. */
  static final class Run {
    private Stream<Either<Divergence<Mlp>, Epoch<Mlp>>> epochs;

    private Run(Stream<Either<Divergence<Mlp>, Epoch<Mlp>>> epochs) {
      this.epochs = epochs;
    }

    static Run of(TrainConfig config) {
      return of(config, true);
    }

    /** With {@code traceable} false, the objective does not let the tape skip its records. */
    static Run of(TrainConfig config, boolean traceable) {
      Moons moons = Moons.load();
      double[][] xs = new double[moons.size()][];
      for (int n = 0; n < xs.length; n++) {
        xs[n] = new double[] {moons.x0()[n], moons.x1()[n]};
      }
      Mlp model =
          Mlp.of(2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(0))
              .withValues(Vector.ofAll(moons.parameters()));
      Objective<Model<?>> hinge = Objective.hinge(1e-4);
      Objective<Mlp> notTraceable = hinge::evaluate; // the same loss, without the promise
      Objective<? super Mlp> objective = traceable ? hinge : notTraceable;
      Trainer<Mlp, Sgd.Velocity> trainer =
          new Trainer<Mlp, Sgd.Velocity>(objective, Sgd.of(Schedule.linear(1.0, 0.1, 100)), config);
      return new Run(trainer.epochs(model, Dataset.of(xs, moons.y())));
    }

    /** The loss of the current epoch (computed when the run was started or last advanced). */
    double loss() {
      return epochs.head().get().loss();
    }

    /** Advances by one epoch and returns its loss; earlier epochs become garbage. */
    double next() {
      epochs = epochs.tail();
      return loss();
    }

    Vector<Double> curve(int steps) {
      Vector<Double> losses = Vector.of(loss());
      for (int k = 1; k < steps; k++) {
        losses = losses.append(next());
      }
      return losses;
    }
  }
}
