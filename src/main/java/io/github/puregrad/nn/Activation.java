package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;

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
  TANH,
  /** {@code max(0, x)}: micrograd's hidden layers. */
  RELU,
  /** {@code 1 / (1 + e^-x)}. */
  SIGMOID,
  /** {@code x}: no nonlinearity (micrograd's {@code nonlin=False}). */
  LINEAR;

  /** {@return the activation applied to {@code x}; {@code x} itself for {@link #LINEAR}} */
  public Expr apply(Expr x) {
    return switch (this) {
      case TANH -> x.tanh();
      case RELU -> x.relu();
      case SIGMOID -> x.sigmoid();
      case LINEAR -> x;
    };
  }
}
