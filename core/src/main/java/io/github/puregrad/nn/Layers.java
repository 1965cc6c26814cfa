package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/** Checks and initialisation the layers share. */
final class Layers {
  private Layers() {}

  static void requireCount(int expected, Seq<Double> values, Object model) {
    Objects.requireNonNull(values, "values is null");
    if (values.size() != expected) {
      throw new IllegalArgumentException(
          "expected " + expected + " parameter values for " + model + ", got " + values.size());
    }
  }

  static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("expected " + name + " of at least 1, got " + value);
    }
  }

  /**
   * {@return {@code count} leaves drawn uniformly from [-1/√fanIn, 1/√fanIn), PyTorch's default for
   * {@code nn.Linear} and {@code nn.Conv2d} (Kaiming uniform with a = √5), labelled prefix0,
   * prefix1, ...}
   */
  static Vector<Expr.Leaf> uniform(int count, int fanIn, SplittableRandom random, String prefix) {
    Objects.requireNonNull(random, "random is null");
    double bound = 1 / Math.sqrt(fanIn);
    Expr.Leaf[] leaves = new Expr.Leaf[count];
    for (int i = 0; i < count; i++) { // in order, so the draws follow the parameter order
      leaves[i] = Expr.of(random.nextDouble(-bound, bound), prefix + i);
    }
    return Vector.of(leaves);
  }

  /** {@return each leaf with the value at {@code from + i}, keeping its id} */
  static Vector<Expr.Leaf> withValues(Vector<Expr.Leaf> leaves, Vector<Double> values, int from) {
    Expr.Leaf[] next = new Expr.Leaf[leaves.size()];
    for (int i = 0; i < next.length; i++) {
      next[i] = leaves.get(i).withValue(values.get(from + i));
    }
    return Vector.of(next);
  }

  static Expr[] array(Seq<? extends Expr> inputs, int expected) {
    Objects.requireNonNull(inputs, "inputs is null");
    Neuron.requireInputs(expected, inputs.size());
    Expr[] x = new Expr[expected];
    int i = 0;
    for (Expr e : inputs) {
      x[i++] = e;
    }
    return x;
  }
}
