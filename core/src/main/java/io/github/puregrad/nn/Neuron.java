package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Iterator;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One neuron: {@code activation(b + w0*x0 + w1*x1 + ...)}, summed in that order, as micrograd's
 * {@code sum((wi*xi for wi, xi in zip(w, x)), b)}.
 *
 * <p>The seed's "Should I go to Wonderland today?" neuron, with inputs (sunny, homework, friends
 * going) = (1, 0, 1):
 *
 * <pre>{@code
 * Neuron wonderland = Neuron.of(new double[] {5, 2, 4}, -3, Activation.LINEAR);
 * wonderland.apply(1, 0, 1).value();   // 6.0 > 0: yes, go
 * }</pre>
 *
 * @param weights one per input
 * @param bias added first
 * @param activation applied to the sum
 */
public record Neuron(Vector<Expr.Leaf> weights, Expr.Leaf bias, Activation activation) {
  public Neuron {
    Objects.requireNonNull(weights, "weights is null");
    Objects.requireNonNull(bias, "bias is null");
    Objects.requireNonNull(activation, "activation is null");
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("expected at least 1 weight, got 0");
    }
  }

  // -- static API

  /** {@return a neuron with the given weights and bias} */
  public static Neuron of(double[] weights, double bias, Activation activation) {
    Objects.requireNonNull(weights, "weights is null");
    return new Neuron(
        Vector.range(0, weights.length).map(i -> Expr.of(weights[i], "w" + i)),
        Expr.of(bias, "b"),
        activation);
  }

  /**
   * {@return a neuron with {@code nin} weights drawn uniformly from [-1, 1) and bias 0, as
   * micrograd's {@code Neuron(nin)}}
   */
  public static Neuron of(int nin, Activation activation, SplittableRandom random) {
    return of(nin, activation, random, "");
  }

  static Neuron of(int nin, Activation activation, SplittableRandom random, String prefix) {
    Objects.requireNonNull(random, "random is null");
    if (nin < 1) {
      throw new IllegalArgumentException("expected at least 1 input, got " + nin);
    }
    Vector<Expr.Leaf> weights =
        Vector.range(0, nin).map(i -> Expr.of(random.nextDouble(-1.0, 1.0), prefix + "w" + i));
    return new Neuron(weights, Expr.of(0.0, prefix + "b"), activation);
  }

  // -- non-static API

  /** {@return the number of inputs} */
  public int nin() {
    return weights.size();
  }

  /** {@return the weights, then the bias: micrograd's {@code w + [b]}} */
  public Vector<Expr.Leaf> parameters() {
    return weights.append(bias);
  }

  /**
   * {@return {@code activation(b + w0*x0 + w1*x1 + ...)}}
   *
   * @throws IllegalArgumentException if there are not {@link #nin()} inputs
   */
  public Expr apply(Seq<? extends Expr> inputs) {
    Objects.requireNonNull(inputs, "inputs is null");
    requireInputs(nin(), inputs.size());
    Expr sum = bias;
    Iterator<? extends Expr> x = inputs.iterator();
    for (Expr.Leaf w : weights) {
      sum = sum.add(w.mul(x.next()));
    }
    return activation.apply(sum);
  }

  /** {@return {@link #apply(Seq)} on plain numbers, each wrapped in a new constant leaf} */
  public Expr apply(double... inputs) {
    return apply(Vector.ofAll(inputs).map(Expr::of));
  }

  /** Takes {@code values[from ... from + nin]}: the weights, then the bias. */
  Neuron withValues(Vector<Double> values, int from) {
    return new Neuron(
        Vector.range(0, nin()).map(i -> weights.get(i).withValue(values.get(from + i))),
        bias.withValue(values.get(from + nin())),
        activation);
  }

  static void requireInputs(int expected, int actual) {
    if (expected != actual) {
      throw new IllegalArgumentException("expected " + expected + " inputs, got " + actual);
    }
  }
}
