/**
 * Checking differentiable code, with no test library: a seeded random-expression generator ({@link
 * io.github.puregrad.check.ExprGenerator}) and a finite-difference gradient check ({@link
 * io.github.puregrad.check.GradCheck}). Their JUnit 5 and AssertJ front ends are the {@code
 * puregrad-test} module.
 *
 * <pre>{@code
 * ExprGenerator.Sample sample = ExprGenerator.defaults().sample(42L);
 * GradCheck.Report report = GradCheck.of(sample.output());
 * report.passed();   // true
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.check;

import org.jspecify.annotations.NullMarked;
