package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * Loss functions: each builds one {@link Expr} from predictions and targets, so {@code
 * Autodiff.backward(loss)} gives every parameter's gradient.
 *
 * <pre>{@code
 * Vector<Expr> predictions = xs.map(x -> model.apply(x));
 * Expr loss = Loss.sumOfSquares(predictions, Vector.of(1.0, -1.0, -1.0, 1.0));
 * Expr regularised = Loss.hinge(scores, labels).add(Loss.l2(1e-4, model.parameters()));
 * }</pre>
 *
 * <p>Sums run left to right from the first term, and means multiply by {@code 1.0 / n}, as
 * micrograd's {@code sum(losses) * (1.0 / len(losses))}; the moons demo depends on this order to
 * repeat micrograd's numbers.
 */
public final class Loss {
  private Loss() {}

  /** {@return Σ (prediction - target)², the lecture's loss} */
  public static Expr sumOfSquares(Seq<? extends Expr> predictions, Seq<Double> targets) {
    requirePairs(predictions, targets);
    return sum(predictions.zipWith(targets, (p, y) -> p.sub(y).pow(2)));
  }

  /** {@return (1/n) Σ (prediction - target)²} */
  public static Expr meanSquaredError(Seq<? extends Expr> predictions, Seq<Double> targets) {
    return sumOfSquares(predictions, targets).mul(1.0 / predictions.size());
  }

  /**
   * {@return (1/n) Σ max(0, 1 - label·score), the max-margin loss of micrograd's moons demo; labels
   * are -1 or +1}
   */
  public static Expr hinge(Seq<? extends Expr> scores, Seq<Double> labels) {
    return hingeSum(scores, labels).mul(1.0 / scores.size());
  }

  /**
   * {@return Σ max(0, 1 - label·score): the sum of {@link #hinge}'s terms, before the mean, for
   * losses that are split over parts of a batch}
   */
  public static Expr hingeSum(Seq<? extends Expr> scores, Seq<Double> labels) {
    requirePairs(scores, labels);
    // micrograd's (1 + -yi*scorei).relu() evaluates as relu(scorei * -yi + 1)
    return sum(scores.zipWith(labels, (s, y) -> s.mul(-y).add(1.0).relu()));
  }

  /**
   * {@return (1/n) Σ [log(1 + e^x) - t·x] for logits x and targets t in [0, 1]: binary
   * cross-entropy on σ(x) without forming σ(x), so it stays finite at |x| = 1000}
   */
  public static Expr binaryCrossEntropy(Seq<? extends Expr> logits, Seq<Double> targets) {
    requirePairs(logits, targets);
    return sum(logits.zipWith(targets, (x, t) -> softplus(x).sub(x.mul(t))))
        .mul(1.0 / logits.size());
  }

  /**
   * {@return the softmax cross-entropy of one example, {@code -log softmax(logits)[target]}, as
   * PyTorch's {@code F.cross_entropy}: log Σ_i e^(x_i - m) + m - x_target with m the largest logit,
   * so no exponential overflows, and it stays finite and exact for logits of ±1000}
   *
   * <p>Its gradient is softmax(x) - onehot(target). The shift m is a {@code max} of the logits (so
   * a traced tape recomputes it for new logits) behind a stop-gradient: its derivative cancels
   * exactly in the formula, and so adds no rounding.
   *
   * <pre>{@code
   * Expr loss = Loss.crossEntropy(model.forward(pixels), 7);   // the digit is a 7
   * }</pre>
   *
   * @throws IllegalArgumentException if there are no logits or {@code target} is not an index of
   *     one
   */
  public static Expr crossEntropy(Seq<? extends Expr> logits, int target) {
    Objects.requireNonNull(logits, "logits is null");
    if (target < 0 || target >= logits.size()) {
      throw new IllegalArgumentException(
          "expected a target in [0, " + logits.size() + "), got " + target);
    }
    Expr m = shift(logits);
    return logSumExp(logits, m).sub(logits.get(target).sub(m));
  }

