package io.github.puregrad.optim;

import io.github.puregrad.nn.Model;
import io.vavr.collection.Vector;
import java.util.Objects;
import org.immutables.value.Value;

/**
 * Adam, and AdamW when {@code weightDecay > 0}. At step t (from 1), for each parameter p with
 * gradient g:
 *
 * <pre>
 * m = β1·m + (1 - β1)·g          v = β2·v + (1 - β2)·g²
 * p = p - lr·(m / (1 - β1^t)) / (√(v / (1 - β2^t)) + ε) - lr·λ·p
 * </pre>
 *
 * <p>The decay term uses p before the step (decoupled weight decay, as PyTorch's AdamW).
 *
 * <pre>{@code
 * Adam adam = Adam.builder().learningRate(Schedule.constant(0.01)).build();   // β 0.9, 0.999
 * Adam adamW = Adam.builder().learningRate(Schedule.constant(0.01)).weightDecay(0.01).build();
 * }</pre>
 *
 * @param learningRate lr, by step
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param epsilon ε &gt; 0, keeps the denominator away from 0
 * @param weightDecay λ ≥ 0; 0 for plain Adam
 */
@Value.Builder
public record Adam(
    Schedule learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    implements Optimizer<Adam.Moments> {
  public Adam {
    Objects.requireNonNull(learningRate, "learningRate is null");
    requireIn(beta1, "beta1");
    requireIn(beta2, "beta2");
    if (!(epsilon > 0 && Double.isFinite(epsilon))) {
      throw new IllegalArgumentException("expected epsilon > 0, got " + epsilon);
    }
    if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
      throw new IllegalArgumentException("expected weightDecay >= 0, got " + weightDecay);
    }
  }

  /** The builder, with the usual defaults: β1 0.9, β2 0.999, ε 1e-8, no weight decay. */
  public static final class Builder extends AdamBuilder {
    Builder() {
      beta1(0.9);
      beta2(0.999);
      epsilon(1e-8);
      weightDecay(0.0);
    }
  }

  /** {@return a builder with the defaults set; only the learning rate is required} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Moments init(Model<?> model) {
    Objects.requireNonNull(model, "model is null");
    Vector<Double> zeros = Vector.fill(model.parameters().size(), 0.0);
    return new Moments(0, zeros, zeros);
  }

  @Override
  public Moved<Moments> move(Vector<Double> values, Vector<Double> gradients, Moments state) {
    Objects.requireNonNull(values, "values is null");
    Objects.requireNonNull(state, "state is null");
    Sgd.requireGradients(gradients, values.size());
    Sgd.Velocity.requireSize(state.m(), values.size());
    Sgd.Velocity.requireSize(state.v(), values.size());
    double rate = learningRate.at(state.step());
    long t = state.step() + 1;
    double correction1 = 1 - Math.pow(beta1, (double) t);
    double correction2 = 1 - Math.pow(beta2, (double) t);
    double[] m = new double[values.size()];
    double[] v = new double[values.size()];
    double[] moved = new double[values.size()];
    for (int i = 0; i < moved.length; i++) {
      double p = values.get(i);
      double g = gradients.get(i);
      m[i] = beta1 * state.m().get(i) + (1 - beta1) * g;
      v[i] = beta2 * state.v().get(i) + (1 - beta2) * g * g;
      double adam = (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + epsilon);
      moved[i] = p - rate * adam - rate * weightDecay * p;
    }
    return new Moved<>(Vector.ofAll(moved), new Moments(t, Vector.ofAll(m), Vector.ofAll(v)));
  }

  private static void requireIn(double beta, String name) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("expected " + name + " in [0, 1), got " + beta);
    }
  }

  /**
   * Adam's state.
   *
   * @param step the number of updates so far
   * @param m first moments, one per parameter
   * @param v second moments, one per parameter
   */
  public record Moments(long step, Vector<Double> m, Vector<Double> v) {
    public Moments {
      Objects.requireNonNull(m, "m is null");
      Objects.requireNonNull(v, "v is null");
    }
  }
}
