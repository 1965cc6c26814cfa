package io.github.puregrad.data;

import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Two interleaving half circles, as scikit-learn's {@code make_moons}: the upper moon is labelled
 * -1, the lower +1 (micrograd's {@code y*2 - 1}).
 *
 * <pre>{@code
 * Dataset moons = Moons.generate(100, 0.1, new SplittableRandom(1337));
 * }</pre>
 *
 * <p>The same seed gives the same points, but not scikit-learn's points: the random generators
 * differ. For micrograd's exact data use {@code src/main/resources/moons/moons.csv}.
 */
public final class Moons {
  private Moons() {}

  /**
   * {@return {@code n} points, {@code n / 2} on the upper moon and the rest on the lower, with
   * Gaussian noise of standard deviation {@code noise} added to each coordinate, in a shuffled
   * order}
   */
  public static Dataset generate(int n, double noise, SplittableRandom random) {
    Objects.requireNonNull(random, "random is null");
    if (n < 2) {
      throw new IllegalArgumentException("expected at least 2 points, got " + n);
    }
    if (!(noise >= 0 && Double.isFinite(noise))) {
      throw new IllegalArgumentException("expected a noise >= 0, got " + noise);
    }
    int upper = n / 2;
    int lower = n - upper;
    Vector<Vector<Double>> inputs = Vector.empty();
    Vector<Double> targets = Vector.empty();
    for (int i = 0; i < upper; i++) {
      double angle = Math.PI * i / (upper - 1.0 == 0 ? 1 : upper - 1.0);
      inputs =
          inputs.append(
              Vector.of(
                  Math.cos(angle) + noise * random.nextGaussian(),
                  Math.sin(angle) + noise * random.nextGaussian()));
      targets = targets.append(-1.0);
    }
    for (int i = 0; i < lower; i++) {
      double angle = Math.PI * i / (lower - 1.0 == 0 ? 1 : lower - 1.0);
      inputs =
          inputs.append(
              Vector.of(
                  1 - Math.cos(angle) + noise * random.nextGaussian(),
                  0.5 - Math.sin(angle) + noise * random.nextGaussian()));
      targets = targets.append(1.0);
    }
    return new Dataset(inputs, targets).shuffle(random);
  }
}
