package io.github.puregrad.optim;

import io.github.puregrad.grad.Gradients;
import io.github.puregrad.nn.Model;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * Stochastic gradient descent, optionally with momentum: {@code v = μ·v + g; p = p - lr·v}
 * (PyTorch's form); with {@code μ = 0} it is micrograd's {@code p.data -= lr * p.grad}.
 *
 * <pre>{@code
 * Mlp next = Sgd.step(model, Autodiff.backward(loss), 0.1);      // one plain step
 * Sgd sgd = Sgd.of(Schedule.linear(1.0, 0.1, 100));                // micrograd's moons schedule
 * Sgd heavy = Sgd.of(Schedule.constant(0.01)).withMomentum(0.9);
 * }</pre>
 *
 * @param learningRate the rate of each step
 * @param momentum μ in [0, 1); 0 for plain SGD
 */
public record Sgd(Schedule learningRate, double momentum) implements Optimizer<Sgd.Velocity> {
  public Sgd {
    Objects.requireNonNull(learningRate, "learningRate is null");
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("expected a momentum in [0, 1), got " + momentum);
    }
  }

  // -- static API

  /** {@return plain SGD with the given schedule} */
  public static Sgd of(Schedule learningRate) {
    return new Sgd(learningRate, 0.0);
  }

  /** {@return {@code model} after one plain SGD step: {@code p - learningRate · dL/dp}} */
  public static <M extends Model<M>> M step(M model, Gradients gradients, double learningRate) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(gradients, "gradients is null");
    return model.withValues(
        model.parameters().map(p -> p.value() - learningRate * gradients.get(p)));
  }

  // -- non-static API

  /** {@return this optimizer with momentum μ} */
  public Sgd withMomentum(double mu) {
    return new Sgd(learningRate, mu);
  }

  @Override
  public Velocity init(Model<?> model) {
    Objects.requireNonNull(model, "model is null");
    int n = model.parameters().size();
    return new Velocity(0, momentum == 0 ? Vector.empty() : Vector.fill(n, 0.0));
  }

  @Override
  public Moved<Velocity> move(Vector<Double> values, Vector<Double> gradients, Velocity state) {
    Objects.requireNonNull(values, "values is null");
    Objects.requireNonNull(state, "state is null");
    requireGradients(gradients, values.size());
    double rate = learningRate.at(state.step());
    if (momentum == 0) {
      return new Moved<>(
          values.zipWith(gradients, (p, g) -> p - rate * g),
          new Velocity(state.step() + 1, Vector.empty()));
    }
    Velocity.requireSize(state.velocity(), values.size());
    Vector<Double> velocity = state.velocity().zipWith(gradients, (v, g) -> momentum * v + g);
    return new Moved<>(
        values.zipWith(velocity, (p, v) -> p - rate * v), new Velocity(state.step() + 1, velocity));
  }

  /** Checks that there is one gradient per parameter (for every optimizer of this package). */
  static void requireGradients(Vector<Double> gradients, int parameters) {
    Objects.requireNonNull(gradients, "gradients is null");
    if (gradients.size() != parameters) {
      throw new IllegalArgumentException(
          "expected " + parameters + " gradients, one per parameter, got " + gradients.size());
    }
  }

  /**
   * SGD's state.
   *
   * @param step the number of updates so far: the next update's schedule step
   * @param velocity one value per parameter with momentum; empty without
   */
  public record Velocity(long step, Vector<Double> velocity) {
    public Velocity {
      Objects.requireNonNull(velocity, "velocity is null");
    }

    static void requireSize(Vector<Double> moments, int parameters) {
      if (moments.size() != parameters) {
        throw new IllegalArgumentException(
            "expected optimizer state for " + parameters + " parameters, got " + moments.size());
      }
    }
  }
}
