/**
 * Reverse-mode differentiation as a pure function.
 *
 * <p>{@link io.github.puregrad.grad.Autodiff#backward(io.github.puregrad.expr.Expr)} returns an
 * immutable {@link io.github.puregrad.grad.Gradients}; nothing in the graph changes, so there is no
 * {@code zero_grad} and any number of threads may differentiate the same graph at once. {@link
 * io.github.puregrad.grad.Transforms} turns functions into their gradients, as JAX does.
 *
 * <pre>{@code
 * Expr a = Expr.of(3.0, "a");
 * Gradients grads = Autodiff.backward(a.mul(a));
 * grads.get(a);   // 6.0
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.grad;

import org.jspecify.annotations.NullMarked;
