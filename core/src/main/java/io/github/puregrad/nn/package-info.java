/**
 * Neural networks as persistent values: {@link io.github.puregrad.nn.Neuron}, {@link
 * io.github.puregrad.nn.Layer} and {@link io.github.puregrad.nn.Mlp} are records over Vavr {@code
 * Vector}s of parameter leaves, and {@link io.github.puregrad.nn.Loss} builds loss expressions.
 *
 * <pre>{@code
 * Mlp model = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(42));   // 41 parameters, tanh
 * Expr score = model.apply(2.0, 3.0, -1.0);
 * Gradients grads = Autodiff.backward(score);
 * Mlp next = Sgd.step(model, grads, 0.1);                  // a new model; model is unchanged
 * }</pre>
 *
 * <p><b>Cost.</b> A forward pass builds O(parameters) nodes per input. Reading the parameters is
 * O(parameters); {@link io.github.puregrad.nn.Model#withValues} builds a new model in O(parameters)
 * and shares nothing mutable with the old one. Parameters keep their {@code id()} across {@code
 * withValues}, so gradients computed on one model can be read on the next.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.nn;

import org.jspecify.annotations.NullMarked;
