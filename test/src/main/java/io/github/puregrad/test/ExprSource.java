package io.github.puregrad.test;

import io.github.puregrad.check.ExprGenerator;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Supplies a JUnit 5 {@code @ParameterizedTest} with seeded random expressions from {@link
 * ExprGenerator}: {@code count} samples, for the seeds {@code seed}, {@code seed + 1}, ... The test
 * takes one {@link ExprGenerator.Sample}; its display name is the seed and the program, and a
 * failing case's message carries the seed, the program, a shrunk program of the same seed that
 * still fails (the same draw with fewer operations) and the annotation that replays it, so that
 * Maven's output shows them.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @ExprSource(count = 200, seed = 7, ops = {Op.MUL, Op.ADD, Op.TANH})
 * void shouldMatchFiniteDifferences(ExprGenerator.Sample sample) {
 *   assertThatGradientsOf(sample.output()).matchFiniteDifferences();
 * }
 * // a failure shows as, e.g., "seed 19: v2 = tanh(x1)  # 0.76; v3 = mul(v2, x0)  # ..."
 * // replay it alone with @ExprSource(count = 1, seed = 19, ops = {Op.MUL, Op.ADD, Op.TANH}),
 * // or in code: ExprGenerator.defaults().withOps(Op.MUL, Op.ADD, Op.TANH).sample(19)
 * }</pre>
 *
 * <p>Comes with the module {@code puregrad-test}, which brings {@code
 * org.junit.jupiter:junit-jupiter-params} (5.13 or later, or 6, works).
 */
// The provider and the interceptor are package-private on purpose: only JUnit uses them, by
// reflection, and the module opens this package to it; no client needs to reach them
@SuppressWarnings("exports")
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(ExprArguments.class)
@ExtendWith(ExprFailures.class)
public @interface ExprSource {
  /** {@return how many expressions; default 100} */
  int count() default 100;

  /** {@return the seed of the first expression; expression i has seed {@code seed + i}} */
  long seed() default 0L;

  /** {@return the input leaves per expression; default 2, as {@link ExprGenerator#defaults()}} */
  int inputs() default 2;

  /** {@return the operations per expression; default 12} */
  int operations() default 12;

  /** {@return the operations to draw from; empty (the default) means all of them} */
  ExprGenerator.Op[] ops() default {};
}
