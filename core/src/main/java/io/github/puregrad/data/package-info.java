/**
 * Datasets as immutable values: {@link io.github.puregrad.data.Dataset} (the lecture's four
 * examples, slicing, seeded shuffles, mini-batches), {@link io.github.puregrad.data.Moons} (a
 * seeded two-moons generator) and {@link io.github.puregrad.data.Csv} (numeric CSV files, with
 * errors that name the line and column).
 *
 * <pre>{@code
 * Dataset lecture = Dataset.lecture();                          // 4 examples, 3 inputs each
 * Dataset moons = Moons.generate(100, 0.1, new SplittableRandom(1337));
 * Dataset loaded = Csv.dataset(Path.of("moons.csv"));           // last column is the target
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.data;

import org.jspecify.annotations.NullMarked;
