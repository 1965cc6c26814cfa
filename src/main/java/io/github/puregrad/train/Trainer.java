package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Tape;
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

/**
 * Training as a fold of {@link #step} over batches, exposed as a lazy stream of {@link Epoch}s.
 *
 * <pre>{@code
 * Trainer<Mlp, Sgd.State> trainer =
 *     Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)));
 * Either<Divergence<Mlp>, Epoch<Mlp>> last = trainer.fit(model, Dataset.lecture(), 20);
 * Mlp trained = last.get().next();
 * }</pre>
 *
 * <p>Nothing is mutated: each step builds a new loss graph, new gradients, a new model and a new
 * optimizer state. {@link TrainConfig} can spread each batch's gradient over threads ({@code
 * threads}, for an {@link Objective.Separable}) and replay a traced tape instead of differentiating
 * a new graph ({@code tape}, for full-batch training). A non-finite loss, gradient or new parameter
 * ends training with a {@link Divergence} (a value, not an exception) that holds the last good
 * model.
 *
 * @param objective the loss to minimise
 * @param optimizer how to move the parameters
 * @param config batching, threads and tape
 * @param <M> the model type
 * @param <S> the optimizer's state type
 */
public record Trainer<M extends Model<M>, S>(
    Objective<? super M> objective, Optimizer<S> optimizer, TrainConfig config) {
  public Trainer {
    Objects.requireNonNull(objective, "objective is null");
    Objects.requireNonNull(optimizer, "optimizer is null");
    Objects.requireNonNull(config, "config is null");
    if (config.threads().isPresent() && !(objective instanceof Objective.Separable)) {
      throw new IllegalArgumentException(
          "expected an Objective.Separable (a sum over examples) for data-parallel training, got "
              + objective);
    }
  }

  // -- static API

  /** {@return a full-batch trainer, as micrograd's demo} */
  public static <M extends Model<M>, S> Trainer<M, S> of(
      Objective<? super M> objective, Optimizer<S> optimizer) {
    return new Trainer<M, S>(objective, optimizer, TrainConfig.fullBatch());
  }

  // -- non-static API

  /**
   * One step of the fold: the loss of {@code model} on {@code batch}, its gradients, and the
   * optimizer's update.
   *
   * <p>With {@link TrainConfig#tape()} this traces a tape at every call, as there is none to
   * replay: the results are the same, the saving comes with {@link #epochs}.
   *
   * @return the new model, state and the loss before the update; or why the step failed
   */
  public Either<String, Step<M, S>> step(M model, S state, Dataset batch) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(batch, "batch is null");
    return step(model, state, batch, Vector.empty()).map(Traced::step);
  }

  /** {@link #step}, replaying {@code tapes} if they fit; returns the tapes for the next step. */
  private Either<String, Traced<M, S>> step(
      M model, S state, Dataset batch, Vector<Option<Tape>> tapes) {
    Either<String, Pass> result = Pass.of(objective, config, model, batch, tapes);
    if (result.isLeft()) {
      return Either.left(result.getLeft());
    }
    Pass pass = result.get();
    Vector<Expr.Leaf> parameters = model.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      double gradient = pass.gradients().get(i);
      if (!Double.isFinite(gradient)) {
        return Either.left(
            "gradient of parameter " + i + " " + describe(parameters.get(i)) + "is " + gradient);
      }
    }
    // a parameter that overflows is refused by its leaf; that is divergence too, not a crash
    Optimizer.Update<M, S> update;
    try {
      update = optimizer.update(model, pass.gradients(), state);
    } catch (IllegalArgumentException e) {
      return Either.left("update failed: " + e.getMessage());
    }
    return Either.right(
        new Traced<>(
            new Step<>(update.model(), update.state(), pass.loss(), pass.metrics()), pass.tapes()));
  }

  /**
   * {@return the epochs of training {@code model} on {@code data}: a lazy, memoized stream that
   * ends after a {@link Divergence} and otherwise goes on forever}
   *
   * <p>The first epoch is computed when the stream is built (a Vavr stream's head is strict), each
   * later one when it is first reached.
   */
  public Stream<Either<Divergence<M>, Epoch<M>>> epochs(M model, Dataset data) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(data, "data is null");
    if (data.size() == 0) {
      throw new IllegalArgumentException("expected at least 1 example, got 0");
    }
    return epochs(0, model, optimizer.init(model), model, data, Vector.empty());
  }

  /** {@return the last of {@code count} epochs, or the divergence that ended training first} */
  public Either<Divergence<M>, Epoch<M>> fit(M model, Dataset data, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("expected at least 1 epoch, got " + count);
    }
    return epochs(model, data).take(count).last();
  }

  private Stream<Either<Divergence<M>, Epoch<M>>> epochs(
      int index, M model, S state, M lastGood, Dataset data, Vector<Option<Tape>> tapes) {
    Vector<Dataset> batches =
        config.batchSize().isPresent()
            ? data.shuffle(new SplittableRandom(config.seed() ^ mix(index)))
                .batches(config.batchSize().getAsInt())
            : Vector.of(data);
    M current = model;
    M good = lastGood;
    S currentState = state;
    Vector<Option<Tape>> currentTapes = tapes; // only with config.tape(), which means full batch
    double lossSum = 0;
    Map<String, Double> metricSums = LinkedHashMap.empty();
    for (int b = 0; b < batches.size(); b++) {
      Either<String, Traced<M, S>> traced =
          step(current, currentState, batches.get(b), currentTapes);
      if (traced.isLeft()) {
        return Stream.of(Either.left(new Divergence<>(index, b, traced.getLeft(), current, good)));
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
        new Epoch<>(index, model, lossSum / n, metricSums.mapValues(s -> s / n), current);
    M next = current;
    M nextGood = good;
    S nextState = currentState;
    Vector<Option<Tape>> nextTapes = currentTapes;
    return Stream.cons(
        Either.right(epoch), () -> epochs(index + 1, next, nextState, nextGood, data, nextTapes));
  }

  private static long mix(int index) {
    return (index + 1) * 0x9E3779B97F4A7C15L; // spreads epoch numbers over the seed's bits
  }

  private static String describe(Expr.Leaf parameter) {
    return parameter.label().isEmpty() ? "" : "(" + parameter.label() + ") ";
  }

  /** A step and the tapes that computed its gradients, for the next step over the same batch. */
  private record Traced<M, S>(Step<M, S> step, Vector<Option<Tape>> tapes) {}

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
