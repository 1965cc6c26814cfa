/**
 * Optimizers as pure state transitions, in the manner of optax: {@code init} gives an immutable
 * state; {@code update} takes a model, its gradients and the state and returns a new model and a
 * new state. Nothing is changed in place.
 *
 * <pre>{@code
 * Optimizer<Adam.Moments> adam = Adam.builder().learningRate(Schedule.constant(0.01)).build();
 * Adam.Moments state = adam.init(model);
 * Optimizer.Update<Mlp, Adam.Moments> update = adam.update(model, Autodiff.backward(loss), state);
 * Mlp next = update.model();
 * }</pre>
 *
 * <p>{@link Minimize} minimizes any function of a vector by L-BFGS, BFGS or Newton-CG, on exact
 * gradients and Hessian-vector products ({@code docs/minimize.md}).
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.optim;

import org.jspecify.annotations.NullMarked;
