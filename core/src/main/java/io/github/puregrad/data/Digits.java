package io.github.puregrad.data;

/**
 * scikit-learn's 8x8 handwritten digits ({@code load_digits}), shipped in the jar: 1,797 images of
 * 64 pixels, row by row, each 0 (white) to 16 (black), labelled 0 to 9. BSD-3, from the UCI optical
 * digits set; the attribution is in the README beside the CSV.
 *
 * <pre>{@code
 * Dataset all = Digits.scikit();   // 1797 rows, pixels 0..16, targets 0.0..9.0
 * Dataset train = Digits.train();  // the first 1437 rows, pixels / 16
 * Dataset test = Digits.test();    // the last 360
 * }</pre>
 */
public final class Digits {
  /** The number of images, 1,797. */
  public static final int SIZE = 1797;

  /** The number of rows of {@link #train()}: the first 1,437 (80 %); the other 360 are tests. */
  public static final int TRAIN = 1437;

  private Digits() {}

  /** {@return every image in scikit-learn's order, pixels 0 to 16, the digit as the target} */
  public static Dataset scikit() {
    return Csv.dataset("digits.csv", Moons.resource("digits.csv"));
  }

  /** {@return the first {@value #TRAIN} images, pixels divided by 16 into [0, 1]} */
  public static Dataset train() {
    return scaled(scikit().slice(0, TRAIN));
  }

  /** {@return the last {@code 1797 - 1437 = 360} images, pixels divided by 16 into [0, 1]} */
  public static Dataset test() {
    return scaled(scikit().slice(TRAIN, SIZE));
  }

  private static Dataset scaled(Dataset data) {
    return new Dataset(data.inputs().map(row -> row.map(p -> p / 16.0)), data.targets());
  }
}
