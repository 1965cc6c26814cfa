package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Model;
import io.github.puregrad.optim.Optimizer;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Stream;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Training as a fold of {@link #step} over batches, exposed as a lazy stream of {@link Epoch}s.
 *
 * <pre>{@code
 * var trainer = Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)));
 * var last = trainer.fit(model, Dataset.lecture(), 20);  // Either<Divergence<..>, Epoch<..>>
 * trainer.fit(model, Dataset.lecture(), 100_000, epoch -> log(epoch.loss()));  // constant memory
 * var minibatch = trainer.withConfig(TrainConfig.builder().batchSize(16).build());
 *
 * Trainer<Mlp, Sgd.Velocity> typed =                        // the model's own type in the results
 *     Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)));
 * Mlp trained = typed.fit(model, Dataset.lecture(), 20).get().next();
 * }</pre>
 *
 * <p>No value is mutated: each step builds a new loss graph, new gradients, a new model and a new
 * optimizer state (a run on the tape overwrites one scratch workspace of its own, which no value
 * shares: {@code docs/design.md} lists every piece of mutable state). {@link TrainConfig} can
 * spread each batch's gradient over threads ({@code threads}, for an {@link Objective.Separable})
 * and replay a traced tape instead of differentiating a new graph ({@code tape}, for full-batch
 * training). A non-finite loss, gradient or new parameter ends training with a {@link Divergence}
 * (a value, not an exception) that holds the last good model.
 *
 * @param objective the loss to minimise
 * @param optimizer how to move the parameters
 * @param config batching, threads and tape
 * @param <M> the model type: inferred from the objective, {@code Model<?>} for the built-in ones,
 *     which take any model; name it ({@code Trainer<Mlp, Sgd.Velocity>}) to get it back in results
 * @param <S> the optimizer's state type
 */
