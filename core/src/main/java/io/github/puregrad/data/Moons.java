package io.github.puregrad.data;

import io.vavr.collection.Vector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Two interleaving half circles, as scikit-learn's {@code make_moons}: the upper moon is labelled
 * -1, the lower +1 (micrograd's {@code y*2 - 1}).
 *
 * <pre>{@code
 * Dataset moons = Moons.generate(100, 0.1, new SplittableRandom(1337));
 * Dataset micrograd = Moons.micrograd();                  // micrograd's own 100 points
 * Mlp start = Mlp.of(2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, random)
 *     .withValues(Moons.microgradInit());                  // and its initial parameters
 * }</pre>
 *
 * <p>The same seed gives the same points, but not scikit-learn's points: the random generators
 * differ. {@link #micrograd()} and {@link #microgradInit()} are the numbers micrograd's demo
 * notebook used, shipped in the jar, so a run from them replays micrograd's training step for step.
 */
public final class Moons {
  private Moons() {}

  /**
   * {@return the 100 points of micrograd's moons demo ({@code make_moons(n_samples=100, noise=0.1)}
   * with numpy's seed 1337), labels -1 and +1}
   */
  public static Dataset micrograd() {
    return Csv.dataset("moons.csv", resource("moons.csv"));
  }

  /**
   * {@return the 337 initial parameters of micrograd's {@code MLP(2, [16, 16, 1])} in that demo, in
   * micrograd's order (for {@code Mlp.withValues}: each neuron's weights, then its bias)}
   */
  public static Vector<Double> microgradInit() {
    return Csv.values("moons-init.csv", resource("moons-init.csv"));
  }

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

  /** The lines of a file beside this class in the jar (a resource of this module's package). */
  static Vector<String> resource(String name) {
    InputStream stream = Moons.class.getResourceAsStream(name);
    if (stream == null) {
      throw new UncheckedIOException(new IOException("resource " + name + " is missing"));
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      return Vector.ofAll(reader.lines());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
