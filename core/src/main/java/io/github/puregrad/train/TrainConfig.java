package io.github.puregrad.train;

import io.vavr.control.Option;
import org.immutables.value.Value;

/**
 * How to cut the data into batches, and how to compute each batch's gradient.
 *
 * <pre>{@code
 * TrainConfig full = TrainConfig.fullBatch();                             // micrograd's default
 * TrainConfig mini = TrainConfig.builder().batchSize(16).seed(7).build();
 * TrainConfig twoCores = TrainConfig.builder().threads(2).build();   // data-parallel
 * TrainConfig compiled = TrainConfig.builder().tape(true).build();   // trace once, replay
 * }</pre>
 *
 * @param batchSize examples per update; empty for the whole dataset in its own order
 * @param seed with a batch size, epoch k's order is a shuffle drawn from this seed and k, so a run
 *     is reproducible
 * @param threads empty (the default) to differentiate each batch's loss as one graph; N to split
 *     each batch into chunks of {@code chunkSize} examples, differentiate the chunks on N threads
 *     and add them up in chunk order. Needs an {@link Objective.Separable}. The results are the
 *     same to the last bit for every N, but not the same as with one graph, whose sums run in
 *     another order (they agree to about 1e-15 relative)
 * @param chunkSize examples per chunk with {@code threads}; the results depend on it (it fixes the
 *     order of the sums), not on the number of threads. 8 by default
 * @param tape with full-batch training: trace the loss graph into a {@link
 *     io.github.puregrad.grad.Tape} at the first step and evaluate that tape for the gradients of
 *     every later step (with {@code threads}, one tape per chunk), instead of walking and
 *     differentiating a new graph. The results are those of the eager engine to the last bit, as
 *     long as the objective builds a graph of the same shape at every step, which it does unless it
 *     branches on values; a step whose loss differs from the tape's is traced again. Without
 *     threads and with a {@link Objective#traceable() traceable} objective, later steps build no
 *     records at all: the tape gives the loss, the gradients and the metrics
 */
@Value.Builder
public record TrainConfig(
    Option<Integer> batchSize, long seed, Option<Integer> threads, int chunkSize, boolean tape) {
  public TrainConfig {
    if (batchSize.exists(size -> size < 1)) {
      throw new IllegalArgumentException(
          "expected a batch size of at least 1, got " + batchSize.get());
    }
    if (threads.exists(count -> count < 1)) {
      throw new IllegalArgumentException("expected at least 1 thread, got " + threads.get());
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("expected a chunk size of at least 1, got " + chunkSize);
    }
    if (tape && batchSize.isDefined()) {
      throw new IllegalArgumentException(
          "expected full-batch training with a tape (every mini-batch is a new graph), got a batch"
              + " size of "
              + batchSize.get());
    }
  }

  /**
   * The builder: full batch, seed 0, one graph per batch (no threads, chunks of 8), no tape unless
   * told otherwise.
   */
  public static final class Builder extends TrainConfigBuilder {
    Builder() {
      batchSize(Option.none());
      threads(Option.none());
      seed(0);
      chunkSize(8);
      tape(false);
    }

    /** {@return this builder, with batches of {@code size} examples} */
    public Builder batchSize(int size) {
      return batchSize(Option.some(size));
    }

    /** {@return this builder, with each batch's gradient spread over {@code count} threads} */
    public Builder threads(int count) {
      return threads(Option.some(count));
    }
  }

  /** {@return a builder with the defaults: full batch, seed 0, no threads, chunks of 8, no tape} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return one batch of every example, unshuffled} */
  public static TrainConfig fullBatch() {
    return builder().build();
  }
}
