package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.grad.Tape;
import io.github.puregrad.nn.Model;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.jspecify.annotations.Nullable;

/**
 * One forward and backward pass of a model over a batch, as {@link TrainConfig} says: the loss, the
 * metrics, one gradient per parameter, and the tapes to replay at the next step.
 *
 * <pre>{@code
 * Either<Divergence.Reason, Pass> pass = Pass.of(objective, config, model, batch, Vector.empty());
 * pass.get().gradients();   // in the order of model.parameters()
 * }</pre>
 *
 * @param loss the loss of the model on the batch
 * @param metrics the objective's metrics
 * @param gradients d loss / d parameter, in the order of {@code model.parameters()}
 * @param tapes with {@link TrainConfig#tape()}: the tape of the batch (one graph) or of each chunk
 *     (threads), for the next pass over the same batch; else empty
 */
record Pass(
    double loss,
    Map<String, Double> metrics,
    Vector<Double> gradients,
    Vector<Option<Replay>> tapes) {

  /** {@return the pass of {@code model} over {@code batch}; see the next method} */
  static <M extends Model<?>> Either<Divergence.Reason, Pass> of(
      Objective<? super M> objective,
      TrainConfig config,
      M model,
      Dataset batch,
      Vector<Option<Replay>> tapes) {
    return of(objective, config, model, model.parameters(), batch, tapes);
  }

  /**
   * {@return the pass of {@code model} over {@code batch}, or why there is none (a loss that is not
   * finite)}
   *
   * @param parameters {@code model.parameters()}, listed once per step by the caller
   * @param tapes the tapes of the previous pass over the same batch, or empty
   */
  static <M extends Model<?>> Either<Divergence.Reason, Pass> of(
      Objective<? super M> objective,
      TrainConfig config,
      M model,
      Vector<Expr.Leaf> parameters,
      Dataset batch,
      Vector<Option<Replay>> tapes) {
    if (config.threads().isEmpty()) {
      Option<Replay> replay = previous(tapes, 0);
      if (replay.isDefined() && replay.get().replaces(parameters, batch)) {
        return recordFree(replay.get(), parameters);
      }
      Evaluation evaluation = objective.evaluate(model, batch);
      double loss = evaluation.loss().value();
      if (!Double.isFinite(loss)) {
        return Either.left(new Divergence.Reason.NonFiniteLoss(loss));
      }
      Part part =
          part(evaluation, parameters, config.tape(), replay, objective.traceable() ? batch : null);
      return Either.right(
          new Pass(
              loss,
              evaluation.metrics(),
              Vector.ofAll(part.gradients),
              config.tape() ? Vector.of(part.tape) : Vector.empty()));
    }
    // the Trainer accepts threads only with a separable objective
    return parallel(
        (Objective.Separable<? super M>) objective, config, model, parameters, batch, tapes);
  }

  /**
   * The loss as {@code total(Σ_c sum(chunk c))}: each chunk's sum differentiated on its own (on any
   * thread), the values and gradients added in chunk order, and the chain rule through {@code
   * total} applied once: d loss/d p = ∂ total/∂ p + ∂ total/∂ sum · Σ_c d sum_c/d p.
   */
  private static <M extends Model<?>> Either<Divergence.Reason, Pass> parallel(
      Objective.Separable<? super M> objective,
      TrainConfig config,
      M model,
      Vector<Expr.Leaf> parameters,
      Dataset batch,
      Vector<Option<Replay>> tapes) {
    Vector<Dataset> chunks = batch.batches(config.chunkSize());
    Part[] parts = new Part[chunks.size()];
    Workers.run(
        config.threads().get(),
        parts.length,
        c -> {
          Evaluation sum = objective.sum(model, chunks.get(c));
          parts[c] = part(sum, parameters, config.tape(), previous(tapes, c), null);
        });
    double sum = parts[0].value;
    Map<String, Double> metricSums = parts[0].metrics;
    for (int c = 1; c < parts.length; c++) {
      sum += parts[c].value;
      metricSums = metricSums.merge(parts[c].metrics, Double::sum);
    }
    if (!Double.isFinite(sum)) {
      return Either.left(new Divergence.Reason.NonFiniteLoss(sum));
    }
    Expr.Leaf sumLeaf = Expr.of(sum, "sum");
    Expr total = objective.total(model, sumLeaf, batch.size());
    double loss = total.value();
    if (!Double.isFinite(loss)) {
      return Either.left(new Divergence.Reason.NonFiniteLoss(loss));
    }
    Gradients outer = Autodiff.backward(total);
    double bySum = outer.get(sumLeaf);
    double[] gradients = new double[parameters.size()];
    for (int i = 0; i < gradients.length; i++) {
      double chunked = parts[0].gradients[i];
      for (int c = 1; c < parts.length; c++) {
        chunked += parts[c].gradients[i];
      }
      gradients[i] = outer.get(parameters.get(i)) + bySum * chunked;
    }
    int size = batch.size();
    return Either.right(
        new Pass(
            loss,
            metricSums.mapValues(s -> s / size),
            Vector.ofAll(gradients),
            config.tape() ? Vector.of(parts).map(p -> p.tape) : Vector.empty()));
  }

  /**
   * Differentiates {@code evaluation.loss()} with respect to {@code parameters}: by the eager
   * engine, or by replaying {@code previous} tape when there is one, it has these parameters, and
   * it computes the same loss; else by a new tape.
   */
  private static Part part(
      Evaluation evaluation,
      Vector<Expr.Leaf> parameters,
      boolean useTape,
      Option<Replay> previous,
      @Nullable Dataset traceable) {
    Expr loss = evaluation.loss();
    double value = loss.value();
    double[] gradients = new double[parameters.size()];
    if (!Double.isFinite(value)) {
      return new Part(value, evaluation.metrics(), gradients, Option.none()); // never used
    }
    if (!useTape) {
      Gradients eager = Autodiff.backward(loss);
      for (int i = 0; i < gradients.length; i++) {
        gradients[i] = eager.get(parameters.get(i));
      }
      return new Part(value, evaluation.metrics(), gradients, Option.none());
    }
    double[] values = values(parameters);
    Option<Replay> reusable = previous.filter(r -> r.hasVariables(parameters));
    Replay replay = reusable.getOrElse(() -> Replay.trace(evaluation, parameters, traceable));
    Tape.Result result = replay.tape().evaluate(replay.workspace(), values);
    if (reusable.isDefined()
        && Double.doubleToRawLongBits(result.value()) != Double.doubleToRawLongBits(value)) {
      // the objective built a graph of another shape (or on other data): trace it anew
      replay = Replay.trace(evaluation, parameters, traceable);
      result = replay.tape().evaluate(replay.workspace(), values);
    }
    return new Part(value, evaluation.metrics(), gradientsOf(result), Option.some(replay));
  }

  /**
   * A step with no records (decision 0047): the tape gives the loss, the gradients and the observed
   * values the metrics are computed from.
   */
  private static Either<Divergence.Reason, Pass> recordFree(
      Replay replay, Vector<Expr.Leaf> parameters) {
    Tape.Result result = replay.tape().evaluate(replay.workspace(), values(parameters));
    if (!Double.isFinite(result.value())) {
      return Either.left(new Divergence.Reason.NonFiniteLoss(result.value()));
    }
    return Either.right(
        new Pass(
            result.value(),
            replay.metricsOf().apply(result.observed()),
            Vector.ofAll(gradientsOf(result)),
            Vector.of(Option.some(replay))));
  }

  private static double[] gradientsOf(Tape.Result result) {
    double[] gradients = new double[result.size()];
    for (int i = 0; i < gradients.length; i++) {
      gradients[i] = result.at(i);
    }
    return gradients;
  }

  private static double[] values(Vector<Expr.Leaf> parameters) {
    double[] values = new double[parameters.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = parameters.get(i).value();
    }
    return values;
  }

  private static Option<Replay> previous(Vector<Option<Replay>> tapes, int index) {
    return index < tapes.size() ? tapes.get(index) : Option.none();
  }

  /** The value, metric sums and gradients of one differentiated graph, with its tape if any. */
  private static final class Part {
    final double value;
    final Map<String, Double> metrics;
    final double[] gradients; // never written after construction
    final Option<Replay> tape;

    Part(double value, Map<String, Double> metrics, double[] gradients, Option<Replay> tape) {
      this.value = value;
      this.metrics = metrics;
      this.gradients = gradients;
      this.tape = tape;
    }
  }
}
