/**
 * Tools for testing differentiable code: a seeded random-expression generator ({@link
 * io.github.puregrad.check.ExprGenerator}), a finite-difference gradient check ({@link
 * io.github.puregrad.check.GradCheck}) and its AssertJ entry point ({@link
 * io.github.puregrad.check.GradientsAssert}, which needs the optional AssertJ dependency), AssertJ
 * assertions on functions ({@link io.github.puregrad.check.FunctionAssert}) and a JUnit 5 source of
 * generated expressions ({@link io.github.puregrad.check.ExprSource}, which needs the optional
 * {@code junit-jupiter-params}).
 *
 * <pre>{@code
 * ExprGenerator.Sample sample = ExprGenerator.defaults().sample(42L);
 * GradCheck.Report report = GradCheck.of(sample.output());
 * report.passed();   // true
 *
 * assertThatGradientsOf(sample.output()).matchFiniteDifferences();
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.check;

import org.jspecify.annotations.NullMarked;
