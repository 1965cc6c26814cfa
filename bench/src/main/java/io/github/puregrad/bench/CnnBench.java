package io.github.puregrad.bench;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.data.Digits;
import io.github.puregrad.nn.Act;
import io.github.puregrad.nn.Conv2d;
import io.github.puregrad.nn.Dense;
import io.github.puregrad.nn.MaxPool2d;
import io.github.puregrad.nn.Sequential;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.Vector;
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
 * One training step of the digits CNN of {@code docs/cnn.md} (issue 24, item 5): conv 1→8 (3x3,
 * stride 1, no padding), relu, max pool 2, linear 72→10, mean cross-entropy over a batch of 32 of
 * the 8x8 digits, SGD with learning rate 0.1 and momentum 0.9, through {@code Trainer.step} with
 * {@code Objective.crossEntropyTraced()}: the library's real training path, one example's graph
 * built and checked per batch, its tape replayed for the 32 examples, the update. Each call trains
 * on the next of the training set's 44 full batches, from the model and momentum the last call
 * left; after the 44th it starts again from the initial model, so that a long run stays on the loss
 * curve of the demo's first epoch instead of training to zero loss.
 *
 * <p>The set-up checks the traced step against the eager one ({@code Objective.crossEntropy()}, the
 * batch's whole graph): the same loss and new parameters to 1e-12 relative (the batch's sums run in
 * another order).
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar CnnBench
 * }</pre>
 *
 * <p>PyTorch's side: {@code /usr/bin/python3 bench/src/main/python/cnn_step.py}; {@link Report29}
 * runs both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CnnBench {
  static final int BATCH = 32;
  private static final double TOLERANCE = 1e-12;

  private Vector<Dataset> batches = Vector.empty();
  private Trainer<Sequential, Sgd.Velocity> trainer = trainer(Objective.crossEntropyTraced());
  private Sequential initial = cnn();
  private Sgd.Velocity initialState = trainer.start(initial).state();
  private Sequential model = initial;
  private Sgd.Velocity state = initialState;
  private int next;

  /** {@return the demo's network, PyTorch's layers, from the demo's seed} */
  static Sequential cnn() {
    SplittableRandom random = new SplittableRandom(1);
    return Sequential.of(
        Conv2d.of(1, 8, 8, 8, 3, 1, 0, random), // 1x8x8 -> 8x6x6
        Act.RELU,
        MaxPool2d.of(8, 6, 6, 2), // -> 8x3x3
        Dense.of(72, 10, random)); // -> 10 logits
  }

  private static Trainer<Sequential, Sgd.Velocity> trainer(Objective<? super Sequential> loss) {
    return Trainer.of(loss, Sgd.of(Schedule.constant(0.1)).withMomentum(0.9));
  }

  @Setup
  public void setUp() {
    Dataset train = Digits.train();
    batches =
        Vector.range(0, train.size() / BATCH).map(k -> train.slice(BATCH * k, BATCH * k + BATCH));
    trainer = trainer(Objective.crossEntropyTraced());
    initial = cnn();
    initialState = trainer.start(initial).state();
    model = initial;
    state = initialState;
    next = 0;

    Trainer<Sequential, Sgd.Velocity> eager = trainer(Objective.crossEntropy());
    Sequential tracedModel = model;
    Sequential eagerModel = model;
    Sgd.Velocity tracedState = state;
    Sgd.Velocity eagerState = state;
    for (int k = 0; k < 2; k++) { // the second step replays the first one's tape
      Trainer.Step<Sequential, Sgd.Velocity> traced =
          trainer.step(tracedModel, tracedState, batches.get(k)).get();
      Trainer.Step<Sequential, Sgd.Velocity> reference =
          eager.step(eagerModel, eagerState, batches.get(k)).get();
      Check.close("loss at step " + k, traced.loss(), reference.loss(), TOLERANCE);
      Vector<Double> actual = traced.model().parameters().map(p -> p.value());
      Vector<Double> expected = reference.model().parameters().map(p -> p.value());
      Check.equal("parameters", actual.size(), 810);
      for (int i = 0; i < expected.size(); i++) {
        Check.close("parameter " + i + " after step " + k, actual.get(i), expected.get(i), 1e-12);
      }
      tracedModel = traced.model();
      tracedState = traced.state();
      eagerModel = reference.model();
      eagerState = reference.state();
    }
  }

  /** One step on the next batch: forward, gradients on the tape, SGD with momentum. */
  @Benchmark
  public double step() {
    Trainer.Step<Sequential, Sgd.Velocity> step =
        trainer.step(model, state, batches.get(next)).get();
    next = (next + 1) % batches.size();
    model = next == 0 ? initial : step.model();
    state = next == 0 ? initialState : step.state();
    return step.loss();
  }
}
