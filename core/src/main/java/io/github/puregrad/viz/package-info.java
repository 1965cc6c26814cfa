/**
 * Pictures of graphs: read-only views, nothing here changes a graph.
 *
 * <p>{@link io.github.puregrad.viz.Dot} and {@link io.github.puregrad.viz.Mermaid} turn an {@code
 * Expr} (optionally with its {@code Gradients}) into text, like micrograd's {@code draw_dot};
 * {@link io.github.puregrad.viz.Graphviz} renders DOT text to SVG or PNG with the Graphviz {@code
 * dot} program; {@link io.github.puregrad.viz.Explorer} writes a page that steps through
 * backpropagation. Loss curves and decision boundaries are in the {@code puregrad-plot} module.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Gradients grads = Autodiff.backward(x.mul(x).tanh());
 * Graphviz.installed().write(Dot.of(grads), Path.of("graph.svg"));
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.viz;

import org.jspecify.annotations.NullMarked;