public record Trainer<M extends Model<?>, S>(
    Objective<? super M> objective, Optimizer<S> optimizer, TrainConfig config) {
  public Trainer {
    Objects.requireNonNull(objective, "objective is null");
    Objects.requireNonNull(optimizer, "optimizer is null");
    Objects.requireNonNull(config, "config is null");
    if (config.threads().isDefined() && !(objective instanceof Objective.Separable)) {
      throw new IllegalArgumentException(
          "expected an Objective.Separable (a sum over examples) for data-parallel training, got "
              + objective);
    }
  }

  // -- static API

  /** {@return a full-batch trainer, as micrograd's demo} */
  public static <M extends Model<?>, S> Trainer<M, S> of(
      Objective<? super M> objective, Optimizer<S> optimizer) {
    return new Trainer<M, S>(objective, optimizer, TrainConfig.fullBatch());
  }

  // -- non-static API

  /** {@return this trainer with {@code config}: mini-batches, threads or the tape} */
  public Trainer<M, S> withConfig(TrainConfig config) {
    return new Trainer<>(objective, optimizer, config);
  }

  /**
   * One step of the fold: the loss of {@code model} on {@code batch}, its gradients, and the
   * optimizer's update.
   *
   * <p>With {@link TrainConfig#tape()} this traces a tape at every call, as there is none to
   * replay: the results are the same, the saving comes with {@link #epochs}.
   *
   * @return the new model, state and the loss before the update; or the {@link Divergence} (epoch
   *     0, step 0, {@code lastGood} being {@code model}) when the loss, a gradient or a new
   *     parameter is not finite
   * @throws IllegalArgumentException if the batch is empty, or the optimizer refuses the state
   */
  public Either<Divergence<M>, Step<M, S>> step(M model, S state, Dataset batch) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(batch, "batch is null");
    return step(model, state, batch, Vector.empty())
        .mapLeft(reason -> new Divergence<>(0, 0, reason, model, model))
        .map(Traced::step);
  }

  /** {@link #step}, replaying {@code tapes} if they fit; returns the tapes for the next step. */
  private Either<Divergence.Reason, Traced<M, S>> step(
      M model, S state, Dataset batch, Vector<Option<Replay>> tapes) {
    if (batch.size() == 0) {
      // a sum over no examples has no gradient to split over threads, nor a mean
      throw new IllegalArgumentException("expected a batch of at least 1 example, got 0");
    }
    Vector<Expr.Leaf> parameters = model.parameters();
    Either<Divergence.Reason, Pass> result =
        Pass.of(objective, config, model, parameters, batch, tapes);
    if (result.isLeft()) {
      return Either.left(result.getLeft());
    }
    Pass pass = result.get();
    for (int i = 0; i < parameters.size(); i++) {
      double gradient = pass.gradients().get(i);
      if (!Double.isFinite(gradient)) {
        return Either.left(
            new Divergence.Reason.NonFiniteGradient(i, parameters.get(i).label(), gradient));
      }
    }
    // an optimizer's IllegalArgumentException (a state of the wrong size) is a bug: let it through
    Optimizer.Moved<S> moved =
        optimizer.move(parameters.map(Expr.Leaf::value), pass.gradients(), state);
    for (int i = 0; i < parameters.size(); i++) {
      double value = moved.values().get(i);
      if (!Double.isFinite(value)) {
        return Either.left(
            new Divergence.Reason.NonFiniteParameter(i, parameters.get(i).label(), value));
      }
    }
    return Either.right(
        new Traced<>(
            new Step<>(
                withValues(model, moved.values()), moved.state(), pass.loss(), pass.metrics()),
            pass.tapes()));
  }

  /** {@return the checkpoint before the first epoch of training {@code model}} */
  public Checkpoint<M, S> start(M model) {
    Objects.requireNonNull(model, "model is null");
    return new Checkpoint<>(0, model, optimizer.init(model), model);
  }

  /**
   * {@return the epochs of training {@code model} on {@code data}: a lazy, memoized stream that
   * ends after a {@link Divergence} and otherwise goes on forever}
   *
   * <p>The first epoch is computed when the stream is built (a Vavr stream's head is strict), each
   * later one when it is first reached. The stream is memoized: <b>while anything holds its head,
   * every epoch reached so far stays in memory</b> (about 16 KB an epoch for the lecture net), so a
   * long run through a stream held in a variable runs out of memory. For long runs use {@link
   * #fit(Model, Dataset, int, Consumer)} or {@link #run}, which hold one epoch at a time.
   */
  public Stream<Either<Divergence<M>, Epoch<M>>> epochs(M model, Dataset data) {
    return epochs(start(model), data);
  }

  /**
   * {@return the epochs from {@code from} on, as {@link #epochs(Model, Dataset)}: a run resumed
   * from a checkpoint}
   */
  public Stream<Either<Divergence<M>, Epoch<M>>> epochs(Checkpoint<M, S> from, Dataset data) {
    Objects.requireNonNull(from, "from is null");
    requireData(data);
    return epochs(from, data, Vector.empty());
  }

  /**
   * {@return the last of {@code count} epochs, or the divergence that ended training first}; holds
   * one epoch at a time, so any number of epochs runs in constant memory
   */
  public Either<Divergence<M>, Epoch<M>> fit(M model, Dataset data, int count) {
    return fit(model, data, count, epoch -> {});
  }

  /**
   * {@return the last of {@code count} epochs, or the divergence that ended training first},
   * handing each epoch to {@code onEpoch} as it ends: the way to watch a long run without keeping
   * it
   */
  public Either<Divergence<M>, Epoch<M>> fit(
      M model, Dataset data, int count, Consumer<? super Epoch<M>> onEpoch) {
    if (count < 1) {
      throw new IllegalArgumentException("expected at least 1 epoch, got " + count);
    }
    Objects.requireNonNull(onEpoch, "onEpoch is null");
    // the last epoch only, never a list of them
    AtomicReference<@Nullable Epoch<M>> last = new AtomicReference<>();
    return run(
            start(model),
            data,
            count,
            epoch -> {
              last.set(epoch);
              onEpoch.accept(epoch);
            })
        .map(end -> Objects.requireNonNull(last.get(), "no epoch ran"));
  }

  /**
   * Runs the epochs from {@code from.epoch()} up to, not including, {@code until}, handing each to
   * {@code onEpoch}; in constant memory, like {@link #fit(Model, Dataset, int, Consumer)}.
   *
   * <p>Running to epoch k, then from the returned checkpoint to n, gives the same numbers to the
   * last bit as running to n at once: a checkpoint holds all a run depends on.
   *
   * @return the checkpoint at {@code until} ({@code from} itself if it is already there), or the
   *     divergence that ended training first
   */
  public Either<Divergence<M>, Checkpoint<M, S>> run(
      Checkpoint<M, S> from, Dataset data, int until, Consumer<? super Epoch<M>> onEpoch) {
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(onEpoch, "onEpoch is null");
    requireData(data);
    Checkpoint<M, S> at = from;
    Vector<Option<Replay>> tapes = Vector.empty();
    while (at.epoch() < until) {
      Either<Divergence<M>, Advance<M, S>> next = advance(at, data, tapes);
      if (next.isLeft()) {
        return Either.left(next.getLeft());
      }
      onEpoch.accept(next.get().epoch());
      at = next.get().next();
      tapes = next.get().tapes();
    }
    return Either.right(at);
  }

  private static void requireData(Dataset data) {
    Objects.requireNonNull(data, "data is null");
    if (data.size() == 0) {
      throw new IllegalArgumentException("expected at least 1 example, got 0");
    }
  }

  private Stream<Either<Divergence<M>, Epoch<M>>> epochs(
      Checkpoint<M, S> at, Dataset data, Vector<Option<Replay>> tapes) {
    Either<Divergence<M>, Advance<M, S>> next = advance(at, data, tapes);
    if (next.isLeft()) {
      return Stream.of(Either.left(next.getLeft()));
    }
    Advance<M, S> advance = next.get();
    return Stream.cons(
        Either.right(advance.epoch()), () -> epochs(advance.next(), data, advance.tapes()));
  }

  /** One epoch from {@code at}: its batches in order, each a {@link #step}. */
  private Either<Divergence<M>, Advance<M, S>> advance(
      Checkpoint<M, S> at, Dataset data, Vector<Option<Replay>> tapes) {
    int index = at.epoch();
    Vector<Dataset> batches =
        config.batchSize().isDefined()
            ? data.shuffle(new SplittableRandom(config.seed() ^ mix(index)))
                .batches(config.batchSize().get())
            : Vector.of(data);
    M current = at.model();
    M good = at.lastGood();
    S currentState = at.state();
    Vector<Option<Replay>> currentTapes = tapes; // only with config.tape(), which means full batch
    double lossSum = 0;
    Map<String, Double> metricSums = LinkedHashMap.empty();
    for (int b = 0; b < batches.size(); b++) {
      Either<Divergence.Reason, Traced<M, S>> traced =
          step(current, currentState, batches.get(b), currentTapes);
      if (traced.isLeft()) {
        return Either.left(new Divergence<>(index, b, traced.getLeft(), current, good));
      }
      Step<M, S> step = traced.get().step();
      currentTapes = traced.get().tapes();
      good = current;
      current = step.model();
      currentState = step.state();
      lossSum += step.loss();
      metricSums = metricSums.merge(step.metrics(), Double::sum);
    }
    int n = batches.size();
    Epoch<M> epoch =
        new Epoch<>(index, at.model(), lossSum / n, metricSums.mapValues(s -> s / n), current);
    return Either.right(
        new Advance<>(
            epoch, new Checkpoint<>(index + 1, current, currentState, good), currentTapes));
  }

  private static long mix(int index) {
    return (index + 1) * 0x9E3779B97F4A7C15L; // spreads epoch numbers over the seed's bits
  }

  /** A step and the tapes that computed its gradients, for the next step over the same batch. */
  /**
   * {@code model.withValues(values)} as an M. {@link Model}'s contract is that {@code withValues}
   * returns the model's own type (its F-bound says so); the trainer's bound is the looser {@code
   * Model<?>}, so that {@code var trainer = Trainer.of(Objective.sumOfSquares(), ...)} infers
   * {@code Model<?>} from an objective over every model and still takes an {@code Mlp}.
   */
  @SuppressWarnings("unchecked")
  static <M extends Model<?>> M withValues(M model, Vector<Double> values) {
    return (M) model.withValues(values);
  }

  private record Traced<M, S>(Step<M, S> step, Vector<Option<Replay>> tapes) {}

  /** An epoch, the checkpoint after it, and the tapes to replay in the next. */
  private record Advance<M, S>(
      Epoch<M> epoch, Checkpoint<M, S> next, Vector<Option<Replay>> tapes) {}

  /**
   * The result of one {@link #step}.
   *
   * @param model the model after the update
   * @param state the optimizer state after the update
   * @param loss the loss before the update
   * @param metrics the objective's metrics before the update
   * @param <M> the model type
   * @param <S> the optimizer's state type
   */
  public record Step<M, S>(M model, S state, double loss, Map<String, Double> metrics) {
    public Step {
      Objects.requireNonNull(model, "model is null");
      Objects.requireNonNull(state, "state is null");
      Objects.requireNonNull(metrics, "metrics is null");
    }
  }
}
