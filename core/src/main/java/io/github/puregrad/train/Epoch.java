package io.github.puregrad.train;

import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * One epoch of training: the model it started from, its loss, and the model it produced.
 *
 * <pre>{@code
 * Epoch<Mlp> epoch = trainer.fit(model, data, 20).get();
 * epoch.index();     // 19
 * epoch.loss();      // the loss of epoch.model(), measured before the update
 * epoch.next();      // the model after the epoch's updates
 * }</pre>
 *
 * <p>With full-batch training an epoch is one update, and {@code loss} is exactly the loss of
 * {@code model}. With mini-batches it is the mean of the batch losses, each measured just before
 * its batch's update; metrics are averaged the same way.
 *
 * @param index from 0
 * @param model the model at the start of the epoch
 * @param loss the loss, measured before the updates
 * @param metrics the objective's metrics, such as {@code "accuracy"}
 * @param next the model at the end of the epoch
 * @param <M> the model type
 */
public record Epoch<M>(int index, M model, double loss, Map<String, Double> metrics, M next) {
  public Epoch {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(metrics, "metrics is null");
    Objects.requireNonNull(next, "next is null");
  }

  /** {@return the metric called {@code name}, if the objective reported one} */
  public Option<Double> metric(String name) {
    return metrics.get(name);
  }
}
