/**
 * The JMH benchmark suite: micrograd's workloads on the eager {@code Expr} engine, on the compiled
 * tape and on a hand-written flat-array tape (the baseline), all in one run.
 *
 * <pre>{@code
 * mvn -q -B -Pbench package -DskipTests && java -jar target/benchmarks.jar
 * }</pre>
 *
 * <p>See {@code docs/performance.md} for the figures and how to read them.
 */
@NullMarked
package io.github.puregrad.bench;

import org.jspecify.annotations.NullMarked;
