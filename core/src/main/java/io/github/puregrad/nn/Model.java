package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;

/**
 * What optimizers and training need from a model: its parameters in a fixed order, a way to build
 * the same model with new parameter values, and a forward pass.
 *
 * <pre>{@code
 * Mlp model = Mlp.of(2, List.of(1), new SplittableRandom(1));
 * Vector<Expr.Leaf> params = model.parameters();            // w0, w1, b
 * Mlp moved = model.withValues(Vector.of(0.5, -0.5, 0.0));  // same ids, new values
 * }</pre>
 *
 * @param <M> the model type itself, so {@link #withValues} returns it
 */
public interface Model<M extends Model<M>> {

  /** {@return the parameters, in the model's fixed order (micrograd's for an {@link Mlp})} */
  Vector<Expr.Leaf> parameters();

  /**
   * {@return this model with parameter {@code i} set to {@code values.get(i)}, each parameter
   * keeping its id}
   *
   * @throws IllegalArgumentException if the count differs from {@code parameters().size()} or a
   *     value is not finite
   */
  M withValues(Seq<Double> values);

  /**
   * {@return the outputs for {@code inputs}}
   *
   * @throws IllegalArgumentException if the number of inputs does not fit the model
   */
  Vector<Expr> forward(Seq<? extends Expr> inputs);

  /** {@return the outputs for plain numbers, each wrapped in a new constant leaf} */
  default Vector<Expr> forward(double... inputs) {
    return forward(Vector.ofAll(inputs).map(Expr::of));
  }
}
