package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * Models applied one after the other, each to the outputs of the one before: PyTorch's {@code
 * nn.Sequential}, itself a {@link Model}, so it trains as an {@link Mlp} does.
 *
 * <pre>{@code
 * SplittableRandom random = new SplittableRandom(1);
 * Sequential cnn =
 *     Sequential.of(
 *         Conv2d.of(1, 8, 8, 8, 3, 1, 0, random), Act.RELU,   // 1x8x8 -> 8x6x6
 *         MaxPool2d.of(8, 6, 6, 2),                            // -> 8x3x3, 72 values
 *         Dense.of(72, 10, random));                           // -> 10 logits
 * Vector<Expr> logits = cnn.forward(pixels);
 * }</pre>
 *
 * <p>The layers may be of any model type: each keeps its own, as {@code Model<?>}, and {@link
 * #withValues} gives each its own slice of the values. Sizes are checked when data flows: a layer
 * given the wrong number of inputs throws.
 *
 * @param layers at least one
 */
public record Sequential(Vector<Model<?>> layers) implements Model<Sequential> {
  public Sequential {
    Objects.requireNonNull(layers, "layers is null");
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("expected at least 1 layer, got 0");
    }
    layers.forEach(layer -> Objects.requireNonNull(layer, "a layer is null"));
  }

  /** {@return the layers in order} */
  public static Sequential of(Model<?>... layers) {
    Objects.requireNonNull(layers, "layers is null");
    return new Sequential(Vector.of(layers));
  }

  /** {@return every layer's parameters, layer by layer, each in the layer's own order} */
  @Override
  public Vector<Expr.Leaf> parameters() {
    return Vector.ofAll(layers.iterator().flatMap(Model::parameters));
  }

  @Override
  public Sequential withValues(Seq<Double> values) {
    Objects.requireNonNull(values, "values is null");
    Vector<Integer> counts = layers.map(layer -> layer.parameters().size());
    Layers.requireCount(counts.sum().intValue(), values, this);
    Vector<Double> all = values.toVector();
    Vector<Model<?>> next = Vector.empty();
    int from = 0;
    for (int l = 0; l < layers.size(); l++) {
      int to = from + counts.get(l);
      // withValues returns the layer's own type, a Model<?> too: no cast
      next = next.append(layers.get(l).withValues(all.slice(from, to)));
      from = to;
    }
    return new Sequential(next);
  }

  /** {@return the last layer's outputs; a loop over the layers, not a recursion} */
  @Override
  public Vector<Expr> forward(Seq<? extends Expr> inputs) {
    Objects.requireNonNull(inputs, "inputs is null");
    Seq<? extends Expr> x = inputs;
    for (Model<?> layer : layers) {
      x = layer.forward(x);
    }
    return Vector.narrow(x.toVector());
  }

  /**
   * {@return this model for inference: every {@link Dropout} layer switched off, in nested {@code
   * Sequential}s too, the others unchanged}
   */
  public Sequential inference() {
    return new Sequential(layers.map(Sequential::inference));
  }

  private static Model<?> inference(Model<?> layer) {
    if (layer instanceof Dropout d) {
      return d.inference();
    }
    return layer instanceof Sequential s ? s.inference() : layer;
  }

  @Override
  public String toString() {
    return layers.mkString("Sequential(", ", ", ")");
  }
}
