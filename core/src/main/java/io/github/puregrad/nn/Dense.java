package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A fully connected layer without activation, PyTorch's {@code nn.Linear}: {@code y_o = b_o + Σ_i
 * W[o][i]·x_i}. Put an {@link Act} after it for a nonlinearity.
 *
 * <pre>{@code
 * Dense head = Dense.of(72, 10, new SplittableRandom(1));   // 720 weights, then 10 biases
 * Vector<Expr> logits = head.forward(features);               // 10 outputs
 * }</pre>
 *
 * @param nin inputs per example
 * @param nout outputs
 * @param weight {@code nout · nin} leaves, row by row: {@code weight[o * nin + i]} is W[o][i]
 * @param bias {@code nout} leaves
 */
public record Dense(int nin, int nout, Vector<Expr.Leaf> weight, Vector<Expr.Leaf> bias)
    implements Model<Dense> {
  public Dense {
    Layers.requirePositive("nin", nin);
    Layers.requirePositive("nout", nout);
    Objects.requireNonNull(weight, "weight is null");
    Objects.requireNonNull(bias, "bias is null");
    if (weight.size() != nin * nout || bias.size() != nout) {
      throw new IllegalArgumentException(
          "expected "
              + nin * nout
              + " weights and "
              + nout
              + " biases, got "
              + weight.size()
              + " and "
              + bias.size());
    }
  }

  /**
   * {@return a layer with weights, then biases, drawn uniformly from [-1/√nin, 1/√nin) in parameter
   * order, as PyTorch initialises {@code nn.Linear}}
   */
  public static Dense of(int nin, int nout, SplittableRandom random) {
    Layers.requirePositive("nin", nin);
    Layers.requirePositive("nout", nout);
    Vector<Expr.Leaf> weight = Layers.uniform(nin * nout, nin, random, "dense.w");
    return new Dense(nin, nout, weight, Layers.uniform(nout, nin, random, "dense.b"));
  }

  /** {@return the weights row by row, then the biases: PyTorch's {@code state_dict} order} */
  @Override
  public Vector<Expr.Leaf> parameters() {
    return weight.appendAll(bias);
  }

  @Override
  public Dense withValues(Seq<Double> values) {
    Layers.requireCount(nin * nout + nout, values, this);
    Vector<Double> all = values.toVector();
    return new Dense(
        nin, nout, Layers.withValues(weight, all, 0), Layers.withValues(bias, all, nin * nout));
  }

  /** {@return {@code b_o + W[o][0]·x_0 + W[o][1]·x_1 + ...} for each output o, summed in order} */
  @Override
  public Vector<Expr> forward(Seq<? extends Expr> inputs) {
    Expr[] x = Layers.array(inputs, nin);
    Expr.Leaf[] w = weight.toJavaArray(Expr.Leaf[]::new);
    Expr[] y = new Expr[nout];
    for (int o = 0; o < nout; o++) {
      Expr sum = bias.get(o);
      for (int i = 0; i < nin; i++) {
        sum = sum.add(w[o * nin + i].mul(x[i])); // one dot product's run on a tape
      }
      y[o] = sum;
    }
    return Vector.of(y);
  }

  @Override
  public String toString() {
    return "Dense(" + nin + ", " + nout + ")";
  }
}
