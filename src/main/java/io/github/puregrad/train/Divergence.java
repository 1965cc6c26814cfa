package io.github.puregrad.train;

import java.util.Objects;

/**
 * Why training stopped: a loss, gradient or parameter that became NaN or infinite.
 *
 * <pre>{@code
 * trainer.fit(model, data, 100)
 *     .peekLeft(d -> System.err.println(d.reason()))
 *     .fold(Divergence::lastGood, Epoch::next);      // the best model either way
 * }</pre>
 *
 * @param epoch the epoch in which it happened, from 0
 * @param step the batch within that epoch, from 0
 * @param reason what became non-finite, e.g. {@code "loss is NaN"}
 * @param model the model the failed step started from
 * @param lastGood the last model from which a step completed with a finite loss, finite gradients
 *     and finite new parameters; the initial model if the first step failed
 * @param <M> the model type
 */
public record Divergence<M>(int epoch, int step, String reason, M model, M lastGood) {
  public Divergence {
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(lastGood, "lastGood is null");
  }

  /** {@return e.g. {@code "training diverged in epoch 3, step 0: loss is NaN"}} */
  public String message() {
    return "training diverged in epoch " + epoch + ", step " + step + ": " + reason;
  }
}
