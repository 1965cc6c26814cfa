/**
 * Immutable scalar expressions: the nodes of a computational graph.
 *
 * <p>{@link io.github.puregrad.expr.Expr} is the sealed family of node records; {@link
 * io.github.puregrad.expr.Graph} is a graph's topological order, computed without recursion.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Expr y = x.mul(x).tanh();
 * }</pre>
 */
@NullMarked
package io.github.puregrad.expr;

import org.jspecify.annotations.NullMarked;