  /** {@return stop(max(x_0, x_1, ...)): the log-sum-exp's shift, without a gradient} */
  private static Expr shift(Seq<? extends Expr> logits) {
    Expr max = logits.head();
    for (Expr x : logits.tail()) {
      max = max.apply(Ops.MAX, x);
    }
    return max.apply(Ops.STOP);
  }

  /** {@return log Σ e^(x_i - m), left to right; the largest term is e^0 = 1, the sum in [1, n]} */
  private static Expr logSumExp(Seq<? extends Expr> logits, Expr m) {
    Expr sum = logits.head().sub(m).exp();
    for (Expr x : logits.tail()) {
      sum = sum.add(x.sub(m).exp());
    }
    return sum.log();
  }

  /**
   * {@return the cross-entropy of one example against class probabilities, {@code -Σ_k p_k log
   * softmax(logits)_k}, as PyTorch's {@code F.cross_entropy} with probabilities as the target}
   *
   * <p>With a one-hot {@code probabilities} (1 at the target, 0 elsewhere) it is {@link
   * #crossEntropy(Seq, int)} to the last bit, value and gradient; as the target is then a value
   * rather than the shape of the graph, one traced graph serves every class.
   *
   * <pre>{@code
   * Expr loss = Loss.crossEntropy(logits, Vector.of(0.0, 1.0, 0.0).map(Expr::of));   // class 1
   * }</pre>
   *
   * @throws IllegalArgumentException if there are no logits or not one probability per logit
   */
  public static Expr crossEntropy(Seq<? extends Expr> logits, Seq<? extends Expr> probabilities) {
    Objects.requireNonNull(logits, "logits is null");
    Objects.requireNonNull(probabilities, "probabilities is null");
    if (logits.isEmpty() || logits.size() != probabilities.size()) {
      throw new IllegalArgumentException(
          "expected one probability per logit, at least 1, got "
              + probabilities.size()
              + " for "
              + logits.size());
    }
    Expr m = shift(logits);
    Expr logSum = logSumExp(logits, m);
    // Σ_k p_k · (log S - (x_k - m)): each term is -p_k log softmax_k, added left to right
    Expr total = probabilities.head().mul(logSum.sub(logits.head().sub(m)));
    for (int k = 1; k < logits.size(); k++) {
      total = total.add(probabilities.get(k).mul(logSum.sub(logits.get(k).sub(m))));
    }
    return total;
  }

  /** {@return alpha · Σ p², L2 regularisation over {@code parameters}} */
  public static Expr l2(double alpha, Seq<? extends Expr> parameters) {
    Objects.requireNonNull(parameters, "parameters is null");
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("expected at least 1 parameter, got 0");
    }
    return sum(parameters.map(p -> p.mul(p))).mul(alpha);
  }

  /** {@return log(1 + e^x), choosing the form that cannot overflow for the sign of x's value} */
  static Expr softplus(Expr x) {
    // the graph is built for known values, so the branch is fixed per node: for x ≥ 0,
    // log(1 + e^x) = x + log(1 + e^-x); both forms have the exact derivative σ(x)
    return x.value() >= 0 ? x.add(x.neg().exp().add(1.0).log()) : x.exp().add(1.0).log();
  }

  /** Left to right: ((t0 + t1) + t2) + ..., like Python's sum. */
  private static Expr sum(Seq<? extends Expr> terms) {
    Expr total = terms.head();
    for (Expr term : terms.tail()) {
      total = total.add(term);
    }
    return total;
  }

  private static void requirePairs(Seq<? extends Expr> predictions, Seq<Double> targets) {
    Objects.requireNonNull(predictions, "predictions is null");
    Objects.requireNonNull(targets, "targets is null");
    if (predictions.isEmpty()) {
      throw new IllegalArgumentException("expected at least 1 prediction, got 0");
    }
    if (predictions.size() != targets.size()) {
      throw new IllegalArgumentException(
          "expected " + predictions.size() + " targets, one per prediction, got " + targets.size());
    }
  }
}
