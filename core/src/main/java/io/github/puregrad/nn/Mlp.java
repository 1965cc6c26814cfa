package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A multi-layer perceptron: layers applied one after the other, as micrograd's {@code MLP}.
 *
 * <pre>{@code
 * Mlp model = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(42));   // 41 parameters, tanh
 * Expr y = model.apply(2.0, 3.0, -1.0);                                // the single output
 * Mlp moons = Mlp.of(2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, random);
 * }</pre>
 *
 * <p>Persistent: {@link #withValues} builds a new model and leaves this one unchanged, and the new
 * parameters keep their ids, so {@code gradients.get(parameter)} reads the same parameter on either
 * model.
 *
 * @param layers at least one; each takes as many inputs as the one before has outputs
 */
public record Mlp(Vector<Layer> layers) implements Model<Mlp> {
  public Mlp {
    Objects.requireNonNull(layers, "layers is null");
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("expected at least 1 layer, got 0");
    }
    for (int l = 1; l < layers.size(); l++) {
      if (layers.get(l).nin() != layers.get(l - 1).nout()) {
        throw new IllegalArgumentException(
            "layer "
                + l
                + ": expected "
                + layers.get(l - 1).nout()
                + " inputs, got "
                + layers.get(l).nin());
      }
    }
  }

  // -- static API

  /** {@return {@code MLP(nin, nouts)} with tanh in every layer, the lecture's network} */
  public static Mlp of(int nin, Iterable<Integer> nouts, SplittableRandom random) {
    return of(nin, nouts, Activation.TANH, Activation.TANH, random);
  }

  /**
   * {@return {@code MLP(nin, nouts)} with {@code hidden} in every layer but the last and {@code
   * output} in the last; weights uniform in [-1, 1) drawn in parameter order, biases 0}
   */
  public static Mlp of(
      int nin,
      Iterable<Integer> nouts,
      Activation hidden,
      Activation output,
      SplittableRandom random) {
    Objects.requireNonNull(nouts, "nouts is null");
    Vector<Integer> sizes = Vector.of(nin).appendAll(nouts);
    if (sizes.size() < 2) {
      throw new IllegalArgumentException("expected at least 1 layer size, got 0");
    }
    Vector<Layer> layers = Vector.empty();
    for (int l = 0; l + 1 < sizes.size(); l++) {
      Activation activation = l + 2 == sizes.size() ? output : hidden;
      layers =
          layers.append(
              Layer.of(sizes.get(l), sizes.get(l + 1), activation, random, "L" + l + "."));
    }
    return new Mlp(layers);
  }

  // -- non-static API

  /** {@return the number of inputs} */
  public int nin() {
    return layers.head().nin();
  }

  /** {@return the number of outputs} */
  public int nout() {
    return layers.last().nout();
  }

  /** {@return layer by layer, neuron by neuron, weights then bias: micrograd's order} */
  @Override
  public Vector<Expr.Leaf> parameters() {
    // one copy through an iterator, not a Vector per layer as nested flatMaps would build
    return Vector.ofAll(layers.iterator().flatMap(Layer::neurons).flatMap(Neuron::parameters));
  }

  @Override
  public Mlp withValues(Seq<Double> values) {
    Objects.requireNonNull(values, "values is null");
    int expected = layers.map(layer -> layer.nout() * (layer.nin() + 1)).sum().intValue();
    if (values.size() != expected) {
      throw new IllegalArgumentException(
          "expected " + expected + " parameter values for " + this + ", got " + values.size());
    }
    Vector<Double> all = values.toVector(); // indexed: each layer reads its own slice
    Vector<Layer> next = Vector.empty();
    int from = 0;
    for (Layer layer : layers) {
      next = next.append(layer.withValues(all, from));
      from += layer.nout() * (layer.nin() + 1);
    }
    return new Mlp(next);
  }

  @Override
  public Vector<Expr> forward(Seq<? extends Expr> inputs) {
    Objects.requireNonNull(inputs, "inputs is null");
    Neuron.requireInputs(nin(), inputs.size());
    Vector<Expr> x = Vector.narrow(inputs.toVector());
    for (Layer layer : layers) {
      x = layer.forward(x);
    }
    return x;
  }

  /**
   * {@return the single output for {@code inputs}: micrograd's {@code model(x)}}
   *
   * @throws IllegalStateException if the model has more than one output
   */
  public Expr apply(Seq<? extends Expr> inputs) {
    if (nout() != 1) {
      throw new IllegalStateException(
          "expected a model with 1 output, got " + nout() + "; use forward(...)");
    }
    return forward(inputs).head();
  }

  /** {@return {@link #apply(Seq)} on plain numbers, each wrapped in a new constant leaf} */
  public Expr apply(double... inputs) {
    return apply(Vector.ofAll(inputs).map(Expr::of));
  }

  /** {@return a short description, e.g. {@code MLP(3, [4, 4, 1])}} */
  @Override
  public String toString() {
    return "MLP(" + nin() + ", " + layers.map(Layer::nout).mkString("[", ", ", "]") + ")";
  }
}
