package io.github.puregrad.train;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.util.Objects;

/**
 * What an {@link Objective} makes of a model on a batch: the loss to differentiate, and metrics to
 * report (plain numbers, not differentiated).
 *
 * <pre>{@code
 * Evaluation e = Evaluation.of(loss).withMetric("accuracy", 0.75);
 * }</pre>
 *
 * @param loss the expression whose gradient training follows
 * @param metrics named numbers such as {@code "accuracy"}
 */
public record Evaluation(Expr loss, Map<String, Double> metrics) {
  public Evaluation {
    Objects.requireNonNull(loss, "loss is null");
    Objects.requireNonNull(metrics, "metrics is null");
  }

  /** {@return the evaluation with {@code loss} and no metrics} */
  public static Evaluation of(Expr loss) {
    return new Evaluation(loss, LinkedHashMap.empty());
  }

  /** {@return this evaluation with one more metric} */
  public Evaluation withMetric(String name, double value) {
    Objects.requireNonNull(name, "name is null");
    return new Evaluation(loss, metrics.put(name, value));
  }
}
