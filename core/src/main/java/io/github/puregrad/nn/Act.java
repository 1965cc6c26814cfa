package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * An activation as a layer of its own: {@code activation} applied to every input, no parameters. It
 * lets a {@link Sequential} put a nonlinearity after a {@link Conv2d} or a {@link Dense}.
 *
 * <pre>{@code
 * Sequential net = Sequential.of(Dense.of(2, 16, random), Act.RELU, Dense.of(16, 1, random));
 * Act.TANH.forward(Vector.of(Expr.of(0.5))).head().value();   // tanh(0.5)
 * }</pre>
 *
 * @param activation applied elementwise
 */
public record Act(Activation activation) implements Model<Act> {
  /** tanh on every input. */
  public static final Act TANH = new Act(Activation.TANH);

  /** max(0, x) on every input. */
  public static final Act RELU = new Act(Activation.RELU);

  /** The logistic sigmoid on every input. */
  public static final Act SIGMOID = new Act(Activation.SIGMOID);

  public Act {
    Objects.requireNonNull(activation, "activation is null");
  }

  /** {@return the layer applying {@code activation}} */
  public static Act of(Activation activation) {
    return new Act(activation);
  }

  /** {@return no parameters} */
  @Override
  public Vector<Expr.Leaf> parameters() {
    return Vector.empty();
  }

  /** {@return this layer; {@code values} must be empty} */
  @Override
  public Act withValues(Seq<Double> values) {
    Layers.requireCount(0, values, this);
    return this;
  }

  /** {@return {@code activation(x)} for each input x, in order} */
  @Override
  public Vector<Expr> forward(Seq<? extends Expr> inputs) {
    Objects.requireNonNull(inputs, "inputs is null");
    return Vector.ofAll(inputs.iterator().map(activation::apply));
  }

  @Override
  public String toString() {
    return "Act(" + activation + ")";
  }
}
