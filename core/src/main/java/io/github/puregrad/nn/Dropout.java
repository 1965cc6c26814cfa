package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Dropout as a pure value: in training, each input is kept with probability {@code 1 - rate} and
 * scaled by {@code 1 / (1 - rate)}, or replaced by 0, as PyTorch's {@code nn.Dropout}; in inference
 * it passes the inputs through.
 *
 * <pre>{@code
 * Sequential net = Sequential.of(Dense.of(64, 32, random), Act.RELU, Dropout.of(0.5, 7L),
 *     Dense.of(32, 10, random));
 * Sequential next = net.withValues(values);   // the next step's model: the next key too
 * Sequential test = next.inference();          // no dropout
 * }</pre>
 *
 * <p>Its randomness is an explicit value, a 64-bit key, as JAX's PRNG keys: the mask of an example
 * is drawn from the key folded with the bits of the example's inputs (so the examples of one batch
 * get different masks, and equal inputs the same), and every {@link #withValues} — which training
 * calls once a step to build the next model — moves to a key split from this one. So a run is a
 * function of its seed: the same seed replays it bit for bit, and a run stopped and resumed from a
 * checkpoint (which holds the model, key included) goes on exactly as if never stopped.
 *
 * @param rate the probability of dropping an input, in [0, 1)
 * @param key this step's key
 * @param training whether to drop; false for inference
 */
public record Dropout(double rate, long key, boolean training) implements Model<Dropout> {
  public Dropout {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("expected a rate in [0, 1), got " + rate);
    }
  }

  /** {@return a dropout layer in training mode whose first key is {@code seed}} */
  public static Dropout of(double rate, long seed) {
    return new Dropout(rate, seed, true);
  }

  /** {@return this layer without dropout, for evaluation} */
  public Dropout inference() {
    return new Dropout(rate, key, false);
  }

  /** {@return no parameters} */
  @Override
  public Vector<Expr.Leaf> parameters() {
    return Vector.empty();
  }

  /**
   * {@return this layer with the next key, split from this one; {@code values} must be empty}: the
   * model of the next training step draws new masks
   */
  @Override
  public Dropout withValues(Seq<Double> values) {
    Layers.requireCount(0, values, this);
    return new Dropout(rate, new SplittableRandom(key).split().nextLong(), training);
  }

  /**
   * {@return in training, each input times 1/(1 - rate) or times 0, by the mask of this key and
   * these inputs; in inference, the inputs}
   */
  @Override
  public Vector<Expr> forward(Seq<? extends Expr> inputs) {
    Objects.requireNonNull(inputs, "inputs is null");
    if (!training || rate == 0) {
      return Vector.narrow(inputs.toVector());
    }
    long fold = key;
    for (Expr x : inputs) { // fold_in(key, inputs): a hash of the values' bits
      fold = fold * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(x.value());
    }
    SplittableRandom random = new SplittableRandom(fold);
    double scale = 1 / (1 - rate);
    // every input gets a node, kept or not, so the graph's shape is the same for every mask
    return Vector.ofAll(
        inputs.iterator().map(x -> x.mul(random.nextDouble() < rate ? 0.0 : scale)));
  }

  @Override
  public String toString() {
    return "Dropout(" + rate + (training ? ")" : ", inference)");
  }
}
