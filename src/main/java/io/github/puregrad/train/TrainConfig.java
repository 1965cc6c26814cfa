package io.github.puregrad.train;

import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * How to cut the data into batches.
 *
 * <pre>{@code
 * TrainConfig full = TrainConfig.fullBatch();                             // micrograd's default
 * TrainConfig mini = new TrainConfig.Builder().batchSize(16).seed(7).build();
 * }</pre>
 *
 * @param batchSize examples per update; empty for the whole dataset in its own order
 * @param seed with a batch size, epoch k's order is a shuffle drawn from this seed and k, so a run
 *     is reproducible
 */
@Value.Builder
public record TrainConfig(OptionalInt batchSize, long seed) {
  public TrainConfig {
    if (batchSize.isPresent() && batchSize.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "expected a batch size of at least 1, got " + batchSize.getAsInt());
    }
  }

  /** The builder: full batch and seed 0 unless told otherwise. */
  public static final class Builder extends TrainConfigBuilder {
    /** A builder with the defaults set. */
    public Builder() {
      seed(0);
    }
  }

  /** {@return one batch of every example, unshuffled} */
  public static TrainConfig fullBatch() {
    return new Builder().build();
  }
}
