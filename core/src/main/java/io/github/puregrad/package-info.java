/**
 * puregrad: scalar reverse-mode automatic differentiation with immutable expressions, and the
 * neural networks, optimizers and training built on it, in the manner of micrograd.
 *
 * <pre>{@code
 * Expr.Leaf x = Expr.of(2.0, "x");
 * Expr y = x.mul(x).tanh();
 * double dydx = Autodiff.backward(y).get(x);   // a new Gradients value; y is unchanged
 * }</pre>
 *
 * <p>Packages, each depending only on those listed before it (and on Vavr):
 *
 * <ul>
 *   <li>{@link io.github.puregrad.expr}: the sealed family of expression nodes and the topological
 *       order of a graph;
 *   <li>{@link io.github.puregrad.grad}: reverse mode ({@code Autodiff.backward}), forward mode,
 *       symbolic and higher-order derivatives, traces, NaN provenance;
 *   <li>{@link io.github.puregrad.check}: finite-difference gradient checks, an AssertJ assertion
 *       and a seeded random-expression generator, for tests;
 *   <li>{@link io.github.puregrad.nn}: neurons, layers, multi-layer perceptrons and losses, as
 *       persistent values;
 *   <li>{@link io.github.puregrad.optim}: optimizers as pure state transitions (SGD, Adam) and
 *       learning-rate schedules;
 *   <li>{@link io.github.puregrad.data}: datasets, two moons, CSV files;
 *   <li>{@link io.github.puregrad.train}: training as a fold, a lazy stream of epochs;
 *   <li>{@link io.github.puregrad.viz}: DOT and Mermaid export, Graphviz rendering, plots;
 * </ul>
 *
 * <p>See {@code docs/tutorial.md} for a guided tour and {@code docs/design.md} for the
 * architecture.
 *
 * <p>The Immutables style below holds for the builders of every package under this one: their class
 * files carry no annotation of the compile-time-only Immutables jar ({@code
 * org.immutables.value.Generated}), which a consumer compiling with {@code -Xlint:all -Werror}
 * could not resolve ({@code Override} is listed only because an empty list means "all"); and the
 * generated builders are package-private: each type's public {@code Builder}, which {@code
 * builder()} returns, extends its generated builder, so no generated class is in the API.
 */
@NullMarked
@Value.Style(
    allowedClasspathAnnotations = Override.class,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE)
package io.github.puregrad;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
