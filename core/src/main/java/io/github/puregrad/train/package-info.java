/**
 * Training as a fold: one step is {@code (model, optimizer state, batch) -> (model, state, loss)},
 * and {@link io.github.puregrad.train.Trainer#epochs} is the lazy stream of its epoch results.
 *
 * <pre>{@code
 * Trainer<Mlp, Sgd.Velocity> trainer =
 *     Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)));
 * trainer.epochs(model, Dataset.lecture())
 *     .take(20)
 *     .forEach(e -> e.peek(epoch -> System.out.println(epoch.loss())));
 * }</pre>
 *
 * <p>The caller decides how many epochs to take; every earlier {@link
 * io.github.puregrad.train.Epoch} (and so every earlier model) stays reachable from the stream. A
 * NaN or infinite loss, gradient or parameter ends the stream with a {@link
 * io.github.puregrad.train.Divergence} that holds the last good model.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.train;

import org.jspecify.annotations.NullMarked;
