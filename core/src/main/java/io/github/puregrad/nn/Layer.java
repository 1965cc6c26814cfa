package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A layer: neurons that all read the same inputs.
 *
 * <pre>{@code
 * Layer layer = Layer.of(3, 4, Activation.TANH, new SplittableRandom(1));   // 3 inputs, 4 outputs
 * Vector<Expr> outputs = layer.forward(Vector.of(Expr.of(1), Expr.of(2), Expr.of(3)));
 * }</pre>
 *
 * @param neurons at least one, all with the same number of inputs
 */
public record Layer(Vector<Neuron> neurons) {
  public Layer {
    Objects.requireNonNull(neurons, "neurons is null");
    if (neurons.isEmpty()) {
      throw new IllegalArgumentException("expected at least 1 neuron, got 0");
    }
    int nin = neurons.head().nin();
    for (Neuron neuron : neurons) {
      if (neuron.nin() != nin) {
        throw new IllegalArgumentException(
            "expected every neuron to take " + nin + " inputs, got one with " + neuron.nin());
      }
    }
  }

  // -- static API

  /** {@return a layer of {@code nout} fresh neurons with {@code nin} inputs each} */
  public static Layer of(int nin, int nout, Activation activation, SplittableRandom random) {
    return of(nin, nout, activation, random, "");
  }

  static Layer of(
      int nin, int nout, Activation activation, SplittableRandom random, String prefix) {
    if (nout < 1) {
      throw new IllegalArgumentException("expected at least 1 neuron, got " + nout);
    }
    // built one by one, in order, so the random draws follow micrograd's order
    Vector<Neuron> neurons = Vector.empty();
    for (int n = 0; n < nout; n++) {
      neurons = neurons.append(Neuron.of(nin, activation, random, prefix + "n" + n + "."));
    }
    return new Layer(neurons);
  }

  // -- non-static API

  /** {@return the number of inputs} */
  public int nin() {
    return neurons.head().nin();
  }

  /** {@return the number of outputs: one per neuron} */
  public int nout() {
    return neurons.size();
  }

  /** {@return every neuron's parameters, neuron by neuron} */
  public Vector<Expr.Leaf> parameters() {
    return neurons.flatMap(Neuron::parameters);
  }

  /** {@return one output per neuron} */
  public Vector<Expr> forward(Seq<? extends Expr> inputs) {
    Objects.requireNonNull(inputs, "inputs is null");
    Neuron.requireInputs(nin(), inputs.size());
    return neurons.map(neuron -> neuron.apply(inputs));
  }

  /** Takes {@code values[from ...]}: each neuron's weights then bias, neuron after neuron. */
  Layer withValues(Vector<Double> values, int from) {
    int each = nin() + 1;
    return new Layer(neurons.zipWithIndex().map(t -> t._1.withValues(values, from + t._2 * each)));
  }
}
