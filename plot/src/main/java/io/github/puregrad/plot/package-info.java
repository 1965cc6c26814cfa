/**
 * Plots of training runs, drawn with XChart: loss curves and a model's decision boundary over its
 * data, written as PNG or SVG.
 *
 * <pre>{@code
 * Plot.lossCurve(new double[] {0.9, 0.5, 0.2}).write(Path.of("loss.png"));
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.plot;

import org.jspecify.annotations.NullMarked;
