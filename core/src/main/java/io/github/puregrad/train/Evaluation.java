package io.github.puregrad.train;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an {@link Objective} makes of a model on a batch: the loss to differentiate, and metrics to
 * report (plain numbers, not differentiated).
 *
 * <pre>{@code
 * Evaluation e = Evaluation.of(loss).withMetric("accuracy", 0.75);
 * // metrics read from nodes' values, so that a tape can replay them (TrainConfig.tape):
 * Evaluation r = Evaluation.of(loss, scores, values -> HashMap.of("positive", values.count(v -> v > 0) * 1.0));
 * }</pre>
 *
 * @param loss the expression whose gradient training follows
 * @param metrics named numbers such as {@code "accuracy"}
 * @param observed the nodes whose values {@code metricsOf} reads; empty if the metrics are fixed
 * @param metricsOf the metrics as a function of the values of {@code observed}, in order
 */
public record Evaluation(
    Expr loss,
    Map<String, Double> metrics,
    Vector<Expr> observed,
    Function<Vector<Double>, Map<String, Double>> metricsOf) {
  public Evaluation {
    Objects.requireNonNull(loss, "loss is null");
    Objects.requireNonNull(metrics, "metrics is null");
    Objects.requireNonNull(observed, "observed is null");
    Objects.requireNonNull(metricsOf, "metricsOf is null");
  }

  /** An evaluation whose metrics are fixed numbers. */
  public Evaluation(Expr loss, Map<String, Double> metrics) {
    this(loss, metrics, Vector.empty(), values -> metrics);
  }

  /** {@return the evaluation with {@code loss} and no metrics} */
  public static Evaluation of(Expr loss) {
    return new Evaluation(loss, LinkedHashMap.empty());
  }

  /**
   * {@return the evaluation with {@code loss} and metrics computed from the values of {@code
   * observed}}: a tape that replays the loss can compute them too, without building records
   */
  public static Evaluation of(
      Expr loss,
      Vector<? extends Expr> observed,
      Function<Vector<Double>, Map<String, Double>> metricsOf) {
    Vector<Expr> nodes = Vector.narrow(observed);
    return new Evaluation(loss, metricsOf.apply(nodes.map(Expr::value)), nodes, metricsOf);
  }

  /** {@return this evaluation with one more metric, a fixed number} */
  public Evaluation withMetric(String name, double value) {
    Objects.requireNonNull(name, "name is null");
    return new Evaluation(
        loss,
        metrics.put(name, value),
        observed,
        values -> metricsOf.apply(values).put(name, value));
  }

  /** {@return this evaluation with another loss and each metric mapped by {@code f}} */
  Evaluation map(Expr newLoss, Function<Double, Double> f) {
    return new Evaluation(
        newLoss, metrics.mapValues(f), observed, values -> metricsOf.apply(values).mapValues(f));
  }
}
