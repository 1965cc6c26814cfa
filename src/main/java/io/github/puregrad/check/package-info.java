/**
 * Tools for testing differentiable code: a seeded random-expression generator and a
 * finite-difference gradient check.
 *
 * <pre>{@code
 * ExprGenerator.Sample sample = ExprGenerator.defaults().sample(42L);
 * GradCheck.Report report = GradCheck.of(sample.output());
 * report.passed();   // true
 * }</pre>
 */
@NullMarked
package io.github.puregrad.check;

import org.jspecify.annotations.NullMarked;
