/**
 * The test kit: JUnit 5 and AssertJ support for code built on puregrad. {@link
 * io.github.puregrad.test.ExprSource} feeds a parameterized test with generated programs (a failing
 * one is reported with its seed, its program and a smaller program that still fails); {@link
 * io.github.puregrad.test.GradientsAssert} and {@link io.github.puregrad.test.FunctionAssert} check
 * gradients against finite differences.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @ExprSource(count = 100, seed = 42)
 * void gradientsMatchFiniteDifferences(ExprGenerator.Sample sample) {
 *   assertThatGradientsOf(sample.output()).matchFiniteDifferences();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.test;

import org.jspecify.annotations.NullMarked;
