package io.github.puregrad.optim;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.nn.Model;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * An optimizer as a pure state transition: {@link #init} makes the first state, {@link #update}
 * turns (model, gradients, state) into a new model and a new state.
 *
 * <pre>{@code
 * Optimizer<Sgd.Velocity> sgd = Sgd.of(Schedule.constant(0.1));
 * Sgd.Velocity state = sgd.init(model);
 * Optimizer.Update<Mlp, Sgd.Velocity> next = sgd.update(model, Autodiff.backward(loss), state);
 * }</pre>
 *
 * <p>States are immutable, and hold per-parameter values in the order of {@link
 * Model#parameters()}: keep the model's structure fixed while training. Gradients come either as
 * {@link Gradients} (read by parameter) or as one number per parameter in that same order, as a
 * {@link io.github.puregrad.grad.Tape} or a sum of per-chunk gradients gives them; both forms
 * update the same way, to the last bit.
 *
 * @param <S> the state type
 */
public interface Optimizer<S> {

  /** {@return the state before the first update of {@code model}} */
  S init(Model<?> model);

  /**
   * {@return the parameter values moved one step against their gradients, and the next state}: the
   * update as numbers, without building a model, so a caller can see a value that is not finite
   * before a model refuses it
   *
   * @param values the parameters' values, in the order of {@link Model#parameters()}
   * @param gradients d loss / d parameter, one per value
   * @throws IllegalArgumentException if the state or the number of gradients does not fit the
   *     values
   */
  Moved<S> move(Vector<Double> values, Vector<Double> gradients, S state);

  /**
   * {@return {@code model} moved one step against its gradients, and the next state}
   *
   * @param gradients d loss / d parameter, one per parameter in the order of {@link
   *     Model#parameters()}
   * @throws IllegalArgumentException if the state or the number of gradients does not fit the
   *     model, or a new parameter value would not be finite
   */
  default <M extends Model<M>> Update<M, S> update(M model, Vector<Double> gradients, S state) {
    Objects.requireNonNull(model, "model is null");
    Moved<S> moved = move(model.parameters().map(Expr.Leaf::value), gradients, state);
    return new Update<>(model.withValues(moved.values()), moved.state());
  }

  /**
   * {@return {@code model} moved one step against its gradients, and the next state}: {@link
   * #update(Model, Vector, Object)} with each parameter's gradient read from {@code gradients}
   *
   * @throws IllegalArgumentException if the state does not fit the model, or a new parameter value
   *     would not be finite
   */
  default <M extends Model<M>> Update<M, S> update(M model, Gradients gradients, S state) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(gradients, "gradients is null");
    return update(model, model.parameters().map(gradients::get), state);
  }

  /**
   * The result of one {@link #update}.
   *
   * @param model the updated model
   * @param state the state for the next update
   * @param <M> the model type
   * @param <S> the state type
   */
  record Update<M, S>(M model, S state) {
    public Update {
      Objects.requireNonNull(model, "model is null");
      Objects.requireNonNull(state, "state is null");
    }
  }

  /**
   * The result of one {@link #move}: new values, possibly not finite, and the next state.
   *
   * @param values one per parameter, in the order of {@link Model#parameters()}
   * @param state the state for the next update
   * @param <S> the state type
   */
  record Moved<S>(Vector<Double> values, S state) {
    public Moved {
      Objects.requireNonNull(values, "values is null");
      Objects.requireNonNull(state, "state is null");
    }
  }
}
