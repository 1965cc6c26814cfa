package io.github.puregrad.data;

import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Examples for supervised learning: rows of inputs, one numeric target per row.
 *
 * <pre>{@code
 * Dataset data = Dataset.lecture();
 * data.inputs().get(0);                      // [2.0, 3.0, -1.0]
 * data.targets().get(0);                     // 1.0
 * Vector<Dataset> batches = data.shuffle(new SplittableRandom(7)).batches(2);
 * }</pre>
 *
 * @param inputs one row per example, all of the same length, at least 1, every value finite
 * @param targets one per row, finite
 */
public record Dataset(Vector<Vector<Double>> inputs, Vector<Double> targets) {
  public Dataset {
    Objects.requireNonNull(inputs, "inputs is null");
    Objects.requireNonNull(targets, "targets is null");
    if (inputs.size() != targets.size()) {
      throw new IllegalArgumentException(
          "expected " + inputs.size() + " targets, one per row, got " + targets.size());
    }
    if (!inputs.isEmpty()) {
      int width = inputs.head().size();
      if (width < 1) {
        throw new IllegalArgumentException("expected at least 1 input per row, got 0");
      }
      for (int row = 0; row < inputs.size(); row++) {
        if (inputs.get(row).size() != width) {
          throw new IllegalArgumentException(
              "row " + row + ": expected " + width + " inputs, got " + inputs.get(row).size());
        }
      }
    }
    // a NaN let in here would only surface later, in a leaf, with no row or column to name
    for (int row = 0; row < inputs.size(); row++) {
      Vector<Double> x = inputs.get(row);
      for (int column = 0; column < x.size(); column++) {
        double value = Objects.requireNonNull(x.get(column), "input is null");
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException(
              "row " + row + ", column " + column + ": expected a finite input, got " + value);
        }
      }
      double target = Objects.requireNonNull(targets.get(row), "target is null");
      if (!Double.isFinite(target)) {
        throw new IllegalArgumentException(
            "row " + row + ": expected a finite target, got " + target);
      }
    }
  }

  // -- static API

  /** {@return the dataset of {@code xs} rows and {@code ys} targets} */
  public static Dataset of(double[][] xs, double[] ys) {
    Objects.requireNonNull(xs, "xs is null");
    Objects.requireNonNull(ys, "ys is null");
    return new Dataset(Vector.of(xs).map(Vector::ofAll), Vector.ofAll(ys));
  }

  /**
   * {@return the four examples of micrograd's lecture and of the {@code seed} demo: xs = [[2, 3,
   * -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]], ys = [1, -1, -1, 1]}
   */
  public static Dataset lecture() {
    return of(
        new double[][] {{2.0, 3.0, -1.0}, {3.0, -1.0, 0.5}, {0.5, 1.0, 1.0}, {1.0, 1.0, -1.0}},
        new double[] {1.0, -1.0, -1.0, 1.0});
  }

  // -- non-static API

  /** {@return the number of examples} */
  public int size() {
    return targets.size();
  }

  /** {@return the number of inputs per example; 0 for an empty dataset} */
  public int inputSize() {
    return inputs.isEmpty() ? 0 : inputs.head().size();
  }

  /** {@return the examples with index in [from, to)} */
  public Dataset slice(int from, int to) {
    return new Dataset(inputs.slice(from, to), targets.slice(from, to));
  }

  /** {@return the same examples in an order drawn from {@code random} (Fisher-Yates)} */
  public Dataset shuffle(SplittableRandom random) {
    Objects.requireNonNull(random, "random is null");
    int[] order = new int[size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    Vector<Integer> permutation = Vector.ofAll(order);
    return new Dataset(permutation.map(inputs::get), permutation.map(targets::get));
  }

  /** {@return consecutive batches of {@code size} examples; the last may be smaller} */
  public Vector<Dataset> batches(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("expected a batch size of at least 1, got " + size);
    }
    Vector<Dataset> batches = Vector.empty();
    for (int from = 0; from < size(); from += size) {
      batches = batches.append(slice(from, Math.min(from + size, size())));
    }
    return batches;
  }
}
