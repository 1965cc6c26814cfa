package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.data.Moons;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.vavr.collection.List;
import java.util.SplittableRandom;

/**
 * micrograd's moons demo as the training tests use it: its 100 points, its initial MLP(2, [16, 16,
 * 1]) and its trainer (hinge loss with alpha 1e-4, SGD at {@code 1.0 - 0.9*k/100}).
 *
 * <pre>{@code
 * MicrogradMoons.trainer(TrainConfig.fullBatch()).epochs(MicrogradMoons.model(), MicrogradMoons.data())
 * }</pre>
 */
final class MicrogradMoons {
  private MicrogradMoons() {}

  static Dataset data() {
    return Moons.micrograd();
  }

  static Mlp model() {
    return Mlp.of(
            2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(0))
        .withValues(Moons.microgradInit());
  }

  static Trainer<Mlp, Sgd.Velocity> trainer(TrainConfig config) {
    return new Trainer<>(Objective.hinge(1e-4), Sgd.of(Schedule.linear(1.0, 0.1, 100)), config);
  }
}
