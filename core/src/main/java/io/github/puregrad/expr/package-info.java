/**
 * Immutable scalar expressions: {@link io.github.puregrad.expr.Expr}, the sealed family of node
 * records, and {@link io.github.puregrad.expr.Graph}, a graph's topological order.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.expr;

import org.jspecify.annotations.NullMarked;
