package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.UnaryOp;
import org.jspecify.annotations.Nullable;

/**
 * The nonlinearity a neuron applies to its weighted sum.
 *
 * <pre>{@code
 * Activation.TANH.apply(Expr.of(0.5));   // tanh(0.5)
 * Activation.LINEAR.apply(x);            // x itself: micrograd's output layer
 * }</pre>
 */
public enum Activation {
  /** {@code tanh(x)}: the lecture's network. */
  TANH(UnaryOp.TANH),
  /** {@code max(0, x)}: micrograd's hidden layers. */
  RELU(UnaryOp.RELU),
  /** {@code 1 / (1 + e^-x)}. */
  SIGMOID(UnaryOp.SIGMOID),
  /** {@code x}: no nonlinearity (micrograd's {@code nonlin=False}). */
  LINEAR(null);

  @SuppressWarnings("ImmutableEnumChecker") // a row's fields are final, its functions pure
  private final @Nullable UnaryOp op; // the operation's row; null: no operation

  Activation(@Nullable UnaryOp op) {
    this.op = op;
  }

  /** {@return the activation applied to {@code x}; {@code x} itself for {@link #LINEAR}} */
  public Expr apply(Expr x) {
    return op == null ? x : x.apply(op);
  }
}
