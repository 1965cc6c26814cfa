package io.github.puregrad.train;

import java.util.Objects;

/**
 * Why training stopped: a loss, gradient or parameter that became NaN or infinite.
 *
 * <pre>{@code
 * trainer.fit(model, data, 100)
 *     .peekLeft(d -> System.err.println(d.message()))
 *     .fold(Divergence::lastGood, Epoch::next);      // the best model either way
 * }</pre>
 *
 * <p>Only numbers diverge: a programming error, such as an optimizer state that does not fit the
 * model, is an exception and never a {@code Divergence}.
 *
 * @param epoch the epoch in which it happened, from 0
 * @param step the batch within that epoch, from 0
 * @param reason what became non-finite
 * @param model the model the failed step started from
 * @param lastGood the last model from which a step completed with a finite loss, finite gradients
 *     and finite new parameters; the initial model if the first step failed
 * @param <M> the model type
 */
public record Divergence<M>(int epoch, int step, Reason reason, M model, M lastGood) {
  public Divergence {
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(lastGood, "lastGood is null");
  }

  /** {@return e.g. {@code "training diverged in epoch 3, step 0: loss is NaN"}} */
  public String message() {
    return "training diverged in epoch " + epoch + ", step " + step + ": " + reason.message();
  }

  /**
   * What became NaN or infinite: the loss, the gradient of a parameter, or a parameter after the
   * update. Parameters are numbered in the order of {@link
   * io.github.puregrad.nn.Model#parameters()}.
   *
   * <pre>{@code
   * Divergence.Reason reason = new Divergence.Reason.NonFiniteGradient(0, "w", Double.POSITIVE_INFINITY);
   * reason.message();   // "gradient of parameter 0 (w) is Infinity"
   * }</pre>
   */
  public sealed interface Reason {
    /** {@return one line for people, e.g. {@code "loss is NaN"}} */
    String message();

    /**
     * The loss was not finite.
     *
     * @param value the loss
     */
    record NonFiniteLoss(double value) implements Reason {
      @Override
      public String message() {
        return "loss is " + value;
      }
    }

    /**
     * The loss was finite but a parameter's gradient was not.
     *
     * @param parameter the parameter's index
     * @param label the parameter's label, maybe empty
     * @param value the gradient
     */
    record NonFiniteGradient(int parameter, String label, double value) implements Reason {
      public NonFiniteGradient {
        Objects.requireNonNull(label, "label is null");
      }

      @Override
      public String message() {
        return "gradient of parameter " + parameter + named(label) + " is " + value;
      }
    }

    /**
     * Loss and gradients were finite, but the optimizer moved a parameter to a non-finite value.
     *
     * @param parameter the parameter's index
     * @param label the parameter's label, maybe empty
     * @param value the value the update would have given it
     */
    record NonFiniteParameter(int parameter, String label, double value) implements Reason {
      public NonFiniteParameter {
        Objects.requireNonNull(label, "label is null");
      }

      @Override
      public String message() {
        return "parameter " + parameter + named(label) + " after the update is " + value;
      }
    }

    private static String named(String label) {
      return label.isEmpty() ? "" : " (" + label + ")";
    }
  }
}
