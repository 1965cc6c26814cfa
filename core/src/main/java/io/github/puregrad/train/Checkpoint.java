package io.github.puregrad.train;

import java.util.Objects;

/**
 * Where a training run stands between two epochs: everything {@link Trainer#run} needs to go on as
 * if it had never stopped. The epoch's index also fixes its mini-batch shuffle (drawn from {@link
 * TrainConfig#seed()} and the index), so no random generator state is kept.
 *
 * <pre>{@code
 * Checkpoint<Mlp, Sgd.Velocity> start = trainer.start(model);
 * Checkpoint<Mlp, Sgd.Velocity> half = trainer.run(start, data, 50, epoch -> {}).get();
 * SaveFile.write(Path.of("run.json"), trainer, half, HashMap.empty()); // or keep it in memory
 * Checkpoint<Mlp, Sgd.Velocity> done = trainer.run(half, data, 100, epoch -> {}).get();
 * }</pre>
 *
 * @param epoch the index of the next epoch to run, from 0
 * @param model the model that epoch starts from
 * @param state the optimizer state that epoch starts from
 * @param lastGood the model the last completed step started from (what a {@link Divergence} in the
 *     next step would report); {@code model} at the start of a run
 * @param <M> the model type
 * @param <S> the optimizer's state type
 */
public record Checkpoint<M, S>(int epoch, M model, S state, M lastGood) {
  public Checkpoint {
    if (epoch < 0) {
      throw new IllegalArgumentException("expected an epoch index of at least 0, got " + epoch);
    }
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(lastGood, "lastGood is null");
  }
}
